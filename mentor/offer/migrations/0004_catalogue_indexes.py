"""Narrow partial indexes for the catalogue: the visibility rule and facet counts over published trainings, and
the "open registration" facet over sessions open to registration (see the models' Meta for why)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("offer", "0003_search_vocabulary")]

    operations = [
        migrations.AddIndex(
            model_name="session",
            index=models.Index(
                condition=models.Q(("status", "registration_open")),
                fields=["training"],
                include=("id", "open_to", "organiser"),
                name="session_open_registration_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="training",
            index=models.Index(
                condition=models.Q(("status", "published")),
                fields=["scope", "owner_ministry"],
                include=(
                    "id",
                    "collection",
                    "modality",
                    "owner",
                    "duration_on_site_hours",
                    "duration_remote_hours",
                    "published_at",
                ),
                name="training_catalogue_idx",
            ),
        ),
    ]
