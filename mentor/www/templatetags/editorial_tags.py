"""Editorial pieces the pages include: the label badge, the training page's editorial panel (adopters,
"Adopter cette formation", link to the editorial file) and the "Suivre cette collection" button. They live with
their templates and the URLs they post to, in ``www``: ``editorial`` knows nothing of the pages."""

from django import template
from django.template.loader import render_to_string

from mentor.accounts.enums import Role
from mentor.accounts.roles import roles_of
from mentor.core.permissions import check
from mentor.editorial.access import follows
from mentor.editorial.models import CollectionWatch, Label
from mentor.editorial.permissions import adopting_organisations
from mentor.offer.permissions import ADOPTER_ROLES

register = template.Library()


@register.simple_tag
def label_badge(training, in_list=False):
    """The Mentor label as a DSFR badge, when ``training`` holds a valid one (``in_list``: as an item of a
    ``fr-badges-group`` list). Listings load the labels of their trainings at once (labels.attach_valid_labels),
    the training page with the training (labels.attach_selected_label); other pages ask for their own. Most trainings hold none: they render no template at all, where
    an inclusion tag would render one per card of the catalogue for nothing."""
    if hasattr(training, "valid_label"):
        label = training.valid_label
    else:
        label = Label.objects.valid().filter(training=training).first()
    if label is None:
        return ""
    return render_to_string("www/editorial/includes/label_badge.html", {"label": label, "in_list": in_list})


@register.inclusion_tag("www/editorial/includes/training_panel.html", takes_context=True)
def editorial_panel(context, training):
    user = context["request"].user
    adoptions = list(training.adoptions.select_related("organisation").order_by("organisation__name"))
    roles = roles_of(user)
    # Adopting promises that the adopter opens its own sessions: its people find where to schedule them here.
    schedules = user.is_authenticated and (
        roles.is_dgafp_admin
        or roles.holds(Role.SESSION_MANAGER, training.owner)
        or any(roles.holds_any(a.organisation, *ADOPTER_ROLES) for a in adoptions)
    )
    return {
        "training": training,
        "adoptions": adoptions,
        "schedules": schedules,
        "adopt": check(user, "editorial.adopt_training", training) if user.is_authenticated else None,
        "adopters": adopting_organisations(user, training),
        "follows": follows(user, training),
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("www/editorial/includes/watch_button.html", takes_context=True)
def watch_button(context, collection):
    user = context["request"].user
    return {
        "collection": collection,
        "authenticated": user.is_authenticated,
        "watching": user.is_authenticated
        and CollectionWatch.objects.filter(user=user, collection=collection).exists(),
        "csrf_token": context.get("csrf_token"),
    }
