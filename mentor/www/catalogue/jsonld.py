"""schema.org ``Course`` JSON-LD for a training page, with a ``CourseInstance`` per session the user may see."""

import json

from django.utils.safestring import mark_safe

from mentor.offer.enums import Modality

COURSE_MODES = {
    Modality.E_LEARNING: "online",
    Modality.VIRTUAL_CLASS: "online",
    Modality.BLENDED: "blended",
    Modality.CLASSROOM: "onsite",
}

# Characters that could close the <script> element or start an HTML comment inside it.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _hours(value) -> str:
    """ISO 8601 duration for a number of hours (2.5 → PT2H30M)."""
    minutes = round(float(value) * 60)
    hours, minutes = divmod(minutes, 60)
    return f"PT{hours}H{minutes}M" if minutes else f"PT{hours}H"


def course(training, sessions, base_url: str) -> dict:
    provider = {"@type": "Organization", "name": training.owner.name}
    data = {
        "@context": "https://schema.org",
        "@type": "Course",
        "name": training.title,
        "description": training.teaser or training.description,
        "url": base_url + training.get_absolute_url(),
        "inLanguage": training.language,
        "provider": provider,
        "isAccessibleForFree": True,
        "educationalCredentialAwarded": "Certification" if training.leads_to_certification else None,
        "keywords": training.keyword_list or None,
        "about": training.collection.name,
        "timeRequired": _hours(training.total_duration_hours) if training.total_duration_hours else None,
        "hasCourseInstance": [_instance(training, session) for session in sessions],
    }
    return {key: value for key, value in data.items() if value not in (None, [], "")}


def _instance(training, session) -> dict:
    data = {
        "@type": "CourseInstance",
        "name": session.title or None,
        "courseMode": COURSE_MODES.get(training.modality),
        "startDate": None if session.is_permanent else session.starts_at.isoformat(),
        "endDate": None if session.is_permanent else session.ends_at.isoformat(),
        "location": {"@type": "Place", "name": session.place} if session.place else None,
        "url": session.online_url or None,
        "maximumAttendeeCapacity": session.capacity,
        "organizer": {"@type": "Organization", "name": session.organiser.name},
    }
    if session.is_permanent:
        data["courseSchedule"] = {"@type": "Schedule", "description": "Session permanente"}
    return {key: value for key, value in data.items() if value is not None}


def script_tag(data: dict) -> str:
    """The ``<script type="application/ld+json">`` element, safe whatever the training's text contains."""
    payload = json.dumps(data, ensure_ascii=False, indent=None).translate(_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # noqa: S308 (escaped above)
