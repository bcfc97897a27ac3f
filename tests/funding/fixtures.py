"""A call for projects on top of the editorial world: the DGFIP (under the Ministry of the Economy, which has an
agreement) applies, a user of the Interior evaluates, the DGAFP administrator runs the call."""

import io
import zipfile
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from mentor.accounts.enums import Role
from mentor.funding.enums import CallStatus
from mentor.funding.models import (
    Call,
    Criterion,
    PlannedTraining,
    Proposal,
    RequiredDocument,
    ScheduleStep,
    Theme,
)
from mentor.offer.enums import Modality, Scope
from mentor.organisations.enums import OrganisationKind
from tests.factories import OrganisationFactory, UserFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name="projet.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def odt(name="budget.odt"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return SimpleUploadedFile(name, buffer.getvalue())


class Calls:
    def __init__(self, world):
        self.world = world
        self.applicant = world.designer
        self.organisation = world.owner
        self.co_editor = UserFactory(email="coredactrice@dgfip.gouv.fr", entity=world.owner)
        self.colleague = UserFactory(email="collegue@dgfip.gouv.fr", entity=world.owner)
        self.admin = world.admin
        prefecture = OrganisationFactory(
            code="PREF",
            name="Préfecture",
            kind=OrganisationKind.DECONCENTRATED_SERVICE,
            parent=world.other_ministry,
        )
        self.evaluator = UserFactory(email="evaluatrice@interieur.gouv.fr", entity=prefecture)
        self.second_evaluator = world.outsider
        self.conflicted = world.team  # Mentor team of the ministry above the DGFIP
        self.other_applicant = world.outsider

    def call(self, status=CallStatus.OPEN, **fields):
        now = timezone.now()
        values = {
            "title": "Appel à projets 2026",
            "year": 2026,
            "description": "<p>Des projets <strong>utiles</strong>.</p>",
            "opens_at": now - timedelta(days=10),
            "closes_at": now + timedelta(days=20),
            "envelope": Decimal("100000.00"),
            "max_rate": Decimal("50"),
            "max_amount": Decimal("40000.00"),
            "eligible_kinds": [],
            "requires_agreement": True,
            "status": status,
            **fields,
        }
        call = Call.objects.create(**values)
        self.theme = Theme.objects.create(call=call, name="Transition écologique", position=1)
        self.theme.collections.add(self.world.collection)
        Theme.objects.create(call=call, name="Management", position=2)
        self.document = RequiredDocument.objects.create(call=call, name="Présentation du projet", position=1)
        RequiredDocument.objects.create(call=call, name="Lettre de soutien", required=False, position=2)
        Criterion.objects.create(call=call, name="Pertinence", weight=2, position=1)
        Criterion.objects.create(call=call, name="Faisabilité", weight=1, position=2)
        return call

    def proposal(
        self,
        call,
        organisation=None,
        by=None,
        complete=True,
        requested="20000.00",
        title="Former à la sobriété",
    ):
        proposal = Proposal.objects.create(
            call=call,
            organisation=organisation or self.organisation,
            created_by=by or self.applicant,
            title=title,
        )
        if complete:
            self.complete(proposal, requested)
        return proposal

    def complete(self, proposal, requested="20000.00"):
        requested = Decimal(requested)
        proposal.summary = "Un parcours sur la sobriété numérique."
        proposal.objectives = "Réduire l'empreinte des services."
        proposal.audience = "Les agents des services informatiques."
        proposal.audience_size = 400
        proposal.team = "Deux concepteurs, un chef de projet."
        proposal.total_cost = requested * 2
        proposal.own_funding = requested
        proposal.other_funding = Decimal("0")
        proposal.requested = requested
        proposal.save()
        proposal.themes.add(self.theme)
        PlannedTraining.objects.create(
            proposal=proposal,
            title="La sobriété numérique",
            modality=Modality.E_LEARNING,
            duration_hours=Decimal("3"),
            collection=self.world.collection,
            scope=Scope.TRANSVERSE,
        )
        ScheduleStep.objects.create(proposal=proposal, label="Conception", planned_on=date(2026, 9, 1))
        proposal.attachments.create(
            document=self.document, file=pdf(), original_name="projet.pdf", size=len(PDF)
        )
        return proposal


@pytest.fixture
def calls(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # the attachments of a test go with it
    return Calls(world)


def make_dgafp_admin(world):
    return world.user("autre.admin@fonction-publique.gouv.fr", world.dgafp, Role.DGAFP_ADMIN)
