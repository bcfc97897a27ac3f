"""DGAFP administrators create and edit calls here (themes, documents to attach and the grid as inlines); the
call's moves and the committee's work are on the site's pages."""

from django import forms
from django.contrib import admin

from mentor.organisations.enums import OrganisationKind

from .models import Call, CallLog, Criterion, Proposal, RequiredDocument, Theme


class CallForm(forms.ModelForm):
    eligible_kinds = forms.MultipleChoiceField(
        label="Types d'organisations admis",
        choices=OrganisationKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Aucun coché : tous les types.",
    )

    class Meta:
        model = Call
        fields = [
            "title",
            "year",
            "description",
            "opens_at",
            "closes_at",
            "envelope",
            "max_rate",
            "max_amount",
            "eligible_kinds",
            "requires_agreement",
            "scale_max",
        ]


class ThemeInline(admin.StackedInline):
    model = Theme
    extra = 1
    filter_horizontal = ["collections", "thematic_offers"]


class DocumentInline(admin.TabularInline):
    model = RequiredDocument
    extra = 1


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 1


class LogInline(admin.TabularInline):
    model = CallLog
    extra = 0
    can_delete = False
    readonly_fields = ["transition", "from_status", "to_status", "actor", "at", "comment"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
    form = CallForm
    list_display = ["title", "year", "status", "opens_at", "closes_at", "envelope"]
    list_filter = ["status", "year"]
    inlines = [ThemeInline, DocumentInline, CriterionInline, LogInline]


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    """To look proposals up only: decisions go through the committee's page, which keeps the envelope rule."""

    list_display = ["title", "call", "organisation", "status", "verdict", "requested", "granted"]
    list_filter = ["call", "status", "verdict"]
    search_fields = ["title", "organisation__name"]
    list_select_related = ["call", "organisation"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
