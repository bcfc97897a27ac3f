"""An editorial world shared by the editorial, contribution, review and browser tests: a ministry under an
active agreement with a designer and a Mentor team, a collection led by an interministerial directorate with
its reviewer, a small grid, and helpers that walk a training through the workflow."""

from datetime import timedelta

import pytest
from django.utils import timezone

from mentor.accounts.enums import Role
from mentor.editorial import grid, workflow
from mentor.editorial.enums import IndicatorScope, Rating
from mentor.editorial.models import Indicator, PublicationCriterion
from mentor.offer.enums import Modality, Scope
from mentor.offer.models import Objective, StrategicOrientation, ThematicOffer
from mentor.organisations.enums import AgreementStatus, OrganisationKind
from mentor.organisations.models import PartnershipAgreement
from tests.factories import (
    CollectionFactory,
    MembershipFactory,
    OrganisationFactory,
    TrainingFactory,
    UserFactory,
)


class World:
    def __init__(self):
        today = timezone.localdate()
        self.ministry = OrganisationFactory(code="MEF", name="Ministère de l'Économie")
        self.owner = OrganisationFactory(
            code="DGFIP",
            name="Direction générale des finances publiques",
            kind=OrganisationKind.CENTRAL_ADMINISTRATION,
            parent=self.ministry,
        )
        self.other_ministry = OrganisationFactory(code="MI", name="Ministère de l'Intérieur")
        self.lead = OrganisationFactory(
            code="DINUM", name="DINUM", kind=OrganisationKind.INTERMINISTERIAL_DIRECTORATE
        )
        self.dgafp = OrganisationFactory(
            code="DGAFP", name="DGAFP", kind=OrganisationKind.INTERMINISTERIAL_DIRECTORATE
        )
        for partner in (self.ministry, self.other_ministry):
            PartnershipAgreement.objects.create(
                partner=partner,
                starts_on=today - timedelta(days=100),
                ends_on=today + timedelta(days=700),
                status=AgreementStatus.ACTIVE,
            )
        self.collection = CollectionFactory(
            name="Numérique", slug="numerique", lead=self.lead, review_target_days=10
        )
        orientation = StrategicOrientation.objects.create(
            collection=self.collection, title="Cultiver", slug="cultiver"
        )
        theme = ThematicOffer.objects.create(orientation=orientation, title="Données", slug="donnees")
        self.objectives = [
            Objective.objects.create(thematic_offer=theme, text="Ouvrir les données", position=1),
            Objective.objects.create(thematic_offer=theme, text="Protéger les données", position=2),
        ]
        self.designer = self.user("conceptrice@dgfip.gouv.fr", self.owner, Role.DESIGNER)
        self.team = self.user("referente@finances.gouv.fr", self.ministry, Role.MENTOR_TEAM)
        self.second_team = self.user("referent2@finances.gouv.fr", self.ministry, Role.MENTOR_TEAM)
        self.lead_reviewer = self.user(
            "relecteur@numerique.gouv.fr", self.lead, Role.COLLECTION_REVIEWER, self.collection
        )
        self.outsider = self.user("referent@interieur.gouv.fr", self.other_ministry, Role.MENTOR_TEAM)
        self.admin = self.user("admin@fonction-publique.gouv.fr", self.dgafp, Role.DGAFP_ADMIN)
        self.relevance = PublicationCriterion.objects.create(
            code="pertinence", name="Pertinence des contenus", position=1
        )
        self.ergonomics = PublicationCriterion.objects.create(code="ergonomie", name="Ergonomie", position=2)
        self.blocking = Indicator.objects.create(
            criterion=self.relevance, statement="Les sources sont citées", is_blocking=True, position=1
        )
        self.plain = Indicator.objects.create(
            criterion=self.relevance, statement="Le contenu est à jour", position=2
        )
        self.accessible = Indicator.objects.create(
            criterion=self.ergonomics, statement="Le module est accessible (RGAA)", position=1
        )
        self.transverse_only = Indicator.objects.create(
            criterion=self.ergonomics,
            statement="Le module fonctionne sur tous les navigateurs de l'État",
            scope=IndicatorScope.TRANSVERSE,
            position=2,
        )

    def user(self, email, organisation, role, collection=None):
        user = UserFactory(email=email, entity=organisation)
        MembershipFactory(user=user, organisation=organisation, role=role, collection=collection)
        return user

    def training(self, scope=Scope.METIER, **fields):
        """A complete draft of ``scope``, owned by DGFIP, designed by the designer."""
        defaults = {
            "title": "Ouvrir les données de son service",
            "teaser": "Publier des données de qualité.",
            "description": "Une formation pour ouvrir les données.",
            "learning_outcomes": "Publier un jeu de données.",
            "target_audience": "Les agents des services.",
            "contact_email": "formation@dgfip.gouv.fr",
            "modality": Modality.E_LEARNING,
            "duration_remote_hours": 3,
            "delivery_url": "https://mentor.gouv.fr/course/view.php?id=42",
        }
        training = TrainingFactory(
            draft=True, scope=scope, owner=self.owner, collection=self.collection, **{**defaults, **fields}
        )
        training.designers.add(self.designer)
        training.covered_objectives.set(self.objectives[:1])
        return training

    def ratings(self, training, rating=Rating.MET, **overrides):
        """Ratings for every applicable indicator; ``overrides`` maps an attribute name of this world (an
        indicator) to a (rating, comment) pair."""
        values = {i.pk: (rating, "") for i in grid.applicable_indicators(training)}
        for name, value in overrides.items():
            values[getattr(self, name).pk] = value
        return values

    def review(self, subject, reviewer, decision="approve", comment="", **overrides):
        workflow.fire("start_review", subject, reviewer)
        training = getattr(subject, "training", subject)
        return grid.review_and_decide(
            subject, reviewer, self.ratings(training, **overrides), decision, comment
        )

    def publish_metier(self, **fields):
        """A ministry-specific training taken through review to publication."""
        training = self.training(**fields)
        workflow.fire("submit", training, self.designer)
        self.review(training, self.team)
        workflow.fire("publish", training, self.designer)
        training.refresh_from_db()
        return training


@pytest.fixture
def world(db):
    return World()
