"""The index of trainings now holds the names of their collections, thematic offers and objectives
(mentor.offer.search_index): every training is indexed again."""

from django.db import migrations


def reindex(apps, schema_editor):
    from mentor.core.search import engine
    from mentor.offer.search_index import TRAINING_INDEX

    if schema_editor.connection.vendor in ("sqlite", "postgresql"):
        engine(schema_editor.connection.alias).rebuild(TRAINING_INDEX, 10_000)


class Migration(migrations.Migration):
    dependencies = [("offer", "0008_session_log_on_kernel")]

    operations = [migrations.RunPython(reindex, migrations.RunPython.noop)]
