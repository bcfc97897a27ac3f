from django.apps import AppConfig


class DesignConfig(AppConfig):
    name = "mentor.design"
    label = "design"
    verbose_name = "Espace des concepteurs"

    def ready(self):
        from mentor.editorial.readiness import register_missing_items

        from . import permissions  # noqa: F401  (it registers the permissions)
        from .progress import steps_not_done

        # editorial does not import design: the submission guard asks the checks registered here.
        register_missing_items(steps_not_done)
