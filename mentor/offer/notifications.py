"""E-mails sent when a registration changes state. They leave only once the transaction commits, so an agent is
never told about a place that a rollback took back."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone

from mentor.core.links import absolute

# event -> (subject, first paragraph); {training} and {session} are filled in.
AGENT_MESSAGES = {
    "confirmed": ("Inscription confirmée", "Votre inscription à la session « {session} » est confirmée."),
    "requested": (
        "Demande d'inscription enregistrée",
        "Votre demande d'inscription à la session « {session} » a été transmise à ses gestionnaires. "
        "Vous recevrez un courriel dès qu'ils l'auront traitée.",
    ),
    "waiting": (
        "Inscription sur liste d'attente",
        "La session « {session} » est complète : vous êtes inscrit sur sa liste d'attente. "
        "Vous recevrez un courriel si une place se libère.",
    ),
    "promoted": (
        "Une place s'est libérée : inscription confirmée",
        "Une place s'est libérée dans la session « {session} » : votre inscription est confirmée.",
    ),
    "accepted": (
        "Demande d'inscription acceptée",
        "Votre demande d'inscription à la session « {session} » est acceptée : votre inscription est confirmée.",
    ),
    "accepted_waiting": (
        "Demande d'inscription acceptée : liste d'attente",
        "Votre demande d'inscription à la session « {session} » est acceptée, mais la session est complète : "
        "vous êtes sur sa liste d'attente.",
    ),
    "refused": (
        "Demande d'inscription refusée",
        "Les gestionnaires de la session « {session} » n'ont pas retenu votre inscription.",
    ),
    "cancelled": (
        "Inscription annulée",
        "Votre inscription à la session « {session} » est annulée.",
    ),
    "session_cancelled": (
        "Session annulée",
        "La session « {session} » est annulée par ses organisateurs : votre inscription l'est aussi.",
    ),
    "session_postponed": (
        "Session reportée",
        "La session « {session} » est reportée. Vos gestionnaires vous communiqueront les nouvelles dates ; "
        "votre inscription est conservée.",
    ),
}


def _session_label(session) -> str:
    if session.is_permanent or session.starts_at is None:
        return f"{session} (session permanente)"
    start = formats.date_format(timezone.localtime(session.starts_at), "j F Y")
    return f"{session} (à partir du {start})"


def _send_on_commit(subject: str, body: str, recipients: list[str]) -> None:
    recipients = [r for r in recipients if r]
    if not recipients:
        return
    transaction.on_commit(
        lambda: send_mail(
            f"[Mentor] {subject}", body, settings.DEFAULT_FROM_EMAIL, recipients, fail_silently=False
        )
    )


def notify_agent(registration, event: str) -> None:
    """Tell the agent that their registration changed (``event`` is a key of AGENT_MESSAGES)."""
    if registration.user is None:  # anonymised: nobody to tell
        return
    subject, paragraph = AGENT_MESSAGES[event]
    session = registration.session
    reason = f"Motif : {registration.comment}\n\n" if event == "refused" and registration.comment else ""
    body = (
        f"Bonjour,\n\n{paragraph.format(session=_session_label(session))}\n\n{reason}"
        f"Formation : {session.training.title}\n"
        f"Retrouvez vos inscriptions dans « Mes formations » : {absolute(reverse('www:my_registrations'))}\n\n"
        f"L'équipe Mentor"
    )
    _send_on_commit(subject, body, [registration.user.email])


def notify_managers_of_request(registration) -> None:
    """A new request waits for the session's managers."""
    session = registration.session
    recipients = list(session.managers.values_list("email", flat=True))
    agent = registration.user
    body = (
        f"Bonjour,\n\n{agent.get_full_name() or agent.email} ({agent.email}) demande à s'inscrire à la session "
        f"« {_session_label(session)} ».\n\nAcceptez ou refusez cette demande : "
        f"{absolute(reverse('www:managed_session', kwargs={'pk': session.pk}))}\n\nL'équipe Mentor"
    )
    _send_on_commit("Nouvelle demande d'inscription", body, recipients)
