"""Everything the application holds about a user, as one JSON document (right of access, RGPD art. 15)."""

from mentor.accounts.models import AccountRequest, EntityChangeRequest, Membership
from mentor.offer.models import Registration
from mentor.organisations.models import ContactMessage, TeamMembership


def _when(value):
    return value.isoformat() if value else None


def personal_data(user) -> dict:
    return {
        "compte": {
            "adresse_electronique": user.email,
            "prenom": user.first_name,
            "nom": user.last_name,
            "entite_de_rattachement": user.entity.name if user.entity else None,
            "inscrit_le": _when(user.date_joined),
            "adresse_confirmee_le": _when(user.email_confirmed_at),
            "derniere_connexion": _when(user.last_login),
        },
        "roles": [
            {
                "role": m.get_role_display(),
                "organisation": m.organisation.name,
                "collection": m.collection.name if m.collection else None,
            }
            for m in Membership.objects.filter(user=user).select_related("organisation", "collection")
        ],
        "inscriptions": [
            {
                "formation": r.session.training.title,
                "session": str(r.session),
                "statut": r.get_status_display(),
                "demandee_le": _when(r.created_at),
            }
            for r in Registration.objects.filter(user=user).select_related("session__training")
        ],
        "equipes_mentor": [
            {
                "organisation": t.organisation.name,
                "role": t.role_label,
                "adresse_publique": t.email,
                "telephone": t.phone,
            }
            for t in TeamMembership.objects.filter(user=user).select_related("organisation")
        ],
        "demandes_de_compte": [
            {"entite": r.entity.name, "statut": r.get_status_display(), "le": _when(r.created_at)}
            for r in AccountRequest.objects.filter(user=user).select_related("entity")
        ],
        "demandes_de_changement_d_entite": [
            {"entite_demandee": r.to_entity.name, "statut": r.get_status_display(), "le": _when(r.created_at)}
            for r in EntityChangeRequest.objects.filter(user=user).select_related("to_entity")
        ],
        "messages_envoyes": [
            {"equipe": m.organisation.name, "objet": m.subject, "message": m.body, "le": _when(m.created_at)}
            for m in ContactMessage.objects.filter(sender=user).select_related("organisation")
        ],
    }
