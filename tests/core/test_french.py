"""French in generated sentences: plurals by the French rule, « 1er » dates, and no template left with Django's
English plural rule or a numeric date."""

import re
from datetime import date, datetime
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import timezone

import mentor


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (0, "0 formation ouverte"),
        (1, "1 formation ouverte"),
        (2, "2 formations ouvertes"),
        (15, "15 formations ouvertes"),
    ],
)
def test_pluriel_follows_the_french_rule(count, expected):
    template = Template("{% load french %}{{ n }} formation{{ n|pluriel }} ouverte{{ n|pluriel }}")
    assert template.render(Context({"n": count})) == expected


def test_pluriel_takes_two_forms_and_counts_lists():
    template = Template('{% load french %}{{ rows|length }} {{ rows|pluriel:"attend,attendent" }}')
    assert template.render(Context({"rows": [1]})) == "1 attend"
    assert template.render(Context({"rows": [1, 2]})) == "2 attendent"


def test_long_date_says_1er():
    assert Template("{% load french %}{{ d|long_date }}").render(Context({"d": date(2026, 12, 1)})) == (
        "1er décembre 2026"
    )


TEMPLATES = sorted(Path(mentor.__file__).parent.glob("*/templates/**/*.*"))


def test_no_template_uses_the_english_plural_rule_or_a_numeric_date():
    assert TEMPLATES
    offending = []
    for path in TEMPLATES:
        text = path.read_text()
        for pattern in (
            r"\|pluralize",
            r"\|date:",
            r"\{% if \S+ > 1 %\}s\{% endif %\}",
            # An organisation's name after a preposition: its own form (of_name, to_name, with_article) instead.
            r"\b(de|à|par|pour|rejoindre) \{\{ [\w.]*(entity|organisation|owner|organiser|lead|partner)\.name \}\}",
        ):
            if re.search(pattern, text):
                offending.append(f"{path.relative_to(Path(mentor.__file__).parent)} : {pattern}")
    assert not offending, "\n".join(offending)


@pytest.mark.parametrize(
    ("hour", "minute", "expected"),
    [(9, 0, "9\u00a0h"), (17, 30, "17\u00a0h\u00a030"), (0, 5, "0\u00a0h\u00a005")],
)
def test_heure_writes_the_time_the_french_way(hour, minute, expected):
    moment = timezone.make_aware(datetime(2027, 3, 1, hour, minute))
    assert Template("{% load french %}{{ t|heure }}").render(Context({"t": moment})) == expected
