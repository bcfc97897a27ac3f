"""E-mails of calls for projects, through ``core.mail.notify`` (written in the transaction that causes them)."""

from mentor.core.links import absolute
from mentor.core.mail import notify

from .enums import Verdict
from .money import euros


def results_published(call, proposals) -> None:
    """One message to each applicant (the proposal's author and co-editors), with their own decision only."""
    for proposal in proposals:
        recipients = [proposal.created_by.email, *(u.email for u in proposal.editors.all())]
        notify(
            recipients,
            "funding/emails/results",
            {
                "call": call,
                "proposal": proposal,
                "verdict": Verdict(proposal.verdict).label if proposal.verdict else "Non retenu",
                "selected": proposal.verdict == Verdict.SELECTED,
                "granted": euros(proposal.granted),
                "url": absolute(proposal.get_absolute_url()),
            },
        )
