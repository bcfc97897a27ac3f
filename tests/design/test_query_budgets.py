"""Exact query counts of the designer's pages: they do not move when rows are added."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from mentor.design import library, progress
from mentor.design.enums import ResourceCategory, ResourceKind
from mentor.design.models import CommunityPage, Package, Resource, TrainingDesign
from mentor.design.scorm import Report

from .conftest import PDF

pytestmark = pytest.mark.django_db


def resources(count):
    for n in range(count):
        category = ResourceCategory.values[n % len(ResourceCategory.values)]
        resource = library.save_resource(
            Resource(
                title=f"Ressource {n}",
                description="Une ressource.",
                category=category,
                kind=ResourceKind.FILE,
            )
        )
        library.add_version(resource, ContentFile(PDF, "r.pdf"), "Première version", None)


@pytest.mark.parametrize("extra", [0, 14])
def test_the_library(client, design, django_assert_num_queries, extra, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    resources(1 + extra)
    client.force_login(design.designer)
    with django_assert_num_queries(5):
        assert client.get(reverse("www:design:library"), {"q": "ressource"}).status_code == 200


@pytest.mark.parametrize("extra", [0, 5])
def test_a_resource_with_its_versions(client, design, django_assert_num_queries, extra, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    resources(1)
    resource = Resource.objects.get()
    for _ in range(extra):
        library.add_version(resource, ContentFile(PDF, "r.pdf"), "Mise à jour", design.admin)
    client.force_login(design.designer)
    with django_assert_num_queries(5):
        assert client.get(resource.get_absolute_url()).status_code == 200


def test_the_community_page(client, design, django_assert_num_queries):
    CommunityPage.objects.create(description="Les acteurs.", how_to_join="Écrire.")
    client.force_login(design.designer)
    with django_assert_num_queries(4):
        assert client.get(reverse("www:design:community")).status_code == 200


@pytest.mark.parametrize("extra", [0, 5])
def test_the_models_page(client, design, django_assert_num_queries, extra):
    for n in range(1 + extra):
        TrainingDesign.objects.create(training=design.publish_metier(title=f"Modèle {n}"), is_model=True)
    client.force_login(design.designer)
    with django_assert_num_queries(12):
        assert client.get(reverse("www:design:models")).status_code == 200


@pytest.mark.parametrize("extra", [0, 5])
def test_a_design_step_with_its_package(client, design, django_assert_num_queries, extra, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    training = design.training()
    progress.start_design(training)
    for _ in range(1 + extra):
        Package.objects.create(
            training=training,
            file=ContentFile(b"PK", "p.zip"),
            original_name="p.zip",
            size=2,
            passed=True,
            report=Report(version="SCORM 1.2").as_dict(),
        )
    client.force_login(design.designer)
    with django_assert_num_queries(7):
        assert client.get(reverse("www:design:step", args=[training.pk, "integration"])).status_code == 200


@pytest.mark.parametrize("extra", [1, 5])
def test_the_contribution_page_with_its_design_steps(client, design, django_assert_num_queries, extra):
    # At least one other training: a similarity lookup that finds nothing makes fewer queries (watch).
    training = design.training()
    progress.start_design(training)
    for n in range(extra):
        progress.start_design(design.training(title=f"Autre formation {n}"))
    client.force_login(design.designer)
    with django_assert_num_queries(33):
        assert client.get(reverse("www:contribute:training", args=[training.pk])).status_code == 200


@pytest.mark.parametrize(
    ("name", "args", "count"),
    [
        ("resource_create", [], 5),
        ("resource_edit", ["resource"], 6),
        ("new_version", ["resource"], 5),
        ("community_edit", [], 5),
    ],
)
def test_the_managers_forms(client, design, django_assert_num_queries, name, args, count, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    resources(1)
    for n in range(3):
        TrainingDesign.objects.create(training=design.publish_metier(title=f"Formation publiée {n}"))
    args = [Resource.objects.get().pk if a == "resource" else a for a in args]
    client.force_login(design.admin)
    with django_assert_num_queries(count):
        assert client.get(reverse(f"www:design:{name}", args=args)).status_code == 200
