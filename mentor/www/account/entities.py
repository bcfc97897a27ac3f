"""The entity picker that works without JavaScript: a GET search narrows a server-rendered list of radios."""

from django import forms

from mentor.accounts.services import NOT_ATTACHABLE
from mentor.organisations.models import EmailDomain, Organisation

MAX_CHOICES = 40


class EntityField(forms.ModelChoiceField):
    """Any organisation id is looked up, so that a forged or stale id gets a French message rather than a 500;
    the kinds nobody may be attached to are refused with their own message."""

    def __init__(self, **kwargs):
        super().__init__(
            queryset=Organisation.objects.all(),
            label="Entité de rattachement",
            error_messages={
                "required": "Choisissez votre entité de rattachement dans la liste.",
                "invalid_choice": "Cette entité n'existe pas : choisissez-la dans la liste.",
            },
            **kwargs,
        )

    def clean(self, value):
        organisation = super().clean(value)
        if organisation is not None and not organisation.is_attachable:
            raise forms.ValidationError(NOT_ATTACHABLE)
        return organisation


def entity_options(query: str = "", email: str = "", selected: Organisation | None = None):
    """``(suggested, options)``: the organisation owning the address's domain, and the organisations to list,
    narrowed by ``query`` when there is one, else the suggestion's subtree, else the top of the tree."""
    suggested = EmailDomain.organisation_for_email(email) if "@" in email else None
    if suggested is not None and not suggested.is_attachable:
        suggested = None
    organisations = Organisation.objects.attachable().select_related("ministry")
    if query.strip():
        organisations = organisations.search(query)
    elif suggested is not None:
        organisations = organisations.subtree_of(suggested)
    else:
        organisations = organisations.filter(parent__isnull=True)
    options = list(organisations.order_by("path")[:MAX_CHOICES])
    for extra in (selected, suggested):
        if extra is not None and extra not in options:
            options.insert(0, extra)
    return suggested, options
