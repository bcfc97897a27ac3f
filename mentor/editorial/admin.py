from django.contrib import admin

from .models import (
    CollectionWatch,
    Indicator,
    Label,
    PublicationCriterion,
    QualityRating,
    QualityReview,
    TransitionLog,
)


class IndicatorInline(admin.StackedInline):
    model = Indicator
    extra = 0
    fields = [("statement", "position"), "guidance", ("scope", "is_blocking", "is_active"), "required_field"]


@admin.register(PublicationCriterion)
class PublicationCriterionAdmin(admin.ModelAdmin):
    list_display = ["name", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"code": ["name"]}
    inlines = [IndicatorInline]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["statement", "criterion", "scope", "is_blocking", "required_field", "is_active"]
    list_filter = ["criterion", "scope", "is_blocking", "is_active"]
    list_select_related = ["criterion"]
    search_fields = ["statement"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records of what happened: an administrator reads them, nobody rewrites them."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class QualityRatingInline(admin.TabularInline):
    model = QualityRating
    extra = 0
    fields = ["criterion_name", "statement", "is_blocking", "rating", "comment"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(QualityReview)
class QualityReviewAdmin(ReadOnlyAdmin):
    list_display = ["training", "stage", "reviewer", "decision", "created_at"]
    list_filter = ["stage", "decision"]
    list_select_related = ["training", "reviewer"]
    search_fields = ["training__title"]
    inlines = [QualityRatingInline]


@admin.register(TransitionLog)
class TransitionLogAdmin(ReadOnlyAdmin):
    list_display = ["training", "transition", "from_status", "to_status", "actor", "at"]
    list_filter = ["transition", "to_status"]
    list_select_related = ["training", "actor"]
    search_fields = ["training__title"]


@admin.register(Label)
class LabelAdmin(admin.ModelAdmin):
    list_display = ["training", "awarded_on", "valid_until", "awarded_by", "reminder_sent_at"]
    list_select_related = ["training", "awarded_by"]
    raw_id_fields = ["training", "review"]
    readonly_fields = ["awarded_by", "reminder_sent_at"]
    search_fields = ["training__title"]


@admin.register(CollectionWatch)
class CollectionWatchAdmin(admin.ModelAdmin):
    list_display = ["user", "collection", "created_at"]
    list_select_related = ["user", "collection"]
