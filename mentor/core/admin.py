from django.contrib import admin

from .models import FormacodeTerm


@admin.register(FormacodeTerm)
class FormacodeTermAdmin(admin.ModelAdmin):
    list_display = ["code", "label", "kind", "semantic_field"]
    list_filter = ["kind"]
    search_fields = ["code", "label", "synonyms"]
