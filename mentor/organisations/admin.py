from django.contrib import admin

from .models import EmailDomain, Organisation


class EmailDomainInline(admin.TabularInline):
    model = EmailDomain
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "parent", "ministry"]
    list_filter = ["kind"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["parent"]
    readonly_fields = ["ministry"]
    inlines = [EmailDomainInline]
    list_select_related = ["parent", "ministry"]
