"""The two machines of calls for projects, on the workflow kernel (``core/workflow.py``).

A call: draft → published (visible, not yet open) → open → closed → results published → archived. Opening and
closing follow the call's dates (the scheduled job ``tasks.update_calls_by_date``); the other moves are DGAFP
administrators' actions. A proposal: draft → submitted → withdrawn. Submission is checked against the database's
clock on the locked row, never against what a form says."""

from django.db.models.functions import Now
from django.utils import timezone

from mentor.accounts.roles import is_dgafp_admin
from mentor.core.permissions import ALLOW, deny
from mentor.core.workflow import StateMachine, Transition, TransitionRefused

from . import notifications
from .access import is_editor
from .enums import CallStatus as C
from .enums import MilestoneKind
from .enums import ProposalStatus as P
from .models import Call, CallLog, Milestone, Proposal, ProposalLog
from .readiness import missing_items_of

__all__ = ["CALLS", "PROPOSALS", "TransitionRefused", "update_calls_by_date"]

BY_DATE = {"open", "close"}


class CallMachine(StateMachine):
    transitions = [
        Transition("publish", "Publier l'appel", frozenset({C.DRAFT}), C.PUBLISHED),
        Transition("open", "Ouvrir les candidatures", frozenset({C.PUBLISHED}), C.OPEN),
        Transition("close", "Clore les candidatures", frozenset({C.OPEN}), C.CLOSED),
        Transition("publish_results", "Publier les résultats", frozenset({C.CLOSED}), C.RESULTS_PUBLISHED),
        Transition("archive", "Archiver l'appel", frozenset({C.RESULTS_PUBLISHED}), C.ARCHIVED),
    ]
    log_model = CallLog

    def state_refusal(self, transition, call) -> str:
        return (
            f"« {transition.label} » est impossible : l'appel est à l'état « {call.get_status_display()} »."
        )

    def allows(self, transition, call, user, **context):
        if transition.name in BY_DATE:
            if user is not None:
                return deny("L'ouverture et la clôture suivent les dates de l'appel.")
            now = timezone.now()
            if transition.name == "open" and now < call.opens_at:
                return deny("La date d'ouverture n'est pas atteinte.")
            if transition.name == "close" and now < call.closes_at:
                return deny("La date de clôture n'est pas atteinte.")
            return ALLOW
        if user is None or not is_dgafp_admin(user):
            return deny("Seuls les administrateurs DGAFP agissent sur un appel à projets.")
        if transition.name == "publish" and not call.criteria.exists():
            return deny("L'appel n'a pas de grille d'évaluation : ajoutez au moins un critère.")
        if transition.name == "publish" and not call.themes.exists():
            return deny("L'appel n'a pas de thème prioritaire.")
        if transition.name == "publish_results":
            undecided = call.proposals.filter(status=P.SUBMITTED, verdict="").count()
            if undecided:
                return deny(
                    f"{undecided} proposition{'s' if undecided > 1 else ''} déposée{'s' if undecided > 1 else ''} "
                    f"attend{'ent' if undecided > 1 else ''} encore une décision du comité."
                )
        return ALLOW

    def apply(self, transition, call, user, now, **context):
        if transition.name == "publish_results":
            call.results_published_at = now

    def log_subject(self, call) -> dict:
        return {"call": call}

    def after(self, transition, call, user, now, comment, notify=True, **context):
        if transition.name != "publish_results":
            return
        proposals = list(
            call.proposals.filter(status=P.SUBMITTED)
            .select_related("created_by", "organisation")
            .prefetch_related("editors")
            .order_by("pk")
        )
        Milestone.objects.bulk_create(
            [
                Milestone(proposal=p, kind=kind)
                for p in proposals
                if p.verdict == "selected"
                for kind in MilestoneKind.values
            ],
            ignore_conflicts=True,
        )
        if notify:
            notifications.results_published(call, proposals)


class ProposalMachine(StateMachine):
    transitions = [
        Transition("submit", "Déposer la proposition", frozenset({P.DRAFT}), P.SUBMITTED),
        Transition("withdraw", "Retirer la proposition", frozenset({P.SUBMITTED}), P.WITHDRAWN),
    ]
    log_model = ProposalLog

    def lock(self, proposal):
        return Proposal.objects.select_for_update(of=("self",)).select_related("call").get(pk=proposal.pk)

    def state_refusal(self, transition, proposal) -> str:
        return (
            f"« {transition.label} » est impossible : la proposition est à l'état "
            f"« {proposal.get_status_display()} »."
        )

    def allows(self, transition, proposal, user, **context):
        if user is None or not is_editor(user, proposal):
            return deny("Seuls les rédacteurs de la proposition peuvent la déposer ou la retirer.")
        call = proposal.call
        # The database's clock decides, not the form's nor the web server's.
        still_open = Call.objects.filter(pk=call.pk, status=C.OPEN, closes_at__gt=Now()).exists()
        if not still_open:
            return deny(
                f"L'appel « {call.title} » est clos : {transition.label.lower()} n'est plus possible."
            )
        if transition.name == "submit" and (missing := missing_items_of(proposal)):
            return deny("La proposition ne peut pas être déposée : " + " ".join(missing))
        return ALLOW

    def apply(self, transition, proposal, user, now, **context):
        if transition.name == "submit":
            proposal.submitted_at = now

    def log_subject(self, proposal) -> dict:
        return {"proposal": proposal}


CALLS = CallMachine()
PROPOSALS = ProposalMachine()


def update_calls_by_date() -> list[tuple[Call, str]]:
    """Open the published calls whose opening time has come and close the open ones whose closing time has passed
    (a call whose whole period went by since the last run is opened then closed). Running it twice does nothing
    more."""
    now = timezone.now()
    done = []
    for name, due in (
        ("open", Call.objects.filter(status=C.PUBLISHED, opens_at__lte=now)),
        ("close", Call.objects.filter(status=C.OPEN, closes_at__lte=now)),
    ):
        for call in due.order_by("pk"):
            try:
                done.append((CALLS.fire(name, call, None), name))
            except TransitionRefused:  # moved meanwhile
                continue
    return done
