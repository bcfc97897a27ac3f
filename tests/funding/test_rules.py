"""Every refusal of the issue, with its reason, and nothing partly saved; what each role may see."""

import html
import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from mentor.core.uploads import validate_upload
from mentor.funding import decisions, evaluation
from mentor.funding.enums import ATTACHMENT_KINDS, ATTACHMENT_MAX_BYTES, CallStatus, ProposalStatus, Verdict
from mentor.funding.models import Attachment, Criterion, Proposal, ProposalLog
from mentor.funding.workflow import CALLS, PROPOSALS, TransitionRefused
from mentor.organisations.enums import OrganisationKind
from tests.factories import OrganisationFactory, TrainingFactory, UserFactory

from .fixtures import PDF, make_dgafp_admin, odt
from .test_walk import messages_of, post, proposal_data

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return html.unescape(response.content.decode())


def test_submitting_after_the_close_is_refused_by_the_database_clock(calls):
    call = calls.call()
    proposal = calls.proposal(call)
    # The job has not closed the call yet; the closing time has passed all the same.
    call.closes_at = timezone.now() - timedelta(minutes=1)
    call.opens_at = call.closes_at - timedelta(days=1)
    call.save()
    with pytest.raises(TransitionRefused, match="est clos : déposer la proposition n'est plus possible"):
        PROPOSALS.fire("submit", proposal, calls.applicant)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DRAFT and not ProposalLog.objects.exists()


def test_a_submitted_proposal_is_no_longer_edited_but_may_be_withdrawn_before_the_close(client, calls):
    call = calls.call()
    proposal = calls.proposal(call)
    PROPOSALS.fire("submit", proposal, calls.applicant)
    response = post(
        client,
        calls.applicant,
        "proposal",
        proposal.pk,
        data=proposal_data(calls, proposal, title="Autre"),
        follow=True,
    )
    assert "La proposition est à l'état « Déposée » : elle ne peut plus être modifiée." in messages_of(
        response
    )
    proposal.refresh_from_db()
    assert proposal.title == "Former à la sobriété"
    PROPOSALS.fire("withdraw", proposal, calls.applicant)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.WITHDRAWN


def test_missing_items_are_listed_all_at_once(calls):
    proposal = calls.proposal(calls.call(), complete=False)
    with pytest.raises(TransitionRefused) as refusal:
        PROPOSALS.fire("submit", proposal, calls.applicant)
    reason = str(refusal.value)
    for item in (
        "Il manque : le projet.",
        "Le budget est incomplet",
        "Pièce obligatoire manquante",
        "Décrivez",
    ):
        assert item in reason


@pytest.mark.parametrize(
    ("overrides", "reason"),
    [
        (
            {"requested": "35000", "own_funding": "20000"},
            "dépasse 50 % du coût total, soit 30\u202f000,00\u00a0€",
        ),
        (
            {"total_cost": "100000", "own_funding": "55000", "requested": "45000", "other_funding": "0"},
            "dépasse le maximum par projet de 40\u202f000,00\u00a0€",
        ),
        ({"own_funding": "1000"}, "Le budget ne s'équilibre pas"),
        ({"requested": "-5"}, "supérieure ou égale à 0"),
        ({"total_cost": "1000000000"}, "ce montant n'est pas plausible"),
    ],
)
def test_bad_budgets_are_refused_and_nothing_is_saved(client, calls, overrides, reason):
    proposal = calls.proposal(calls.call(), complete=False)
    response = post(
        client, calls.applicant, "proposal", proposal.pk, data=proposal_data(calls, proposal, **overrides)
    )
    assert response.status_code == 400
    assert reason in text(response)
    proposal.refresh_from_db()
    assert proposal.requested is None and not proposal.planned_trainings.exists()


@pytest.mark.parametrize(
    ("upload", "reason"),
    [
        (SimpleUploadedFile("projet.pdf", b"MZ\x90\x00 not a pdf"), "n'est pas un fichier accepté ici"),
        (SimpleUploadedFile("budget.pdf", odt().read()), "son nom doit finir par .odt"),
        (SimpleUploadedFile("projet.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024)), "la limite est de 10,0"),
    ],
)
def test_attachments_are_checked_by_content_and_size(client, calls, upload, reason):
    proposal = calls.proposal(calls.call(), complete=False)
    response = post(
        client,
        calls.applicant,
        "attach",
        proposal.pk,
        data={"document": calls.document.pk, "file": upload},
        follow=True,
    )
    assert any(reason in m for m in messages_of(response)), messages_of(response)
    assert not Attachment.objects.exists()


@pytest.mark.parametrize("name", ["../../etc/projet.pdf", "dossier\\projet.pdf", "C:projet.pdf"])
def test_an_attachment_with_a_path_in_its_name_is_refused(name):
    # Django strips the path of a file posted to a form; a name built elsewhere (API, command) may carry one.
    upload = io.BytesIO(PDF)
    upload.name, upload.size = name, len(PDF)
    with pytest.raises(ValidationError, match="aucun chemin"):
        validate_upload(upload, ATTACHMENT_KINDS, ATTACHMENT_MAX_BYTES)
    upload.name = "projet.pdf"
    assert validate_upload(upload, ATTACHMENT_KINDS, ATTACHMENT_MAX_BYTES) == "pdf"


def test_an_accepted_attachment_gets_a_random_name_and_is_served_only_to_who_sees_the_proposal(client, calls):
    proposal = calls.proposal(calls.call(), complete=False)
    post(client, calls.applicant, "attach", proposal.pk, data={"document": calls.document.pk, "file": odt()})
    attachment = Attachment.objects.get()
    assert attachment.original_name == "budget.odt" and "budget" not in attachment.file.name
    url = reverse("www:funding:download", args=[proposal.pk, attachment.pk])
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"PK")
    for closer in response._resource_closers:  # what Django's server does when the response is sent
        closer()
    client.force_login(calls.colleague)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_a_proposal_for_an_organisation_the_user_does_not_belong_to_is_a_404(client, calls):
    call = calls.call()
    client.force_login(calls.applicant)
    response = client.post(
        reverse("www:funding:start", args=[call.pk]),
        {"organisation": calls.world.other_ministry.pk, "title": "X"},
    )
    assert response.status_code == 404
    assert not Proposal.objects.exists()


def test_an_organisation_of_the_wrong_kind_or_without_agreement_cannot_apply(client, calls):
    call = calls.call(eligible_kinds=[OrganisationKind.MINISTRY])
    client.force_login(calls.applicant)
    page = text(client.get(call.get_absolute_url()))
    assert "cet appel est réservé aux types Ministère" in page
    orphan = OrganisationFactory(name="Office sans convention", kind=OrganisationKind.PUBLIC_ESTABLISHMENT)
    client.force_login(UserFactory(entity=orphan))
    page = text(client.get(calls.call(title="Autre").get_absolute_url()))
    assert "n'a pas de convention de partenariat active : cet appel en exige une." in page


def test_granting_beyond_the_envelope_or_the_cap_and_absurd_amounts_are_refused(calls):
    call = calls.call(status=CallStatus.CLOSED, envelope=Decimal("30000"))
    first = calls.proposal(call, requested="20000", title="Premier")
    second = calls.proposal(call, requested="20000", title="Second")
    Proposal.objects.update(status=ProposalStatus.SUBMITTED)
    decisions.decide(first, calls.admin, Verdict.SELECTED, Decimal("20000"))
    with pytest.raises(decisions.DecisionRefused, match="dépasserait l'enveloppe .* il reste 10\u202f000,00"):
        decisions.decide(second, calls.admin, Verdict.SELECTED, Decimal("15000"))
    with pytest.raises(decisions.DecisionRefused, match="dépasse le plafond"):
        decisions.decide(second, calls.admin, Verdict.SELECTED, Decimal("20000.01"))
    with pytest.raises(decisions.DecisionRefused, match="supérieur à zéro"):
        decisions.decide(second, calls.admin, Verdict.SELECTED, Decimal("-1"))
    with pytest.raises(decisions.DecisionRefused, match="Un refus se motive"):
        decisions.decide(second, calls.admin, Verdict.REFUSED)
    with pytest.raises(decisions.DecisionRefused, match="Seuls les administrateurs DGAFP"):
        decisions.decide(second, calls.applicant, Verdict.WAITING)
    second.refresh_from_db()
    assert second.verdict == "" and second.granted is None


def test_withdrawing_a_grant_gives_it_back_and_the_waiting_list_shows_what_fits(client, calls):
    call = calls.call(status=CallStatus.CLOSED, envelope=Decimal("30000"))
    first = calls.proposal(call, requested="20000", title="Premier")
    second = calls.proposal(call, requested="15000", title="Second")
    Proposal.objects.update(status=ProposalStatus.SUBMITTED)
    decisions.decide(first, calls.admin, Verdict.SELECTED, Decimal("20000"))
    decisions.decide(second, calls.admin, Verdict.WAITING)
    client.force_login(calls.admin)
    url = reverse("www:funding:manage", args=[call.pk])
    assert "tient dans le reste de l'enveloppe" not in text(client.get(url))
    decisions.decide(first, calls.admin, Verdict.REFUSED, reasons="Projet retiré par le porteur.")
    page = text(client.get(url))
    assert "reste : <strong>30\u202f000,00\u00a0€</strong>" in page
    assert "tient dans le reste de l'enveloppe" in page


def test_scores_outside_the_scale_are_refused_and_the_grid_is_copied(client, calls):
    call = calls.call()
    proposal = calls.proposal(call)
    proposal = PROPOSALS.fire("submit", proposal, calls.applicant)
    item = evaluation.assign(proposal, calls.evaluator, calls.admin)
    evaluation.start(item, calls.evaluator)
    # Editing the grid afterwards rewrites no evaluation.
    Criterion.objects.filter(call=call, name="Pertinence").update(name="Pertinence revue", weight=5)
    response = post(
        client, calls.evaluator, "evaluation", item.pk, data={"score_1": "5", "score_2": "1", "complete": ""}
    )
    assert response.status_code == 400
    assert "« Pertinence » : la note doit être comprise entre 0 et 4." in text(response)
    item.refresh_from_db()
    assert item.completed_at is None and [s.value for s in item.scores.all()] == [None, None]
    assert [(s.criterion_name, s.weight) for s in item.scores.all()] == [
        ("Pertinence", 2),
        ("Faisabilité", 1),
    ]


def test_evaluating_a_proposal_of_ones_own_organisation_tree_is_refused(calls):
    proposal = PROPOSALS.fire("submit", calls.proposal(calls.call()), calls.applicant)
    with pytest.raises(evaluation.EvaluationRefused, match="Conflit d'intérêts"):
        evaluation.assign(proposal, calls.conflicted, calls.admin)  # a role in the ministry above
    with pytest.raises(evaluation.EvaluationRefused, match="entité de rattachement"):
        evaluation.assign(proposal, calls.colleague, calls.admin)  # attached to the proposing entity
    assert evaluation.assign(proposal, calls.evaluator, calls.admin).pk


def test_results_cannot_be_published_while_a_proposal_waits_for_a_decision(calls):
    call = calls.call(status=CallStatus.CLOSED)
    calls.proposal(call)
    Proposal.objects.update(status=ProposalStatus.SUBMITTED)
    with pytest.raises(TransitionRefused, match="1 proposition déposée attend encore une décision"):
        CALLS.fire("publish_results", call, calls.admin)
    with pytest.raises(TransitionRefused, match="suivent les dates"):
        CALLS.fire("close", calls.call(title="Autre"), calls.admin)


def test_what_each_role_sees(client, calls):
    call = calls.call(status=CallStatus.CLOSED)
    mine = calls.proposal(call, title="Ma proposition")
    mine.editors.add(calls.co_editor)
    theirs = calls.proposal(
        call, organisation=calls.world.other_ministry, by=calls.other_applicant, title="Leur"
    )
    Proposal.objects.update(status=ProposalStatus.SUBMITTED)
    mine.refresh_from_db()
    evaluation.assign(mine, calls.evaluator, calls.admin)
    decisions.decide(mine, calls.admin, Verdict.SELECTED, Decimal("10000"))
    decisions.decide(theirs, calls.admin, Verdict.REFUSED, reasons="Hors des thèmes.")
    url = mine.get_absolute_url()
    expected = {
        calls.applicant: 200,
        calls.co_editor: 200,
        calls.evaluator: 200,
        calls.admin: 200,
        calls.other_applicant: 404,
        calls.colleague: 404,
    }
    for user, status in expected.items():
        client.force_login(user)
        assert client.get(url).status_code == status, user
    # Before the results, the applicant does not see the decision; the DGAFP does.
    client.force_login(calls.applicant)
    assert "Décision du comité de sélection" not in text(client.get(url))
    assert "Ma proposition" in text(client.get(url))
    client.force_login(calls.admin)
    assert "Décision du comité de sélection" in text(client.get(url))
    CALLS.fire("publish_results", call, calls.admin)
    client.force_login(calls.applicant)
    page = text(client.get(url))
    assert "Décision du comité de sélection" in page and "Hors des thèmes." not in page
    client.force_login(calls.other_applicant)
    assert "Hors des thèmes." in text(client.get(theirs.get_absolute_url()))
    client.logout()
    assert client.get(url).status_code == 302
    # The management page, the dashboard and the exports are the DGAFP's only.
    for name in ("manage", "dashboard"):
        client.force_login(calls.applicant)
        assert client.get(reverse(f"www:funding:{name}", args=[call.pk])).status_code == 404
        client.force_login(make_dgafp_admin(calls.world) if name == "manage" else calls.admin)
        assert client.get(reverse(f"www:funding:{name}", args=[call.pk])).status_code == 200


def test_a_draft_call_is_the_dgafps_only_and_the_description_is_sanitised(client, calls):
    call = calls.call(
        status=CallStatus.DRAFT, description='<p onclick="x()">Bienvenue<script>alert(1)</script></p>'
    )
    call.refresh_from_db()
    assert call.description == "<p>Bienvenue</p>"
    assert client.get(call.get_absolute_url()).status_code == 404
    client.force_login(calls.admin)
    assert client.get(call.get_absolute_url()).status_code == 200


def test_the_personal_data_export_holds_proposals_and_evaluations(client, calls):
    import json

    proposal = calls.proposal(calls.call())
    proposal.editors.add(calls.co_editor)
    proposal = PROPOSALS.fire("submit", proposal, calls.applicant)
    item = evaluation.assign(proposal, calls.evaluator, calls.admin)
    evaluation.start(item, calls.evaluator)
    client.force_login(calls.applicant)
    data = json.loads(client.get(reverse("accounts:personal_data")).content)
    assert [p["proposition"] for p in data["propositions_d_appels_a_projets"]] == ["Former à la sobriété"]
    assert [e["action"] for e in data["journal_des_propositions"]] == ["submit"]
    client.force_login(calls.co_editor)
    data = json.loads(client.get(reverse("accounts:personal_data")).content)
    assert [p["proposition"] for p in data["propositions_co_redigees"]] == ["Former à la sobriété"]
    client.force_login(calls.evaluator)
    data = json.loads(client.get(reverse("accounts:personal_data")).content)
    assert [e["proposition"] for e in data["evaluations_de_propositions"]] == ["Former à la sobriété"]


def test_a_deleted_account_no_longer_co_edits_and_its_proposal_stays(calls):
    from mentor.accounts.services import delete_account

    proposal = calls.proposal(calls.call())
    proposal.editors.add(calls.co_editor)
    delete_account(calls.co_editor)
    assert not proposal.editors.exists()
    delete_account(calls.applicant)
    proposal.refresh_from_db()
    assert proposal.created_by_id == calls.applicant.pk and proposal.title == "Former à la sobriété"


def test_the_command_and_the_scheduler_open_and_close_calls_by_date(calls):
    from django.core.management import call_command

    from mentor.core.jobs import scheduled_jobs

    now = timezone.now()
    due = calls.call(status=CallStatus.PUBLISHED, opens_at=now - timedelta(hours=1))
    later = calls.call(status=CallStatus.PUBLISHED, title="Plus tard", opens_at=now + timedelta(hours=1))
    out = io.StringIO()
    call_command("update_call_statuses", stdout=out)
    assert f"Appel {due.pk} « Appel à projets 2026 » : ouvrir les candidatures" in out.getvalue()
    assert "1 appel(s) mis à jour." in out.getvalue()
    due.refresh_from_db(), later.refresh_from_db()
    assert (due.status, later.status) == (CallStatus.OPEN, CallStatus.PUBLISHED)
    assert "mentor.funding.tasks.update_call_statuses" in [job.name for job in scheduled_jobs()]


def test_the_training_page_shows_its_funding_to_the_dgafp_and_the_projects_organisation_only(client, calls):
    call = calls.call(status=CallStatus.CLOSED)
    proposal = calls.proposal(call)
    Proposal.objects.update(status=ProposalStatus.SUBMITTED)
    decisions.decide(proposal, calls.admin, Verdict.SELECTED, Decimal("10000"))
    CALLS.fire("publish_results", call, calls.admin)
    training = TrainingFactory(title="La sobriété numérique", owner=calls.organisation)
    from mentor.funding import followup

    funded = Proposal.objects.select_related("call", "organisation").get()
    elsewhere = TrainingFactory(title="Ailleurs", owner=calls.world.other_ministry)
    with pytest.raises(followup.FollowUpRefused, match="ne lie que les formations de « Direction générale"):
        followup.link_training(funded, calls.applicant, elsewhere)
    followup.link_training(funded, calls.applicant, training)
    for user, shown in ((calls.admin, True), (calls.colleague, True), (calls.world.outsider, False)):
        client.force_login(user)
        page = text(client.get(training.get_absolute_url()))
        assert "La sobriété numérique" in page
        assert ("cofinancé par « Appel à projets 2026 »" in page) is shown, user


def test_a_new_file_replaces_the_previous_one_and_editing_ends_at_the_closing_time(client, calls):
    call = calls.call()
    proposal = calls.proposal(call, complete=False)
    post(client, calls.applicant, "attach", proposal.pk, data={"document": calls.document.pk, "file": odt()})
    first = Attachment.objects.get()
    post(
        client,
        calls.applicant,
        "attach",
        proposal.pk,
        data={"document": calls.document.pk, "file": odt("v2.odt")},
    )
    assert [a.original_name for a in Attachment.objects.all()] == ["v2.odt"]
    assert not first.file.storage.exists(first.file.name)
    call.closes_at = timezone.now() - timedelta(seconds=1)
    call.opens_at = call.closes_at - timedelta(days=1)
    call.save()
    response = post(
        client, calls.applicant, "proposal", proposal.pk, data=proposal_data(calls, proposal), follow=True
    )
    assert (
        "L'appel n'est pas ouvert aux candidatures : la proposition ne peut plus être modifiée."
        in messages_of(response)
    )
    proposal.refresh_from_db()
    assert proposal.requested is None
