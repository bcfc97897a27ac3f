"""Demo accounts: one per role, all with the password in DEMO_PASSWORD (listed in the README), and the Mentor
teams that the Contact page shows."""

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from mentor.accounts.enums import Role
from mentor.accounts.models import Membership, User
from mentor.offer.models import Collection
from mentor.organisations.models import TeamMembership

DEMO_PASSWORD = "mentor-demo-2026"  # noqa: S105 (a published demo password, never used in production)

# e-mail, first name, last name, entity code, [(role, organisation code, collection slug)], is_superuser
ACCOUNTS = [
    ("agent.bretagne@dgfip.finances.gouv.fr", "Anne", "Le Goff", "DRFIP-BZH", [], False),
    ("agent.gironde@interieur.gouv.fr", "Bruno", "Martin", "PREF-33", [], False),
    ("agent.ofb@ofb.gouv.fr", "Chloé", "Durand", "OFB", [], False),
    # Calls for projects: an applicant of the Ecological transition, an evaluator of the Interior.
    ("porteuse.projet@developpement-durable.gouv.fr", "Nadia", "Chevalier", "SG-MTE", [], False),
    ("evaluateur@interieur.gouv.fr", "Olivier", "Mercier", "PREF-33", [], False),
    (
        "conceptrice@dgfip.finances.gouv.fr",
        "Delphine",
        "Moreau",
        "DGFIP",
        [(Role.DESIGNER, "DGFIP", None)],
        False,
    ),
    (
        "concepteur@developpement-durable.gouv.fr",
        "Éric",
        "Petit",
        "SG-MTE",
        [(Role.DESIGNER, "MTE", None)],
        False,
    ),
    ("referente@finances.gouv.fr", "Fatima", "Benali", "MEF", [(Role.MENTOR_TEAM, "MEF", None)], False),
    ("referent@interieur.gouv.fr", "Gilles", "Bernard", "SGMI", [(Role.MENTOR_TEAM, "MI", None)], False),
    ("admin.entite@finances.gouv.fr", "Hélène", "Roux", "MEF", [(Role.ENTITY_ADMIN, "MEF", None)], False),
    (
        "gestionnaire@igpde.finances.gouv.fr",
        "Isabelle",
        "Fournier",
        "IGPDE",
        [(Role.SESSION_MANAGER, "IGPDE", None)],
        False,
    ),
    (
        "relecteur@numerique.gouv.fr",
        "Julien",
        "Girard",
        "DINUM",
        [(Role.COLLECTION_REVIEWER, "DINUM", "numerique-et-systemes-d-information-et-de-communication")],
        False,
    ),
    (
        "relectrice@fonction-publique.gouv.fr",
        "Karima",
        "Lambert",
        "DGAFP",
        [(Role.COLLECTION_REVIEWER, "DGAFP", "management"), (Role.MENTOR_TEAM, "DGAFP", None)],
        False,
    ),
    (
        "admin@fonction-publique.gouv.fr",
        "Laurent",
        "Faure",
        "DGAFP",
        [(Role.DGAFP_ADMIN, "DGAFP", None)],
        True,
    ),
]


# organisation code, account e-mail (or None), displayed name, role label, public e-mail, phone
TEAMS = [
    (
        "MEF",
        "referente@finances.gouv.fr",
        "",
        "Référente formation",
        "mentor@finances.gouv.fr",
        "01 53 18 00 00",
    ),
    (
        "MEF",
        "admin.entite@finances.gouv.fr",
        "",
        "Administratrice de l'espace",
        "mentor@finances.gouv.fr",
        "",
    ),
    (
        "MI",
        "referent@interieur.gouv.fr",
        "",
        "Référent formation",
        "mentor@interieur.gouv.fr",
        "01 49 27 49 27",
    ),
    ("MTE", None, "Cellule Mentor du MTE", "Référent formation", "mentor@developpement-durable.gouv.fr", ""),
    (
        "DGAFP",
        "relectrice@fonction-publique.gouv.fr",
        "",
        "Référente formation",
        "mentor@fonction-publique.gouv.fr",
        "",
    ),
    (
        "DGAFP",
        None,
        "Équipe Mentor de la DGAFP",
        "Administrateur de l'espace",
        "mentor@fonction-publique.gouv.fr",
        "",
    ),
    (
        "DINUM",
        None,
        "Pôle formation de la DINUM",
        "Chef de file Numérique",
        "formation@numerique.gouv.fr",
        "",
    ),
]


def load_teams(orgs, users) -> None:
    for code, email, name, label, public_email, phone in TEAMS:
        TeamMembership.objects.get_or_create(
            organisation=orgs[code],
            user=users.get(email),
            name=name,
            defaults={"role_label": label, "email": public_email, "phone": phone},
        )


def load(orgs) -> dict[str, User]:
    users = {}
    hashed = None
    for email, first, last, entity, roles, superuser in ACCOUNTS:
        user = User.objects.filter(email=email).first()
        if user is None:
            # Every account has the same password: hashed once (a hash costs a good part of a second, on purpose).
            hashed = hashed or make_password(DEMO_PASSWORD)
            create = User.objects.create_superuser if superuser else User.objects.create_user
            user = create(
                email,
                None,
                first_name=first,
                last_name=last,
                entity=orgs[entity],
                email_confirmed_at=timezone.now(),
            )
            user.password = hashed
            user.save(update_fields=["password"])
        for role, org_code, collection_slug in roles:
            collection = Collection.objects.get(slug=collection_slug) if collection_slug else None
            Membership.objects.get_or_create(
                user=user, organisation=orgs[org_code], role=role, collection=collection
            )
        users[email] = user
    load_teams(orgs, users)
    return users
