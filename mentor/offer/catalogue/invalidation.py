"""Every change of what a catalogue search reads gives the catalogue a new generation (see ``cache``).

A search reads trainings, their sessions (open registration, next session, sessions opened to a list),
adoptions, collections and organisations (names, the tree behind visibility), and the full-text index (rebuilt
after bulk loads). ``editorial`` does the same for labels. Writes that send no signal (``QuerySet.update``, ``bulk_create``) call ``catalogue_changed()`` themselves:
``generate_bench_data`` does.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save

from mentor.core.search import index_rebuilt
from mentor.organisations.models import Organisation

from ..models import Adoption, Collection, Session, Training
from .cache import catalogue_changed


def _changed(sender, using, **kwargs):
    catalogue_changed(using)


def _list_changed(sender, action, using, **kwargs):
    if action.startswith("post_"):
        catalogue_changed(using)


for model in (Training, Session, Adoption, Collection, Organisation):
    post_save.connect(_changed, sender=model, dispatch_uid=f"catalogue.saved.{model._meta.label}")
    post_delete.connect(_changed, sender=model, dispatch_uid=f"catalogue.deleted.{model._meta.label}")
m2m_changed.connect(
    _list_changed, sender=Session.open_to_organisations.through, dispatch_uid="catalogue.session_list"
)
index_rebuilt.connect(_changed, dispatch_uid="catalogue.index_rebuilt")
