"""SQLite only: the vocabulary of the FTS5 index, where the embedded engine looks for the word closest to a typo
(PostgreSQL uses pg_trgm instead)."""

from django.db import migrations


def create_vocabulary(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            "CREATE VIRTUAL TABLE offer_training_search_vocab USING fts5vocab(offer_training_search, 'row')"
        )


def drop_vocabulary(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS offer_training_search_vocab")


class Migration(migrations.Migration):
    dependencies = [("offer", "0002_search_index")]

    operations = [migrations.RunPython(create_vocabulary, drop_vocabulary)]
