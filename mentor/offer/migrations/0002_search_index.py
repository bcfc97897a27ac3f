"""The full-text index of trainings (mentor.offer.search_index): an FTS5 table on SQLite, a tsvector table with
GIN indexes on PostgreSQL. Filled from the existing trainings. No foreign key: the index is kept by
mentor.offer.search_index, and a key would stop Django from flushing offer_training between tests."""

from django.db import migrations

from mentor.core.text import stemmed_text

SQLITE_CREATE = [
    "CREATE VIRTUAL TABLE offer_training_search USING fts5(title, summary, body, tokenize='unicode61')",
    "INSERT INTO offer_training_search(rowid, title, summary, body) "
    "SELECT id, mentor_stems(title), mentor_stems(teaser || ' ' || keywords), "
    "mentor_stems(description || ' ' || learning_outcomes) FROM offer_training",
]
POSTGRES_CREATE = [
    "CREATE TABLE offer_training_search ("
    " id bigint PRIMARY KEY,"
    " document tsvector NOT NULL,"
    " title text NOT NULL)",
    "CREATE INDEX offer_training_search_document ON offer_training_search USING gin (document)",
    "CREATE INDEX offer_training_search_title_trgm ON offer_training_search USING gin (title gin_trgm_ops)",
    "INSERT INTO offer_training_search (id, document, title) SELECT id, "
    "setweight(to_tsvector('mentor_french', title), 'A') "
    "|| setweight(to_tsvector('mentor_french', teaser || ' ' || keywords), 'B') "
    "|| setweight(to_tsvector('mentor_french', description || ' ' || learning_outcomes), 'C'), "
    "lower(unaccent(title)) FROM offer_training",
]


def create_index(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "sqlite":
        connection.connection.create_function("mentor_stems", 1, stemmed_text, deterministic=True)
        statements = SQLITE_CREATE
    elif connection.vendor == "postgresql":
        statements = POSTGRES_CREATE
    else:
        return
    for statement in statements:
        schema_editor.execute(statement)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor in ("sqlite", "postgresql"):
        schema_editor.execute("DROP TABLE IF EXISTS offer_training_search")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_search_configuration"),
        ("offer", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]
