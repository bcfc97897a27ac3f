"""The guards of tests/guards.py, switched on for every test by tests/conftest.py, do what they promise."""

import pytest
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext

from mentor.accounts.models import Membership
from mentor.offer.models import Collection
from tests import guards
from tests.factories import MembershipFactory


def test_a_variable_a_template_of_ours_names_but_its_context_lacks_fails():
    with pytest.raises(
        guards.UnknownTemplateVariable,
        match=r"refused.html, ligne \d+ : reason\|default:.* : la variable reason",
    ):
        render_to_string("www/organisation/refused.html", {"SITE_NAME": "Mentor", "SITE_TAGLINE": ""})


def test_a_template_of_ours_with_all_its_variables_renders():
    page = render_to_string(
        "www/organisation/refused.html", {"SITE_NAME": "Mentor", "SITE_TAGLINE": "", "reason": "Pas ici."}
    )
    assert "Pas ici." in page


def test_another_packages_template_renders_a_missing_variable_as_django_does():
    """django-dsfr's breadcrumb relies on ``default`` for a missing root: it still applies."""
    page = render_to_string("dsfr/breadcrumb.html", {"self": {"links": [], "current": "Ici"}})
    assert 'href="/"' in page
    assert "Ici" in page


@pytest.mark.django_db
def test_a_row_lock_that_joins_other_rows_without_of_fails():
    membership = MembershipFactory()
    with transaction.atomic():
        with pytest.raises(guards.ForUpdateJoinsOtherRows, match="Membership"):
            Membership.objects.select_for_update().select_related("user").get(pk=membership.pk)
        locked = (
            Membership.objects.select_for_update(of=("self",)).select_related("user").get(pk=membership.pk)
        )
    assert locked.user == membership.user


@pytest.mark.django_db
def test_a_query_without_an_order_comes_back_in_a_random_order():
    MembershipFactory()
    with CaptureQueriesContext(connection) as unordered:
        list(Membership.objects.all())
    with CaptureQueriesContext(connection) as ordered:
        list(Membership.objects.order_by("pk"))
        list(Collection.objects.all())  # Meta.ordering
        Membership.objects.count()
    # RANDOM() on PostgreSQL, RAND(), a function Django gives SQLite, there.
    assert "ORDER BY RAND" in unordered[0]["sql"].upper()
    assert not any("RAND" in query["sql"].upper() for query in ordered)
