from django.contrib import admin

from .models import PublicationCriterion


@admin.register(PublicationCriterion)
class PublicationCriterionAdmin(admin.ModelAdmin):
    list_display = ["name", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"code": ["name"]}
