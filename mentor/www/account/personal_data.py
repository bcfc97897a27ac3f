"""Everything the application holds about a user, as one JSON document (right of access, RGPD art. 15).

Every model that points to the user has its section here: ``tests/www/test_personal_data.py`` fails when a new
foreign key to the user is not exported (or explicitly set aside with its reason)."""

from dataclasses import dataclass
from typing import Any

from django.contrib.admin.models import LogEntry

from mentor.accounts.models import AccountRequest, ApiToken, EntityChangeRequest, Invitation, Membership
from mentor.design.models import Package, ResourceVersion, TrainingDesign, TrainingStep
from mentor.editorial.models import (
    CollectionWatch,
    EditorialFile,
    Label,
    QualityReview,
    TrainingRevision,
    TransitionLog,
)
from mentor.funding.models import CallLog, Evaluation, Proposal, ProposalLog
from mentor.offer.models import Adoption, Registration, Session, SessionTransitionLog, Training
from mentor.organisations.models import ContactMessage, TeamMembership
from mentor.watch.models import NotDuplicate, SatisfactionAnswer


def _when(value):
    return value.isoformat() if value else None


@dataclass(frozen=True)
class Section:
    key: str  # the JSON key, in French
    model: Any
    field: str  # the field of ``model`` that points to the user
    row: Any  # object -> dict
    related: tuple[str, ...] = ()


SECTIONS = [
    Section(
        "ressources_deposees",
        ResourceVersion,
        "uploaded_by",
        lambda v: {
            "ressource": v.resource.title,
            "version": v.number,
            "note": v.note,
            "le": _when(v.created_at),
        },
        ("resource",),
    ),
    Section(
        "paquets_deposes",
        Package,
        "uploaded_by",
        lambda p: {"formation": p.training.title, "fichier": p.original_name, "le": _when(p.created_at)},
        ("training",),
    ),
    Section(
        "etapes_de_conception_terminees",
        TrainingStep,
        "done_by",
        lambda s: {"formation": s.design.training.title, "etape": s.step.name, "le": _when(s.done_at)},
        ("design__training", "step"),
    ),
    Section(
        "modeles_proposes",
        TrainingDesign,
        "model_marked_by",
        lambda d: {"formation": d.training.title},
        ("training",),
    ),
    Section(
        "roles",
        Membership,
        "user",
        lambda m: {
            "role": m.get_role_display(),
            "organisation": m.organisation.name,
            "collection": m.collection.name if m.collection else None,
        },
        ("organisation", "collection"),
    ),
    Section(
        "inscriptions",
        Registration,
        "user",
        lambda r: {
            "formation": r.session.training.title,
            "session": str(r.session),
            "statut": r.get_status_display(),
            "demandee_le": _when(r.created_at),
        },
        ("session__training",),
    ),
    Section(
        "inscriptions_decidees",
        Registration,
        "decided_by",
        lambda r: {"session": str(r.session), "statut": r.get_status_display(), "le": _when(r.updated_at)},
        ("session",),
    ),
    Section(
        "equipes_mentor",
        TeamMembership,
        "user",
        lambda t: {
            "organisation": t.organisation.name,
            "role": t.role_label,
            "adresse_publique": t.email,
            "telephone": t.phone,
        },
        ("organisation",),
    ),
    Section(
        "demandes_de_compte",
        AccountRequest,
        "user",
        lambda r: {"entite": r.entity.name, "statut": r.get_status_display(), "le": _when(r.created_at)},
        ("entity",),
    ),
    Section(
        "demandes_de_compte_decidees",
        AccountRequest,
        "decided_by",
        lambda r: {"entite": r.entity.name, "statut": r.get_status_display(), "le": _when(r.decided_at)},
        ("entity",),
    ),
    Section(
        "demandes_de_changement_d_entite",
        EntityChangeRequest,
        "user",
        lambda r: {
            "entite_demandee": r.to_entity.name,
            "statut": r.get_status_display(),
            "le": _when(r.created_at),
        },
        ("to_entity",),
    ),
    Section(
        "demandes_de_changement_d_entite_decidees",
        EntityChangeRequest,
        "decided_by",
        lambda r: {
            "entite_demandee": r.to_entity.name,
            "statut": r.get_status_display(),
            "le": _when(r.decided_at),
        },
        ("to_entity",),
    ),
    Section(
        "invitations_envoyees",
        Invitation,
        "invited_by",
        lambda i: {"adresse": i.email, "organisation": i.organisation.name, "le": _when(i.created_at)},
        ("organisation",),
    ),
    Section(
        "messages_envoyes",
        ContactMessage,
        "sender",
        lambda m: {
            "equipe": m.organisation.name,
            "objet": m.subject,
            "message": m.body,
            "le": _when(m.created_at),
        },
        ("organisation",),
    ),
    Section(
        "formations_concues",
        Training,
        "designers",
        lambda t: {"formation": t.title, "statut": t.get_status_display()},
    ),
    Section(
        "sessions_gerees",
        Session,
        "managers",
        lambda s: {"session": str(s), "statut": s.get_status_display()},
    ),
    Section(
        "adoptions",
        Adoption,
        "adopted_by",
        lambda a: {
            "formation": a.training.title,
            "organisation": a.organisation.name,
            "le": _when(a.created_at),
        },
        ("training", "organisation"),
    ),
    Section(
        "journal_des_sessions",
        SessionTransitionLog,
        "actor",
        lambda log: {"session": str(log.session), "action": log.transition, "le": _when(log.at)},
        ("session",),
    ),
    Section(
        "journal_editorial",
        TransitionLog,
        "actor",
        lambda log: {
            "formation": log.training.title,
            "action": log.transition,
            "commentaire": log.comment,
            "le": _when(log.at),
        },
        ("training",),
    ),
    Section(
        "revues_qualite",
        QualityReview,
        "reviewer",
        lambda r: {
            "formation": r.training.title,
            "decision": r.get_decision_display(),
            "commentaire": r.comment,
            "le": _when(r.created_at),
        },
        ("training",),
    ),
    Section(
        "relectures_prises_en_charge",
        EditorialFile,
        "reviewer",
        lambda f: {"formation": f.training.title, "etat": f.get_status_display()},
        ("training",),
    ),
    Section(
        "relectures_de_revisions_prises_en_charge",
        TrainingRevision,
        "reviewer",
        lambda r: {"formation": r.training.title, "etat": r.get_status_display()},
        ("training",),
    ),
    Section(
        "revisions_proposees",
        TrainingRevision,
        "author",
        lambda r: {"formation": r.training.title, "etat": r.get_status_display(), "le": _when(r.created_at)},
        ("training",),
    ),
    Section(
        "labels_decernes",
        Label,
        "awarded_by",
        lambda label: {"formation": label.training.title, "le": _when(label.awarded_on)},
        ("training",),
    ),
    Section(
        "collections_suivies",
        CollectionWatch,
        "user",
        lambda w: {"collection": w.collection.name},
        ("collection",),
    ),
    Section(
        "versions_de_formations",
        Training.history.model,
        "history_user",
        lambda h: {"formation": h.title, "le": _when(h.history_date)},
    ),
    Section(
        "propositions_d_appels_a_projets",
        Proposal,
        "created_by",
        lambda p: {
            "appel": p.call.title,
            "proposition": p.title,
            "organisation": p.organisation.name,
            "etat": p.get_status_display(),
            "le": _when(p.created_at),
        },
        ("call", "organisation"),
    ),
    Section(
        "propositions_co_redigees",
        Proposal,
        "editors",
        lambda p: {"appel": p.call.title, "proposition": p.title, "etat": p.get_status_display()},
        ("call",),
    ),
    Section(
        "decisions_de_comite",
        Proposal,
        "decided_by",
        lambda p: {"proposition": p.title, "decision": p.get_verdict_display(), "le": _when(p.decided_at)},
    ),
    Section(
        "evaluations_de_propositions",
        Evaluation,
        "evaluator",
        lambda e: {
            "proposition": e.proposal.title,
            "note": str(e.score) if e.score is not None else None,
            "appreciation": e.comment,
            "terminee_le": _when(e.completed_at),
        },
        ("proposal",),
    ),
    Section(
        "journal_des_appels_a_projets",
        CallLog,
        "actor",
        lambda log: {"appel": log.call.title, "action": log.transition, "le": _when(log.at)},
        ("call",),
    ),
    Section(
        "journal_des_propositions",
        ProposalLog,
        "actor",
        lambda log: {"proposition": log.proposal.title, "action": log.transition, "le": _when(log.at)},
        ("proposal",),
    ),
    Section(
        "paires_declarees_pas_des_doublons",
        NotDuplicate,
        "decided_by",
        lambda n: {"formations": [n.first.title, n.second.title], "le": _when(n.decided_at)},
        ("first", "second"),
    ),
    Section(
        "questionnaires_de_satisfaction",
        SatisfactionAnswer,
        "user",
        lambda a: {
            "formation": a.session.training.title,
            "session": str(a.session),
            "reponses": {
                name: getattr(a, name)
                for name in ("expectations", "usefulness", "content", "delivery", "recommend")
            },
            "commentaire": a.comment,
            "le": _when(a.answered_at),
        },
        ("session__training",),
    ),
    # The key itself is a secret: only the fact that a token exists.
    Section(
        "jetons_api",
        ApiToken,
        "user",
        lambda t: {
            "nom": t.name,
            "debut_de_la_cle": t.prefix,
            "lecture_seule": t.read_only,
            "cree_le": _when(t.created_at),
            "derniere_utilisation": _when(t.last_used_at),
            "revoque_le": _when(t.revoked_at),
        },
    ),
    Section(
        "actions_d_administration",
        LogEntry,
        "user",
        lambda e: {"objet": e.object_repr, "action": e.get_action_flag_display(), "le": _when(e.action_time)},
    ),
]


def personal_data(user) -> dict:
    data = {
        "compte": {
            "adresse_electronique": user.email,
            "prenom": user.first_name,
            "nom": user.last_name,
            "entite_de_rattachement": user.entity.name if user.entity else None,
            "inscrit_le": _when(user.date_joined),
            "adresse_confirmee_le": _when(user.email_confirmed_at),
            "derniere_connexion": _when(user.last_login),
        }
    }
    for section in SECTIONS:
        rows = section.model._default_manager.filter(**{section.field: user}).select_related(*section.related)
        data[section.key] = [section.row(obj) for obj in rows]
    return data
