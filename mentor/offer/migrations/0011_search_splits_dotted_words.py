"""On PostgreSQL, the index splits dotted and slashed words ("data.gouv.fr") as queries do
(mentor.core.search.postgres): every training is indexed again."""

from django.db import migrations


def reindex(apps, schema_editor):
    from mentor.core.search import engine
    from mentor.offer.search_index import TRAINING_INDEX

    if schema_editor.connection.vendor == "postgresql":
        engine(schema_editor.connection.alias).rebuild(TRAINING_INDEX, 10_000)


class Migration(migrations.Migration):
    dependencies = [("offer", "0010_external_ids")]

    operations = [migrations.RunPython(reindex, migrations.RunPython.noop)]
