"""The ids on the other side of a many-to-many field, read once per object: a page that asks "is this user a
manager of this session?" for every button asks the database once."""

from django.db.models.signals import m2m_changed
from django.dispatch import receiver


def related_ids(instance, field: str) -> frozenset[int]:
    """The primary keys of ``instance.<field>``, from a prefetch if there is one, else one query kept on the
    instance until the relation changes through it."""
    key = f"_related_ids_{field}"
    cached = instance.__dict__.get(key)
    if cached is None:
        prefetched = getattr(instance, "_prefetched_objects_cache", {}).get(field)
        if prefetched is not None:
            cached = frozenset(obj.pk for obj in prefetched)
        else:
            cached = frozenset(getattr(instance, field).values_list("pk", flat=True))
        instance.__dict__[key] = cached
    return cached


@receiver(m2m_changed)
def _forget(sender, instance, **kwargs):
    """``add``, ``remove``, ``set`` and ``clear`` through an instance make it read the relation again."""
    for key in [k for k in instance.__dict__ if k.startswith("_related_ids_")]:
        del instance.__dict__[key]
