from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from . import services
from .models import AccountRequest, EntityChangeRequest, Invitation, Membership, User


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "user"
    extra = 0
    autocomplete_fields = ["organisation", "collection"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = [
        "email",
        "first_name",
        "last_name",
        "entity",
        "is_active",
        "email_confirmed_at",
        "is_staff",
    ]
    list_filter = ["is_active", "is_staff", "is_superuser"]
    search_fields = ["email", "first_name", "last_name"]
    autocomplete_fields = ["entity"]
    list_select_related = ["entity"]
    inlines = [MembershipInline]
    actions = ["delete_accounts"]

    @admin.action(description="Supprimer les comptes sélectionnés (pseudonymisés, décisions conservées)")
    def delete_accounts(self, request, queryset):
        for user in queryset.filter(deleted_at__isnull=True):
            services.delete_account(user)

    def has_delete_permission(self, request, obj=None):
        # A row is never deleted: the record of who decided what must stay (services.delete_account).
        return False

    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Identité", {"fields": ["first_name", "last_name", "entity"]}),
        ("Droits", {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]}),
        ("Dates", {"fields": ["last_login", "date_joined", "email_confirmed_at"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "entity", "password1", "password2"]})]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "organisation", "collection"]
    list_filter = ["role"]
    search_fields = ["user__email", "organisation__code", "organisation__name"]
    autocomplete_fields = ["user", "organisation", "collection"]
    list_select_related = ["user", "organisation", "collection"]


class DecidableAdmin(admin.ModelAdmin):
    list_filter = ["status"]
    readonly_fields = ["decided_by", "decided_at", "created_at"]
    list_select_related = True


@admin.register(AccountRequest)
class AccountRequestAdmin(DecidableAdmin):
    list_display = ["user", "entity", "status", "created_at", "decided_by"]
    search_fields = ["user__email", "entity__code", "entity__name"]
    autocomplete_fields = ["user", "entity"]


@admin.register(EntityChangeRequest)
class EntityChangeRequestAdmin(DecidableAdmin):
    list_display = ["user", "from_entity", "to_entity", "status", "created_at", "decided_by"]
    search_fields = ["user__email", "to_entity__code", "to_entity__name"]
    autocomplete_fields = ["user", "from_entity", "to_entity"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "organisation", "role", "invited_by", "created_at", "accepted_at"]
    search_fields = ["email", "organisation__code"]
    autocomplete_fields = ["organisation"]
    readonly_fields = ["invited_by", "accepted_at"]
    list_select_related = ["organisation", "invited_by"]
