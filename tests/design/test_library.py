"""The designers' library through its pages, for each role: who reads, who manages, versions, audience, search,
what changed recently, the community page; bad input refused with its reason and nothing saved."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mentor.design import library
from mentor.design.enums import Audience, ResourceCategory, ResourceKind
from mentor.design.models import CommunityPage, Resource, ResourceVersion
from tests.factories import TrainingFactory

from .conftest import PDF

pytestmark = pytest.mark.django_db

LIBRARY = reverse("www:design:library")


def resource(title="Guide de conception", category=ResourceCategory.PEDAGOGICAL_GUIDE, **fields):
    defaults = {
        "description": "Pour bien commencer.",
        "kind": ResourceKind.LINK,
        "url": "https://mentor.gouv.fr/guide",
    }
    return library.save_resource(Resource(title=title, category=category, **{**defaults, **fields}))


@pytest.mark.parametrize("role", ["designer", "reviewer", "team", "lead_reviewer", "admin"])
def test_designers_reviewers_mentor_teams_leads_and_the_dgafp_read_the_library(client, design, role):
    resource(title="Guide de référence pédagogique 2026")
    client.force_login(getattr(design, role))
    page = client.get(LIBRARY).content.decode()
    assert "Guide de référence pédagogique 2026" in page
    for _, label in ResourceCategory.choices:
        assert label in page


def test_an_agent_is_refused_the_library_with_the_reason_and_an_anonymous_visitor_is_sent_to_log_in(
    client, design
):
    client.force_login(design.agent)
    response = client.get(LIBRARY)
    assert response.status_code == 403
    assert "réservé aux concepteurs, aux relecteurs, aux équipes Mentor" in response.content.decode()
    client.logout()
    response = client.get(LIBRARY)
    assert response.status_code == 302 and response["Location"].startswith("/compte/connexion/")


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("admin", True), ("lead_reviewer", True), ("designer", False), ("reviewer", False), ("team", False)],
)
def test_dgafp_admins_and_collection_leads_manage_the_library(client, design, role, allowed):
    client.force_login(getattr(design, role))
    response = client.get(reverse("www:design:resource_create"))
    assert response.status_code == (200 if allowed else 403)
    if not allowed:
        assert "gérée par les administrateurs DGAFP et les chefs de file" in response.content.decode()
        assert "Ajouter une ressource" not in client.get(LIBRARY).content.decode()
        assert "Rechercher une ressource" in client.get(LIBRARY).content.decode()


def test_a_file_resource_keeps_its_versions_with_what_changed_and_when(client, design, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(design.lead_reviewer)
    response = client.post(
        reverse("www:design:resource_create"),
        {
            "category": ResourceCategory.TECHNICAL_REQUIREMENTS,
            "title": "Cahier des exigences techniques",
            "description": "Formats, poids, accessibilité des paquets SCORM.",
            "audience": Audience.DESIGNERS,
            "kind": ResourceKind.FILE,
            "file": SimpleUploadedFile("exigences.pdf", PDF, "application/pdf"),
            "note": "",
        },
    )
    created = Resource.objects.get(title="Cahier des exigences techniques")
    assert response.status_code == 302 and response["Location"] == created.get_absolute_url()
    first = created.versions.get()
    assert (first.number, first.original_name, first.note) == (1, "exigences.pdf", "Première version")
    assert first.file.name.startswith("design/resources/") and "exigences" not in first.file.name

    response = client.post(
        reverse("www:design:new_version", args=[created.pk]),
        {
            "file": SimpleUploadedFile("exigences-v2.pdf", PDF + b"%v2", "application/pdf"),
            "note": "Ajout du poids maximal des vidéos",
        },
    )
    assert response.status_code == 302
    assert list(created.versions.values_list("number", "note")) == [
        (2, "Ajout du poids maximal des vidéos"),
        (1, "Première version"),
    ]
    client.force_login(design.designer)
    page = client.get(created.get_absolute_url()).content.decode()
    assert "Ajout du poids maximal des vidéos" in page and "exigences.pdf" in page and "(en vigueur)" in page
    download = client.get(reverse("www:design:download", args=[created.pk, 1]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert 'filename="exigences.pdf"' in download["Content-Disposition"]
    recent = client.get(LIBRARY).content.decode()
    assert "Version 2 : Ajout du poids maximal des vidéos" in recent


def test_bad_input_is_refused_with_its_reason_and_nothing_is_saved(client, design, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(design.admin)
    data = {
        "title": "Sans catégorie",
        "description": "x",
        "audience": Audience.EVERYONE,
        "kind": ResourceKind.FILE,
    }
    response = client.post(
        reverse("www:design:resource_create"),
        {**data, "file": SimpleUploadedFile("faux.pdf", b"MZ pas un pdf", "application/pdf")},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Ce champ est obligatoire." in page  # the category
    assert "« faux.pdf » n&#x27;est pas un fichier accepté ici" in page
    response = client.post(
        reverse("www:design:resource_create"), {**data, "category": "inconnue", "kind": ResourceKind.LINK}
    )
    assert response.status_code == 400
    assert "Indiquez l&#x27;adresse du lien." in response.content.decode()
    assert not Resource.objects.exists() and not ResourceVersion.objects.exists()
    assert not any(tmp_path.rglob("*.*"))


def test_a_version_without_a_note_or_too_large_is_refused(client, design, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.DESIGN_RESOURCE_MAX_BYTES = 20
    guide = resource(kind=ResourceKind.FILE, url="")
    client.force_login(design.admin)
    response = client.post(
        reverse("www:design:new_version", args=[guide.pk]),
        {"file": SimpleUploadedFile("guide.pdf", PDF, "application/pdf"), "note": ""},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "la limite est de 20" in page and "Ce champ est obligatoire." in page
    assert not ResourceVersion.objects.exists()


def test_the_audience_decides_who_reads_a_resource(client, design):
    for_teams = resource(title="Piloter la relecture dans son ministère", audience=Audience.MENTOR_TEAMS)
    client.force_login(design.designer)
    assert client.get(for_teams.get_absolute_url()).status_code == 404
    assert "Piloter la relecture" not in client.get(LIBRARY).content.decode()
    client.force_login(design.team)
    assert client.get(for_teams.get_absolute_url()).status_code == 200
    client.force_login(design.lead_reviewer)  # a manager reads everything
    assert "Piloter la relecture" in client.get(LIBRARY).content.decode()


def results(client, typed):
    """The results column of the library page (the "what changed recently" column lists every resource)."""
    return client.get(LIBRARY, {"q": typed}).content.decode().split("Ce qui a changé récemment")[0]


def test_the_search_is_french_and_accent_insensitive(client, design):
    resource(title="Évaluer une formation à distance", category=ResourceCategory.QUALITY_GUIDE)
    resource(title="Gabarit de note de cadrage", category=ResourceCategory.TEMPLATES)
    client.force_login(design.designer)
    for typed in ["evaluation", "ÉVALUATIONS", "évaluer formations"]:
        page = results(client, typed)
        assert "Évaluer une formation à distance" in page, typed
        assert "Gabarit de note de cadrage" not in page, typed
        assert "1 ressource pour" in page
    page = results(client, "gabarits")
    assert "Gabarit de note de cadrage" in page and "Évaluer une formation" not in page
    page = results(client, "hydrogène")
    assert "0 ressource pour" in page and "Aucune ressource ne correspond à votre recherche." in page


def test_a_training_of_the_offer_is_a_resource(client, design):
    published = TrainingFactory(
        title="Se former à la conception de modules en ligne", collection=design.collection
    )
    client.force_login(design.admin)
    base = {
        "category": ResourceCategory.DESIGNER_TRAININGS,
        "title": "Concevoir un module",
        "description": "Parcours",
        "audience": Audience.DESIGNERS,
        "kind": ResourceKind.TRAINING,
    }
    response = client.post(reverse("www:design:resource_create"), base)
    assert (
        response.status_code == 400
        and "Choisissez la formation de l&#x27;offre." in response.content.decode()
    )
    response = client.post(reverse("www:design:resource_create"), {**base, "training": published.pk})
    assert response.status_code == 302
    client.force_login(design.designer)
    page = client.get(Resource.objects.get().get_absolute_url()).content.decode()
    assert "Se former à la conception de modules en ligne" in page


def test_the_community_page_is_read_by_designers_and_edited_by_dgafp_admins_only(client, design):
    client.force_login(design.lead_reviewer)
    assert client.get(reverse("www:design:community_edit")).status_code == 403
    client.force_login(design.admin)
    response = client.post(
        reverse("www:design:community_edit"),
        {
            "description": "Les acteurs de Mentor échangent leurs pratiques.",
            "how_to_join": "Écrire à la DGAFP.",
            "next_events": "Webinaire le 15 janvier.",
        },
    )
    assert response.status_code == 302
    assert CommunityPage.objects.get().how_to_join == "Écrire à la DGAFP."
    client.force_login(design.designer)
    page = client.get(reverse("www:design:community")).content.decode()
    assert "Webinaire le 15 janvier." in page and "Modifier la page" not in page
    client.force_login(design.agent)
    assert client.get(reverse("www:design:community")).status_code == 403
