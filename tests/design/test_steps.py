"""The design steps of a training through the pages: opened at creation, each step's checklist and deliverable,
done only when complete, the e-learning package and its report, and the submission guard listing the steps not
done. Anyone but the training's designers gets a 404."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mentor.design import progress
from mentor.design.models import ChecklistItem, Package, TrainingStep
from mentor.editorial import workflow
from mentor.offer.enums import TrainingStatus as S
from mentor.www.design.forms import PackageForm

from .conftest import PDF
from .packages import build, files_12, valid_12, valid_2004

pytestmark = pytest.mark.django_db

STEPS = ["cadrage", "scenarisation", "mediatisation", "integration", "tests"]


def designed(world, **fields):
    training = world.training(**fields)
    progress.start_design(training)
    return training


def step_url(training, slug):
    return reverse("www:design:step", args=[training.pk, slug])


def all_checked(training, slug):
    return [
        str(pk)
        for pk in ChecklistItem.objects.filter(
            training_step__design__training=training, training_step__step__slug=slug
        ).values_list("pk", flat=True)
    ]


def complete(client, training, slug, **deliverable):
    response = client.post(
        step_url(training, slug), {"checklist": all_checked(training, slug), "action": "done", **deliverable}
    )
    assert response.status_code == 302, response.content.decode()[-3000:]


def upload(client, training, data, name="module.zip"):
    return client.post(
        reverse("www:design:package", args=[training.pk]),
        {"package": SimpleUploadedFile(name, data, "application/zip")},
    )


def test_a_draft_created_in_the_contribution_pages_gets_the_steps_and_their_checklists(client, design):
    client.force_login(design.designer)
    client.post(
        reverse("www:contribute:create"),
        {
            "title": "Piloter un projet numérique",
            "owner": design.owner.pk,
            "collection": design.collection.pk,
            "scope": "metier",
        },
    )
    rows = TrainingStep.objects.filter(design__training__title="Piloter un projet numérique").order_by(
        "step__position"
    )
    assert [r.step.slug for r in rows] == STEPS
    assert rows[0].checklist.count() == 4 and not rows[0].done_at
    training = rows[0].design.training
    page = client.get(reverse("www:contribute:training", args=[training.pk])).content.decode()
    assert "Conception" in page and page.count("À faire") == 5
    assert "L&#x27;étape de conception « Cadrage » n&#x27;est pas terminée." in page


def test_the_submission_guard_lists_the_steps_not_done(client, design):
    training = designed(design)
    with pytest.raises(workflow.TransitionRefused) as refused:
        workflow.fire("submit", training, design.designer)
    assert "L'étape de conception « Cadrage » n'est pas terminée." in str(refused.value)
    assert "L'étape de conception « Tests » n'est pas terminée." in str(refused.value)
    training.refresh_from_db()
    assert training.status == S.DRAFT


def test_a_step_is_not_done_without_its_deliverable_and_its_checklist(client, design, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    training = designed(design)
    client.force_login(design.designer)
    response = client.post(
        step_url(training, "cadrage"), {"checklist": all_checked(training, "cadrage")[:1], "action": "done"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Le livrable « La note de cadrage » est à déposer (un fichier)." in page
    assert "3 points de la liste de contrôle restent à cocher." in page
    row = TrainingStep.objects.get(design__training=training, step__slug="cadrage")
    assert row.done_at is None
    # What was saved before the refusal is the checklist the page showed, not a done step.
    response = client.post(
        step_url(training, "mediatisation"),
        {
            "checklist": all_checked(training, "mediatisation"),
            "url": "http://maquette.exemple.fr",
            "action": "done",
        },
    )
    assert response.status_code == 400 and "Utilisez une adresse en https://." in response.content.decode()


def test_a_designer_walks_the_steps_with_a_checked_package_then_submits(client, design, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    training = designed(design)
    client.force_login(design.designer)
    complete(client, training, "cadrage", file=SimpleUploadedFile("cadrage.pdf", PDF, "application/pdf"))
    complete(
        client, training, "scenarisation", file=SimpleUploadedFile("scenario.pdf", PDF, "application/pdf")
    )
    complete(client, training, "mediatisation", url="https://maquette.mentor.gouv.fr/rgpd")
    # The integration step needs a package that passes the technical checks.
    response = client.post(
        step_url(training, "integration"),
        {"checklist": all_checked(training, "integration"), "action": "done"},
    )
    assert (
        "Un paquet e-learning conforme aux exigences techniques est à déposer." in response.content.decode()
    )
    failing = build({**files_12(), "index.html": '<script src="http://traceur.exemple.com/t.js"></script>'})
    assert upload(client, training, failing).status_code == 302
    page = client.get(step_url(training, "integration")).content.decode()
    assert "Non conforme" in page and "index.html, ligne 1" in page
    assert "Le dernier paquet déposé n&#x27;est pas conforme aux exigences techniques." in page
    assert upload(client, training, valid_2004()).status_code == 302
    page = client.get(step_url(training, "integration")).content.decode()
    assert "Conforme" in page and "SCORM 2004 4e édition" in page
    complete(client, training, "integration")
    complete(client, training, "tests", note="Testé par 5 agents de la DRFiP ; deux corrections faites.")
    assert not progress.steps_not_done(training)
    stored = Package.objects.filter(training=training).order_by("created_at", "pk")
    assert [p.passed for p in stored] == [False, True]
    assert stored[1].file.name.startswith("design/packages/") and "module" not in stored[1].file.name

    response = client.post(reverse("www:contribute:transition", args=[training.pk, "submit"]))
    assert response.status_code == 302
    training.refresh_from_db()
    assert training.status == S.SUBMITTED
    # Submitted: the steps no longer change.
    response = client.post(step_url(training, "tests"), {"action": "reopen"})
    assert response.status_code == 400
    assert "elle ne peut pas être modifiée maintenant" in response.content.decode()


def test_a_new_failing_package_reopens_the_integration_step(client, design, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    training = designed(design)
    client.force_login(design.designer)
    upload(client, training, valid_12())
    complete(client, training, "integration")
    upload(client, training, build({k: v for k, v in files_12().items() if k != "index.html"}))
    assert TrainingStep.objects.get(design__training=training, step__slug="integration").done_at is None


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (
            build({**files_12(), "../../config/settings/prod.py": "DEBUG = True"}),
            "chemin interdit dans un paquet",
        ),
        (build({**files_12(), "video.mp4": b"\x00" * (3 * 1024 * 1024)}), "bombe de décompression"),
        (valid_12()[:300], "l&#x27;archive ZIP est endommagée ou illisible"),
        (b"juste du texte", "n&#x27;est pas un fichier accepté ici"),
    ],
)
def test_a_hostile_package_is_refused_with_its_reason_and_nothing_is_written(
    client, design, settings, tmp_path, data, reason
):
    settings.MEDIA_ROOT = tmp_path
    training = designed(design)
    client.force_login(design.designer)
    response = upload(client, training, data)
    assert response.status_code == 400
    assert reason in response.content.decode()
    assert not Package.objects.exists()
    assert not any(tmp_path.rglob("*"))


def test_an_upload_over_the_size_limit_is_refused(client, design, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.DESIGN_PACKAGE_MAX_UPLOAD_BYTES = 500
    training = designed(design)
    client.force_login(design.designer)
    response = upload(client, training, valid_12())
    assert response.status_code == 400 and "la limite est de 500" in response.content.decode()
    assert not Package.objects.exists()


@pytest.mark.parametrize("role", ["team", "lead_reviewer", "reviewer", "admin", "agent", "outsider"])
def test_only_the_designers_open_the_steps_of_a_training(client, design, role):
    training = designed(design)
    client.force_login(getattr(design, role))
    assert client.get(step_url(training, "cadrage")).status_code == 404
    assert upload(client, training, valid_12()).status_code == 404
    client.force_login(design.designer)
    assert client.get(step_url(training, "cadrage")).status_code == 200
    assert client.get(step_url(training, "inconnue")).status_code == 404


def test_an_anonymous_visitor_is_sent_to_log_in(client, design):
    training = designed(design)
    response = client.get(step_url(training, "cadrage"))
    assert response.status_code == 302 and response["Location"].startswith("/compte/connexion/")


def test_reviewers_see_the_package_report_beside_the_grid(client, design, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    training = designed(design)
    client.force_login(design.designer)
    upload(client, training, build({**files_12(), "index.html": '<img src="http://exemple.fr/a.png">'}))
    TrainingStep.objects.filter(design__training=training).update(done_at="2026-12-01T10:00:00Z")
    workflow.fire("submit", training, design.designer)
    workflow.fire("start_review", training, design.team)
    client.force_login(design.team)
    page = client.get(reverse("www:review:training", args=[training.pk])).content.decode()
    assert "Exigences techniques : « module.zip »" in page and "Non conforme" in page
    assert "Ressource chargée en http:// : utilisez https://." in page
    assert page.index("Exigences techniques") < page.index("Grille de revue qualité")


def test_a_training_not_designed_here_is_submitted_as_before(design):
    training = design.training()
    workflow.fire("submit", training, design.designer)
    training.refresh_from_db()
    assert training.status == S.SUBMITTED


def test_a_package_name_with_a_path_is_refused():
    # Django's multipart parser drops any path; a name that still carries one (a form fed by other code) is refused.
    form = PackageForm(data={}, files={"package": SimpleUploadedFile("..\\..\\module.zip", valid_12())})
    assert not form.is_valid()
    assert form.errors["package"] == ["Le nom du fichier ne doit contenir aucun chemin : renommez-le."]
