"""Signed links: e-mail confirmation and invitations. Nothing is stored; the signature and its age are checked."""

from datetime import timedelta

from django.core import signing

from .models import Invitation, User

CONFIRMATION_MAX_AGE = timedelta(days=3)
INVITATION_MAX_AGE = timedelta(days=14)

_CONFIRMATION = signing.TimestampSigner(salt="mentor.accounts.confirm-email")
_INVITATION = signing.TimestampSigner(salt="mentor.accounts.invitation")


class InvalidLink(Exception):
    """The link is forged, altered, expired or already used; the message says which, in French."""


def _read(signer, token, max_age, what):
    try:
        return signer.unsign_object(token, max_age=max_age)
    except signing.SignatureExpired as error:
        raise InvalidLink(f"Ce lien {what} a expiré. Demandez-en un nouveau.") from error
    except signing.BadSignature as error:
        raise InvalidLink(
            f"Ce lien {what} n'est pas valide : vérifiez qu'il a été copié en entier."
        ) from error


def confirmation_token(user: User) -> str:
    # The address is signed too: a link sent to an old address cannot confirm a new one.
    return _CONFIRMATION.sign_object({"user": user.pk, "email": user.email})


def user_to_confirm(token: str) -> User:
    data = _read(_CONFIRMATION, token, CONFIRMATION_MAX_AGE, "de confirmation")
    user = User.objects.filter(pk=data.get("user"), email=data.get("email")).first()
    if user is None:
        raise InvalidLink("Ce lien de confirmation ne correspond à aucun compte.")
    return user


def invitation_token(invitation: Invitation) -> str:
    return _INVITATION.sign_object({"invitation": invitation.pk, "email": invitation.email})


def pending_invitation(token: str) -> Invitation:
    data = _read(_INVITATION, token, INVITATION_MAX_AGE, "d'invitation")
    invitation = (
        Invitation.objects.select_related("organisation")
        .filter(pk=data.get("invitation"), email=data.get("email"))
        .first()
    )
    if invitation is None:
        raise InvalidLink("Cette invitation a été retirée.")
    if invitation.accepted_at is not None:
        raise InvalidLink("Cette invitation a déjà été acceptée : connectez-vous.")
    return invitation
