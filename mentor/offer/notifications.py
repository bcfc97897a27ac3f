"""E-mails sent when a registration changes state, written through ``core.mail.notify`` in the registration's
transaction: an agent is never told about a place that a rollback took back."""

from django.urls import reverse

from mentor.core.links import absolute
from mentor.core.mail import notify

# event -> (subject, paragraph); the subject is followed by the training's title.
AGENT_MESSAGES = {
    "confirmed": ("Inscription confirmée", "Votre inscription est confirmée."),
    "requested": (
        "Demande d'inscription enregistrée",
        "Votre demande d'inscription a été transmise aux gestionnaires de la session. "
        "Vous recevrez un courriel dès qu'ils l'auront traitée.",
    ),
    "waiting": (
        "Inscription sur liste d'attente",
        "La session est complète : vous êtes inscrit sur sa liste d'attente. "
        "Vous recevrez un courriel si une place se libère.",
    ),
    "promoted": (
        "Une place s'est libérée : inscription confirmée",
        "Une place s'est libérée dans la session : votre inscription est confirmée.",
    ),
    "accepted": (
        "Demande d'inscription acceptée",
        "Votre demande d'inscription est acceptée : votre inscription est confirmée.",
    ),
    "accepted_waiting": (
        "Demande d'inscription acceptée : liste d'attente",
        "Votre demande d'inscription est acceptée, mais la session est complète : vous êtes sur sa liste "
        "d'attente.",
    ),
    "refused": (
        "Demande d'inscription refusée",
        "Les gestionnaires de la session n'ont pas retenu votre demande d'inscription.",
    ),
    "cancelled": ("Inscription annulée", "Votre inscription est annulée."),
    "session_cancelled": (
        "Session annulée",
        "La session est annulée par ses organisateurs : votre inscription l'est aussi.",
    ),
    "session_rescheduled": (
        "Nouvelles dates de session",
        "La session a de nouvelles dates, ci-dessous ; votre inscription est conservée. Si elles ne vous conviennent "
        "pas, annulez-la depuis « Mes formations ».",
    ),
    "session_postponed": (
        "Session reportée",
        "La session est reportée. Vous recevrez ses nouvelles dates dès qu'elles seront fixées ; votre inscription "
        "est conservée.",
    ),
}


def notify_agent(registration, event: str) -> None:
    """Tell the agent that their registration changed (``event`` is a key of AGENT_MESSAGES)."""
    if registration.user is None:  # anonymised: nobody to tell
        return
    subject, paragraph = AGENT_MESSAGES[event]
    notify(
        [registration.user.email],
        "offer/emails/registration",
        {
            "subject": subject,
            "paragraph": paragraph,
            "session": registration.session,
            "reason": registration.comment if event == "refused" else "",
            "link": absolute(reverse("www:my_registrations")),
        },
    )


def notify_managers_of_request(registration) -> None:
    """A new request waits for the session's managers."""
    session = registration.session
    notify(
        session.managers.order_by("email").values_list("email", flat=True),
        "offer/emails/registration_request",
        {
            "session": session,
            "agent": registration.user,
            "link": absolute(reverse("www:managed_session", kwargs={"pk": session.pk})),
        },
    )
