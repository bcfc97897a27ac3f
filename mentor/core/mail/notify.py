"""The one way to send an e-mail: ``notify(recipients, template, context)``."""

import re
from collections.abc import Iterable

from django.conf import settings
from django.template.loader import render_to_string

from mentor.core.models import OutgoingEmail

from .tasks import enqueue_sending


def single_line(value: str) -> str:
    """A header value on one line: a title typed with a line break must not break (or inject into) the message's
    headers, which the mail layer refuses with BadHeaderError."""
    return re.sub(r"\s+", " ", value).strip()


def notify(
    recipients: Iterable[str],
    template: str,
    context: dict,
    *,
    reply_to: Iterable[str] = (),
    one_each: bool = True,
) -> list[OutgoingEmail]:
    """Write the message ``template`` to ``recipients`` and enqueue its sending, in the caller's transaction.

    ``template`` names two templates of the owning app: ``<template>.subject.txt`` (one line, "[Mentor]" is
    added) and ``<template>.body.txt``. With ``one_each`` (the default), every recipient gets their own message,
    so that people who do not know each other never see each other's addresses; a team writing to itself
    (``one_each=False``) gets one message to all. Empty and repeated addresses are dropped; with nobody left,
    nothing is written."""
    addresses = list(dict.fromkeys(single_line(r) for r in recipients if r and r.strip()))
    if not addresses:
        return []
    context = {**context, "SITE_NAME": settings.SITE_NAME}
    subject = single_line(f"[{settings.SITE_NAME}] " + render_to_string(f"{template}.subject.txt", context))
    body = render_to_string(f"{template}.body.txt", context)
    groups = [[address] for address in addresses] if one_each else [addresses]
    emails = OutgoingEmail.objects.bulk_create(
        OutgoingEmail(
            template=template,
            to=group,
            reply_to=[single_line(r) for r in reply_to],
            subject=subject[:255],
            body=body,
        )
        for group in groups
    )
    for email in emails:
        enqueue_sending(email)
    return emails
