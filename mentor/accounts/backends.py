"""Django's password backend, reading a signed-in user's attachment entity with their account: nearly every page of
an agent reads it (the catalogue's visibility rule through its ministry, the sessions open to its line, the Contact
page), one query fewer on each."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


def with_entity(user_model, user_id):
    """The user ``user_id`` with their entity, or None."""
    return user_model._default_manager.select_related("entity").filter(pk=user_id).first()


class PasswordBackend(ModelBackend):
    def get_user(self, user_id):
        user = with_entity(get_user_model(), user_id)
        return user if user is not None and self.user_can_authenticate(user) else None
