"""A designer named on a training follows it, even when whether they were named anywhere was read earlier in the
same request (the menu reads it once per request, and a page then skips the training's designers for someone named
nowhere)."""

import pytest

from mentor.editorial.access import follows
from mentor.offer.named import named_on
from tests.factories import OrganisationFactory, TrainingFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_naming_a_designer_is_seen_by_a_user_read_before_it():
    organisation = OrganisationFactory()
    training = TrainingFactory(owner=organisation)
    user = UserFactory(entity=organisation)
    assert not named_on(user).designs
    assert not follows(user, training)
    training.designers.add(user)
    assert named_on(user).designs
    assert follows(user, training)
    training.designers.remove(user)
    assert not named_on(user).designs
    assert not follows(user, training)


def test_someone_named_designer_elsewhere_reads_the_trainings_designers(django_assert_num_queries):
    organisation = OrganisationFactory()
    training, other = TrainingFactory(owner=organisation), TrainingFactory(owner=organisation)
    user = UserFactory(entity=organisation)
    other.designers.add(user)
    assert named_on(user).designs
    with django_assert_num_queries(2):  # roles, the training's designers
        assert not follows(user, training)
    assert follows(user, other)
