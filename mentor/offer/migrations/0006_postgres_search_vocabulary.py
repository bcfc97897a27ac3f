"""PostgreSQL only: the vocabulary of the index, where the engine looks, with a trigram index, for the words closest
to a typo before searching (core.search.postgres, like 0003 for SQLite). The search table loses its title column
and the title's trigram index, which served a per-row trigram test that the vocabulary replaces."""

from django.db import migrations

CREATE = [
    "CREATE TABLE offer_training_search_vocab (word text PRIMARY KEY)",
    "CREATE INDEX offer_training_search_vocab_trgm ON offer_training_search_vocab USING gin (word gin_trgm_ops)",
    "INSERT INTO offer_training_search_vocab (word) SELECT word "
    "FROM ts_stat('SELECT document FROM offer_training_search') WHERE word ~ '^[a-z0-9]+$'",
    "DROP INDEX offer_training_search_title_trgm",
    "ALTER TABLE offer_training_search DROP COLUMN title",
]
DROP = [
    "DROP TABLE offer_training_search_vocab",
    "ALTER TABLE offer_training_search ADD COLUMN title text",
    "UPDATE offer_training_search s SET title = lower(unaccent(t.title)) FROM offer_training t WHERE t.id = s.id",
    "ALTER TABLE offer_training_search ALTER COLUMN title SET NOT NULL",
    "CREATE INDEX offer_training_search_title_trgm ON offer_training_search USING gin (title gin_trgm_ops)",
]


def create_vocabulary(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in CREATE:
            schema_editor.execute(statement)


def drop_vocabulary(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("offer", "0005_session_transition_log")]

    operations = [migrations.RunPython(create_vocabulary, drop_vocabulary)]
