"""Signals of ``accounts`` that apps above it listen to, so that ``accounts`` never imports them."""

from django.dispatch import Signal

# Sent with ``user`` inside the transaction that deletes (pseudonymises) the account, before it is emptied: each
# app removes or anonymises what it holds about that person (registrations, watched collections, API tokens…).
account_deleted = Signal()
