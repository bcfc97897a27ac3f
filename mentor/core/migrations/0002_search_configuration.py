"""PostgreSQL only: the extensions and the text search configuration of the search engine (core.search.postgres).
SQLite needs nothing here: FTS5 is built in and the French stemming is done in Python."""

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations

CREATE = """
CREATE TEXT SEARCH CONFIGURATION mentor_french (COPY = french);
ALTER TEXT SEARCH CONFIGURATION mentor_french
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
"""
DROP = "DROP TEXT SEARCH CONFIGURATION IF EXISTS mentor_french;"


def create_configuration(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_configuration(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [
        UnaccentExtension(),
        TrigramExtension(),
        migrations.RunPython(create_configuration, drop_configuration),
    ]
