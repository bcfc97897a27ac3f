"""Who sees and who edits what, as querysets: every page and export reads proposals and evaluations through them,
so anything outside is a 404."""

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from mentor.accounts.models import Membership
from mentor.accounts.roles import is_dgafp_admin, roles_of
from mentor.core.permissions import ALLOW, Decision, deny
from mentor.organisations.agreements import has_active_agreement
from mentor.organisations.models import Organisation

from .enums import CallStatus, ProposalStatus
from .models import Call, Evaluation, Proposal


def calls_visible_to(user):
    """Published calls for everyone; drafts too for DGAFP administrators."""
    if is_dgafp_admin(user):
        return Call.objects.all()
    return Call.objects.public()


def proposals_visible_to(user):
    """An applicant sees the proposals they edit, an evaluator those assigned to them, the DGAFP all."""
    if not user.is_authenticated:
        return Proposal.objects.none()
    if is_dgafp_admin(user):
        return Proposal.objects.all()
    return Proposal.objects.filter(
        Q(created_by=user) | Q(editors=user) | Q(evaluations__evaluator=user)
    ).distinct()


def proposals_edited_by(user):
    if not user.is_authenticated:
        return Proposal.objects.none()
    return Proposal.objects.filter(Q(created_by=user) | Q(editors=user)).distinct()


def is_editor(user, proposal) -> bool:
    return user.is_authenticated and (
        proposal.created_by_id == user.pk or proposal.editors.filter(pk=user.pk).exists()
    )


def evaluations_of(user):
    if not user.is_authenticated:
        return Evaluation.objects.none()
    return Evaluation.objects.filter(evaluator=user)


def organisations_of(user):
    """The organisations ``user`` may apply for: their attachment entity and those where they hold a role."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        Q(pk=user.entity_id) | Q(pk__in=Membership.objects.filter(user=user).values("organisation_id"))
    ).order_by("name", "pk")


def eligibility(call: Call, organisation: Organisation) -> Decision:
    """Whether ``organisation`` may answer ``call``, and why not."""
    if call.eligible_kinds and organisation.kind not in call.eligible_kinds:
        return deny(
            f"« {organisation.name} » est de type « {organisation.get_kind_display()} » : "
            f"cet appel est réservé aux types {', '.join(call.kind_labels())}."
        )
    if call.requires_agreement and not has_active_agreement(organisation):
        return deny(
            f"« {organisation.name} » n'a pas de convention de partenariat active : cet appel en exige une."
        )
    return ALLOW


def may_edit(user, proposal) -> Decision:
    if not is_editor(user, proposal):
        return deny("Seuls les rédacteurs de la proposition peuvent la modifier.")
    if proposal.status != ProposalStatus.DRAFT:
        return deny(
            f"La proposition est à l'état « {proposal.get_status_display()} » : elle ne peut plus être modifiée."
        )
    if proposal.call.status != CallStatus.OPEN or proposal.call.closes_at <= timezone.now():
        return deny("L'appel n'est pas ouvert aux candidatures : la proposition ne peut plus être modifiée.")
    return ALLOW


def produced_by_a_project():
    """Whether a project produces the outer training, as an annotation: the page of a training that none produces
    (nearly every one) then asks nothing more (``projects_funding``)."""
    return Exists(Proposal.trainings.through.objects.filter(training_id=OuterRef("pk")))


def projects_funding(user, training) -> list[Proposal]:
    """The funded projects that produce ``training``, for its page: the DGAFP sees them all, a user those of the
    organisations they are attached to or hold a role in; anyone else none. No query for visitors, nor for a
    training read with ``produced_by_a_project`` as ``produced_by_a_project`` when none produces it."""
    if not user.is_authenticated or not getattr(training, "produced_by_a_project", True):
        return []
    projects = Proposal.objects.filter(trainings=training).select_related("call", "organisation")
    if not is_dgafp_admin(user):
        organisation_ids = {user.entity_id, *(held.organisation_id for held in roles_of(user).held)}
        projects = projects.filter(organisation_id__in=sorted(i for i in organisation_ids if i))
    return list(projects.order_by("call__year", "pk"))
