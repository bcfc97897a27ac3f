from django.contrib import admin

from . import library
from .models import ChecklistTemplateItem, CommunityPage, DesignStep, Package, Resource, ResourceVersion


class ChecklistInline(admin.TabularInline):
    model = ChecklistTemplateItem
    extra = 1


@admin.register(DesignStep)
class DesignStepAdmin(admin.ModelAdmin):
    """The steps are data: administrators edit their guidance, deliverable, checklist and guide (a new training
    copies them; trainings already started keep their own copy)."""

    list_display = ["position", "name", "deliverable", "guide"]
    list_display_links = ["name"]
    inlines = [ChecklistInline]
    autocomplete_fields = ["guide"]


class VersionInline(admin.TabularInline):
    model = ResourceVersion
    extra = 0
    fields = ["number", "original_name", "note", "created_at"]
    readonly_fields = fields
    can_delete = False


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):
    list_display = ["title", "category", "kind", "audience", "changed_at"]
    list_filter = ["category", "kind", "audience"]
    search_fields = ["title", "description"]
    readonly_fields = ["changed_at", "change_note", "version_count"]
    raw_id_fields = ["training"]
    inlines = [VersionInline]

    def save_model(self, request, obj, form, change):
        # The search text and the "what changed recently" date are kept by the library's one write path.
        library.save_resource(obj)


@admin.register(CommunityPage)
class CommunityPageAdmin(admin.ModelAdmin):
    list_display = ["__str__", "updated_at"]


@admin.register(Package)
class PackageAdmin(admin.ModelAdmin):
    list_display = ["original_name", "training", "version", "passed", "created_at"]
    list_filter = ["passed"]
    raw_id_fields = ["training", "uploaded_by"]
    readonly_fields = ["report"]
