from django.contrib import admin

from .models import (
    Adoption,
    Collection,
    Objective,
    Registration,
    Session,
    SessionTransitionLog,
    StrategicOrientation,
    ThematicOffer,
    Training,
)


class OrientationInline(admin.StackedInline):
    model = StrategicOrientation
    extra = 0
    prepopulated_fields = {"slug": ["title"]}
    show_change_link = True


@admin.register(Collection)
class CollectionAdmin(admin.ModelAdmin):
    list_display = ["name", "position", "parent", "lead", "colour"]
    list_editable = ["position", "lead"]
    list_select_related = ["parent", "lead"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["lead", "parent"]
    inlines = [OrientationInline]


class ThematicOfferInline(admin.StackedInline):
    model = ThematicOffer
    extra = 0
    prepopulated_fields = {"slug": ["title"]}
    show_change_link = True


@admin.register(StrategicOrientation)
class StrategicOrientationAdmin(admin.ModelAdmin):
    list_display = ["title", "collection", "position", "is_starting_content"]
    list_editable = ["position"]
    list_filter = ["collection", "is_starting_content"]
    search_fields = ["title"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [ThematicOfferInline]


class ObjectiveInline(admin.TabularInline):
    model = Objective
    extra = 1


@admin.register(ThematicOffer)
class ThematicOfferAdmin(admin.ModelAdmin):
    list_display = ["title", "orientation", "position"]
    list_editable = ["position"]
    list_filter = ["orientation__collection"]
    search_fields = ["title"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [ObjectiveInline]


@admin.register(Objective)
class ObjectiveAdmin(admin.ModelAdmin):
    list_display = ["text", "thematic_offer", "position"]
    search_fields = ["text"]


class SessionInline(admin.TabularInline):
    model = Session
    extra = 0
    fields = ["title", "organiser", "status", "starts_at", "ends_at", "is_permanent", "capacity", "open_to"]
    autocomplete_fields = ["organiser"]
    show_change_link = True
    readonly_fields = ["status"]


@admin.register(Training)
class TrainingAdmin(admin.ModelAdmin):
    list_display = ["title", "collection", "scope", "owner", "modality", "status"]
    list_filter = ["status", "scope", "modality", "collection"]
    search_fields = ["title", "keywords"]
    autocomplete_fields = ["owner", "collection", "designers", "formacode_terms"]
    filter_horizontal = ["covered_objectives"]
    list_select_related = ["collection", "owner"]
    inlines = [SessionInline]
    # States move only through the editorial workflow, which guards, logs and notifies every transition.
    readonly_fields = ["status", "published_at"]


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "organiser", "status", "starts_at", "capacity", "open_to"]
    list_filter = ["status", "open_to", "registration_mode"]
    search_fields = ["title", "training__title"]
    autocomplete_fields = ["training", "organiser", "open_to_organisations", "managers"]
    # Sessions move only through their guarded transitions (offer.sessions) and the scheduled command.
    readonly_fields = ["status"]
    list_select_related = ["training", "organiser"]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["session", "user", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["user__email", "session__training__title"]
    autocomplete_fields = ["session", "user"]
    list_select_related = ["session__training", "user"]


@admin.register(Adoption)
class AdoptionAdmin(admin.ModelAdmin):
    list_display = ["training", "organisation", "created_at"]
    autocomplete_fields = ["training", "organisation", "adopted_by"]


@admin.register(SessionTransitionLog)
class SessionTransitionLogAdmin(admin.ModelAdmin):
    list_display = ["session", "from_status", "to_status", "actor", "at"]
    list_filter = ["to_status"]
    list_select_related = ["session__training", "actor"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
