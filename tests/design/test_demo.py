import pytest
from django.core.management import call_command

from mentor.design.enums import ResourceCategory
from mentor.design.models import (
    CommunityPage,
    DesignStep,
    Resource,
    ResourceVersion,
    TrainingDesign,
    TrainingStep,
)
from mentor.offer.models import Training

pytestmark = pytest.mark.django_db


def test_the_demo_fills_the_library_models_and_a_draft_in_design_and_loads_twice_identically(
    settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo_data")
    assert set(Resource.objects.values_list("category", flat=True)) == set(ResourceCategory.values)
    assert ResourceVersion.objects.filter(number=2).count() == 2
    assert not DesignStep.objects.filter(guide__isnull=True).exists()
    assert CommunityPage.objects.count() == 1
    assert TrainingDesign.objects.filter(is_model=True).count() == 2
    draft = Training.objects.get(design__model__slug="demo-labellisee")
    assert list(
        TrainingStep.objects.filter(design__training=draft, done_at__isnull=False).values_list(
            "step__slug", flat=True
        )
    ) == ["cadrage"]
    counts = [m.objects.count() for m in (Resource, ResourceVersion, TrainingDesign, TrainingStep, Training)]
    call_command("load_demo_data")
    assert [
        m.objects.count() for m in (Resource, ResourceVersion, TrainingDesign, TrainingStep, Training)
    ] == counts
