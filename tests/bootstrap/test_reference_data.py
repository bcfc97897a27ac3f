import pytest
from django.core.management import call_command

from mentor.editorial.models import PublicationCriterion
from mentor.offer.models import Collection, Objective, StrategicOrientation, ThematicOffer
from mentor.organisations.enums import OrganisationKind
from mentor.organisations.models import Organisation

pytestmark = pytest.mark.django_db

EXPECTED_COLLECTIONS = [
    "Achat public",
    "Communication et services aux usagers",
    "Finances publiques, gestion budgétaire et financière",
    "Organisation et missions des ministères, de l'État et de l'Europe",
    "Langues",
    "Management",
    "Numérique et systèmes d'information et de communication",
    "Préparation aux épreuves de concours et des examens professionnels",
    "Ressources humaines",
    "Techniques et affaires juridiques",
    "Transformation de l'action publique",
    "Transition écologique et développement durable",
    "Valeurs de la République",
    "Immobilier de l'État",
]


def counts():
    return [
        m.objects.count()
        for m in (
            Organisation,
            Collection,
            StrategicOrientation,
            ThematicOffer,
            Objective,
            PublicationCriterion,
        )
    ]


def test_the_fourteen_collections_in_the_page_order(reference_data):
    top = list(Collection.objects.filter(parent__isnull=True).values_list("name", flat=True))
    assert top == EXPECTED_COLLECTIONS


def test_ressources_humaines_has_its_three_sub_collections(reference_data):
    rh = Collection.objects.get(slug="ressources-humaines")
    assert list(rh.children.values_list("name", flat=True)) == [
        "Métiers des ressources humaines",
        "Accompagnement du développement professionnel",
        "Hygiène, santé et sécurité au travail",
    ]
    assert Collection.objects.filter(parent__isnull=False).count() == 3


def test_the_leads_are_interministerial_directorates_with_the_default_pairing(reference_data):
    leads = Organisation.objects.filter(kind=OrganisationKind.INTERMINISTERIAL_DIRECTORATE)
    assert set(leads.values_list("code", flat=True)) == {"DINUM", "DB", "DAE", "DITP", "DIE", "DGAFP", "CGDD"}
    pairing = dict(Collection.objects.filter(parent__isnull=True).values_list("name", "lead__code"))
    assert pairing["Achat public"] == "DAE"
    assert pairing["Finances publiques, gestion budgétaire et financière"] == "DB"
    assert pairing["Numérique et systèmes d'information et de communication"] == "DINUM"
    assert pairing["Communication et services aux usagers"] == "DITP"
    assert pairing["Transformation de l'action publique"] == "DITP"
    assert pairing["Transition écologique et développement durable"] == "CGDD"
    assert pairing["Immobilier de l'État"] == "DIE"
    assert pairing["Management"] == "DGAFP"
    assert pairing["Langues"] == "DGAFP"


def test_every_collection_has_starting_orientations_with_themes_and_objectives(reference_data):
    for collection in Collection.objects.all():
        orientations = collection.orientations.all()
        assert orientations, collection.name
        assert all(o.is_starting_content for o in orientations)
        for orientation in orientations:
            assert orientation.thematic_offers.exists()
            for theme in orientation.thematic_offers.all():
                assert theme.objectives.count() >= 1
    assert StrategicOrientation.objects.filter(title="Manager en situation de transformation").exists()


def test_the_five_publication_criteria(reference_data):
    assert list(PublicationCriterion.objects.values_list("name", flat=True)) == [
        "Adéquation avec les politiques publiques",
        "Pertinence des contenus",
        "Qualité pédagogique",
        "Articulation avec l'offre existante",
        "Ergonomie et exigences techniques",
    ]


def test_loading_twice_changes_nothing_and_keeps_administrators_edits(reference_data):
    before = counts()
    management = Collection.objects.get(slug="management")
    management.description = "Texte revu par un administrateur"
    management.save()
    call_command("load_reference_data")
    assert counts() == before
    management.refresh_from_db()
    assert management.description == "Texte revu par un administrateur"


def test_demo_data_loads_twice_without_duplicates():
    call_command("load_demo_data")
    before = counts()
    from mentor.accounts.models import User
    from mentor.offer.models import Session, Training

    users, trainings, sessions = User.objects.count(), Training.objects.count(), Session.objects.count()
    call_command("load_demo_data")
    assert counts() == before
    assert (User.objects.count(), Training.objects.count(), Session.objects.count()) == (
        users,
        trainings,
        sessions,
    )


def test_every_collection_lead_has_a_team_to_write_to_and_the_demo_adds_no_duplicate(reference_data):
    from mentor.organisations.models import TeamMembership

    leads = Organisation.objects.filter(led_collections__isnull=False).distinct().order_by("code")
    assert leads.count() == 7
    for lead in leads:
        assert TeamMembership.objects.filter(organisation=lead).exclude(email="").exists(), lead.code
    call_command("load_demo_data")
    for lead in leads:
        emails = list(
            TeamMembership.objects.filter(organisation=lead, user=None).values_list("email", flat=True)
        )
        assert len(emails) == len(set(emails)), lead.code
