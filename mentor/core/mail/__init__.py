"""Outgoing e-mail: every message of every app goes through ``notify()``, which stores it and enqueues its sending
in the caller's transaction (an outbox), so that a message exists if and only if the change that caused it
committed. The task queue's worker sends it, retries with backoff, and keeps it as failed when it gives up."""

from .notify import notify, single_line

__all__ = ["notify", "single_line"]
