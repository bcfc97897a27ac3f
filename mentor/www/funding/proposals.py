"""A proposal's page: its editors prepare and submit it, its evaluators read it, the DGAFP assigns evaluators,
decides and follows the funded project. Every proposal is fetched through ``proposals_visible_to``: 404 else."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mentor.accounts.models import User
from mentor.accounts.roles import is_dgafp_admin
from mentor.core.uploads import file_response
from mentor.editorial.access import trainings_editable_by
from mentor.funding import decisions, evaluation, followup
from mentor.funding.access import (
    calls_visible_to,
    is_editor,
    may_edit,
    organisations_of,
    proposals_visible_to,
)
from mentor.funding.enums import CallStatus, MilestoneKind, ProposalStatus, Verdict
from mentor.funding.models import Attachment, Proposal, Score
from mentor.funding.readiness import missing_items_of
from mentor.funding.workflow import PROPOSALS, TransitionRefused
from mentor.offer.models import Training

from ..breadcrumb import breadcrumb
from .calls import CALLS_LINK, start_form
from .forms import (
    AssignForm,
    AttachmentForm,
    CoEditorForm,
    DecisionForm,
    LinkTrainingForm,
    MilestoneForm,
    PaymentForm,
    PlannedTrainingFormSet,
    ProposalForm,
    ScheduleFormSet,
)


@require_POST
@login_required
def start(request, pk):
    call = get_object_or_404(calls_visible_to(request.user), pk=pk)
    form, refusals = start_form(call, request.user, request.POST)
    if form is None:
        messages.error(request, " ".join(refusals) or "Cet appel n'est pas ouvert aux candidatures.")
        return redirect(call)
    if not form.is_valid():
        # An organisation the user does not belong to is not among the choices: as elsewhere, a 404.
        if "organisation" in form.errors:
            raise Http404
        messages.error(request, "Donnez un intitulé au projet.")
        return redirect(call)
    proposal = Proposal.objects.create(
        call=call,
        organisation=form.cleaned_data["organisation"],
        created_by=request.user,
        title=form.cleaned_data["title"],
    )
    messages.success(request, "Brouillon créé : complétez la proposition puis déposez-la avant la clôture.")
    return redirect(proposal)


def visible(request, pk):
    return get_object_or_404(
        proposals_visible_to(request.user).select_related("call", "organisation", "created_by"), pk=pk
    )


def edited(request, pk):
    """The proposal ``pk`` when the user may see it (404 otherwise) and edit it (403 with the reason otherwise)."""
    proposal = visible(request, pk)
    decision = may_edit(request.user, proposal)
    if not decision:
        raise PermissionDenied(decision.reason)
    return proposal


def page_context(request, proposal, form=None, trainings=None, schedule=None):
    user = request.user
    call = proposal.call
    admin = is_dgafp_admin(user)
    editor = is_editor(user, proposal)
    editable = bool(may_edit(user, proposal))
    results = call.results_published_at is not None
    if editable and form is None:
        form = ProposalForm(instance=proposal)
        trainings = PlannedTrainingFormSet(instance=proposal, prefix="formations")
        schedule = ScheduleFormSet(instance=proposal, prefix="calendrier")
    evaluations = []
    if admin or (editor and results):
        evaluations = list(
            proposal.evaluations.select_related("evaluator").prefetch_related(
                Prefetch("scores", queryset=Score.objects.order_by("position"))
            )
        )
        if not admin:
            evaluations = [e for e in evaluations if e.completed_at]
    funded = results and proposal.verdict == Verdict.SELECTED and (admin or editor)
    context = {
        "proposal": proposal,
        "call": call,
        "is_admin": admin,
        "is_editor": editor,
        "editable": editable,
        "form": form,
        "trainings_formset": trainings,
        "schedule_formset": schedule,
        "planned": proposal.planned_trainings.select_related("collection"),
        "steps": proposal.schedule.all(),
        "themes": proposal.themes.order_by("position", "pk"),
        "attachments": proposal.attachments.select_related("document"),
        "attachment_form": AttachmentForm(call=call) if editable else None,
        "editors": proposal.editors.order_by("last_name", "pk"),
        "co_editor_form": CoEditorForm() if editable else None,
        "missing": missing_items_of(proposal) if editor and proposal.status == ProposalStatus.DRAFT else [],
        "actions": PROPOSALS.available(proposal, user) if editor else [],
        "show_verdict": admin or (editor and results),
        "evaluations": evaluations,
        "my_evaluation": proposal.evaluations.filter(evaluator=user).first() if not editor else None,
        "decision_form": DecisionForm(
            initial={"verdict": proposal.verdict, "granted": proposal.granted, "reasons": proposal.reasons}
        )
        if admin and call.status == CallStatus.CLOSED and proposal.status == ProposalStatus.SUBMITTED
        else None,
        "assign_form": AssignForm()
        if admin
        and proposal.status == ProposalStatus.SUBMITTED
        and call.status in (CallStatus.OPEN, CallStatus.CLOSED)
        else None,
        "funded": funded,
        "breadcrumb_data": breadcrumb(
            CALLS_LINK, (call.title, call.get_absolute_url()), current=proposal.title
        ),
    }
    if funded:
        context.update(
            {
                "milestones": proposal.milestones.all(),
                "payments": proposal.payments.all(),
                "paid": sum((p.amount for p in proposal.payments.all()), start=0),
                "linked": proposal.trainings.order_by("title", "pk"),
                "milestone_form": MilestoneForm(),
                "payment_form": PaymentForm() if admin else None,
                "link_form": LinkTrainingForm(),
            }
        )
    return context


@require_http_methods(["GET", "POST"])
@login_required
def proposal_view(request, pk):
    proposal = visible(request, pk)
    if request.method == "GET":
        return render(request, "www/funding/proposal.html", page_context(request, proposal))
    decision = may_edit(request.user, proposal)
    if not decision:
        messages.error(request, decision.reason)
        return redirect(proposal)
    form = ProposalForm(request.POST, instance=proposal)
    trainings = PlannedTrainingFormSet(request.POST, instance=proposal, prefix="formations")
    schedule = ScheduleFormSet(request.POST, instance=proposal, prefix="calendrier")
    if form.is_valid() and trainings.is_valid() and schedule.is_valid():
        with transaction.atomic():
            # Re-read on the locked row: a proposal submitted meanwhile is no longer edited.
            locked = (
                Proposal.objects.select_for_update(of=("self",)).select_related("call").get(pk=proposal.pk)
            )
            decision = may_edit(request.user, locked)
            if decision:
                form.save()
                trainings.save()
                schedule.save()
        if decision:
            messages.success(request, "Proposition enregistrée.")
        else:
            messages.error(request, decision.reason)
        return redirect(proposal)
    proposal.refresh_from_db()
    context = page_context(request, proposal, form, trainings, schedule)
    return render(request, "www/funding/proposal.html", context, status=400)


@require_POST
@login_required
def attach(request, pk):
    proposal = edited(request, pk)
    form = AttachmentForm(request.POST, request.FILES, call=proposal.call)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(proposal)
    upload = form.cleaned_data["file"]
    with transaction.atomic():
        # A new file replaces the previous one for the same document, on disk too.
        for previous in Attachment.objects.filter(proposal=proposal, document=form.cleaned_data["document"]):
            previous.file.delete(save=False)
            previous.delete()
        Attachment.objects.create(
            proposal=proposal,
            document=form.cleaned_data["document"],
            file=upload,
            original_name=upload.name,
            size=upload.size,
        )
    messages.success(request, f"« {upload.name} » est joint à la proposition.")
    return redirect(proposal)


@require_GET
@login_required
def download(request, pk, attachment):
    proposal = visible(request, pk)
    item = get_object_or_404(Attachment.objects.filter(proposal=proposal), pk=attachment)
    return file_response(item.file, item.original_name)


@require_POST
@login_required
def add_editor(request, pk):
    proposal = edited(request, pk)
    form = CoEditorForm(request.POST)
    person = None
    if form.is_valid():
        person = User.objects.filter(email__iexact=form.cleaned_data["email"], is_active=True).first()
    if person is None or not organisations_of(person).filter(pk=proposal.organisation_id).exists():
        messages.error(
            request,
            f"Aucun compte de {proposal.organisation.name} n'a cette adresse : un co-rédacteur appartient à "
            "l'organisation qui propose.",
        )
    else:
        proposal.editors.add(person)
        messages.success(request, f"{person} peut désormais modifier la proposition.")
    return redirect(proposal)


@require_POST
@login_required
def transition(request, pk, name):
    proposal = visible(request, pk)
    try:
        PROPOSALS.fire(name, proposal, request.user)
    except TransitionRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, f"« {PROPOSALS.table[name].label} » : c'est fait.")
    return redirect(proposal)


@require_POST
@login_required
def decide(request, pk):
    proposal = visible(request, pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(proposal)
    data = form.cleaned_data
    try:
        decisions.decide(proposal, request.user, data["verdict"], data["granted"], data["reasons"])
    except decisions.DecisionRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, f"Décision enregistrée : {Verdict(data['verdict']).label.lower()}.")
    return redirect(proposal)


@require_POST
@login_required
def assign(request, pk):
    proposal = visible(request, pk)
    form = AssignForm(request.POST)
    person = None
    if form.is_valid():
        person = User.objects.filter(email__iexact=form.cleaned_data["email"], is_active=True).first()
    if person is None:
        messages.error(request, "Aucun compte n'a cette adresse.")
        return redirect(proposal)
    try:
        evaluation.assign(proposal, person, request.user)
    except evaluation.EvaluationRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, f"{person} évaluera la proposition.")
    return redirect(proposal)


@require_POST
@login_required
def follow_up(request, pk, what):
    proposal = visible(request, pk)
    forms = {"jalon": MilestoneForm, "versement": PaymentForm, "formation": LinkTrainingForm}
    if what not in forms:
        raise Http404
    form = forms[what](request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(proposal)
    data = form.cleaned_data
    try:
        if what == "jalon":
            followup.reach(proposal, request.user, data["kind"], data["reached_on"])
            done = f"Jalon « {MilestoneKind(data['kind']).label} » enregistré."
        elif what == "versement":
            followup.pay(proposal, request.user, data["amount"], data["paid_on"], data["label"])
            done = "Versement enregistré."
        else:
            training = (
                Training.objects.visible_to(request.user).filter(pk=data["training"]).first()
                or trainings_editable_by(request.user).filter(pk=data["training"]).first()
            )
            if training is None:
                raise followup.FollowUpRefused(
                    f"Aucune formation n° {data['training']} parmi celles que vous voyez."
                )
            followup.link_training(proposal, request.user, training)
            done = f"« {training.title} » est liée au projet."
    except followup.FollowUpRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, done)
    return redirect(proposal)
