from django.contrib import admin, messages
from django.utils.translation import ngettext

from .mail.tasks import send_again
from .models import FormacodeTerm, OutgoingEmail


@admin.register(FormacodeTerm)
class FormacodeTermAdmin(admin.ModelAdmin):
    list_display = ["code", "label", "kind", "semantic_field"]
    list_filter = ["kind"]
    search_fields = ["code", "label", "synonyms"]


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    """What the task queue sent, is about to send again, or gave up on: the DGAFP sends failed ones again."""

    list_display = ["subject", "recipients", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status", "template"]
    search_fields = ["subject", "to"]
    date_hierarchy = "created_at"
    readonly_fields = [f.name for f in OutgoingEmail._meta.fields]
    actions = ["send_again"]

    @admin.display(description="destinataires")
    def recipients(self, email):
        return ", ".join(email.to)

    @admin.action(description="Renvoyer les courriels en échec sélectionnés", permissions=["change"])
    def send_again(self, request, queryset):
        count = send_again(queryset)
        if count:
            text = ngettext(
                "%(count)d courriel remis dans la file d'envoi.",
                "%(count)d courriels remis dans la file d'envoi.",
                count,
            )
            self.message_user(request, text % {"count": count}, messages.SUCCESS)
        else:
            self.message_user(request, "Aucun des courriels choisis n'était en échec.", messages.WARNING)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
