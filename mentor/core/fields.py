"""Model fields every application shares."""

from django.db import models


class URLField(models.URLField):
    """A web address whose form field reads an address typed without its scheme as https:// (Django 6's default,
    and the only scheme of the State's sites), in every form: the pages' and the admin's."""

    def formfield(self, **kwargs):
        return super().formfield(**{"assume_scheme": "https", **kwargs})

    def deconstruct(self):
        # The column is a URLField's: migrations see one, so none is needed for a change that lives in forms only.
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.URLField", args, kwargs
