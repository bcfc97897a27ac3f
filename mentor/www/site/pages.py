"""The pages every State site carries, linked from the footer: legal notice, personal data, site map and
accessibility statement. They read nothing from the database."""

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.http import require_safe

from ..breadcrumb import breadcrumb
from .accessibility import AUDITED_ON, CHECKED_PAGES, RULES_CHECKED


def _page(request, template, title, **context):
    return render(
        request,
        f"www/site/{template}.html",
        {"breadcrumb_data": breadcrumb(current=title), "title": title, **context},
    )


@require_safe
def legal_notice(request):
    return _page(request, "legal_notice", "Mentions légales", hosting=settings.HOSTING_PROVIDER)


@require_safe
def personal_data(request):
    return _page(request, "personal_data", "Données personnelles")


@require_safe
def site_map(request):
    return _page(request, "site_map", "Plan du site")


@require_safe
def accessibility_statement(request):
    return _page(
        request,
        "accessibility",
        "Déclaration d'accessibilité",
        checked_pages=CHECKED_PAGES,
        audited_on=AUDITED_ON,
        rules=RULES_CHECKED,
    )
