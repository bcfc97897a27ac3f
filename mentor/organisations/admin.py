from django.contrib import admin

from .models import ContactMessage, EmailDomain, Organisation, PartnershipAgreement, TeamMembership


class EmailDomainInline(admin.TabularInline):
    model = EmailDomain
    extra = 0


class TeamMembershipInline(admin.TabularInline):
    model = TeamMembership
    extra = 0
    autocomplete_fields = ["user"]
    fields = ["position", "user", "name", "role_label", "email", "phone"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "parent", "ministry"]
    list_filter = ["kind"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["parent"]
    readonly_fields = ["ministry"]
    inlines = [EmailDomainInline, TeamMembershipInline]
    list_select_related = ["parent", "ministry"]


@admin.register(TeamMembership)
class TeamMembershipAdmin(admin.ModelAdmin):
    list_display = ["organisation", "position", "display_name", "role_label", "email", "phone"]
    search_fields = ["organisation__code", "organisation__name", "name", "email", "user__email"]
    autocomplete_fields = ["organisation", "user"]
    list_select_related = ["organisation", "user"]


@admin.register(PartnershipAgreement)
class PartnershipAgreementAdmin(admin.ModelAdmin):
    list_display = ["partner", "starts_on", "ends_on", "status", "offers_ministry_specific_trainings"]
    list_filter = ["status", "offers_ministry_specific_trainings"]
    search_fields = ["partner__code", "partner__name"]
    date_hierarchy = "ends_on"
    autocomplete_fields = ["partner"]
    filter_horizontal = ["contributed_collections"]
    list_select_related = ["partner"]


@admin.register(ContactMessage)
class ContactMessageAdmin(admin.ModelAdmin):
    list_display = ["subject", "organisation", "sender_email", "sending", "created_at"]
    list_filter = ["email__status"]
    search_fields = ["subject", "sender_email", "organisation__code"]
    list_select_related = ["organisation", "email"]
    readonly_fields = ["organisation", "sender", "sender_email", "subject", "body", "email", "created_at"]

    @admin.display(description="envoi", ordering="email__status")
    def sending(self, message):
        return message.email.get_status_display() if message.email else "—"
