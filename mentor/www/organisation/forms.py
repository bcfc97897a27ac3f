from django import forms
from django.core.exceptions import ValidationError

from mentor.accounts.enums import GRANTABLE_BY_ENTITY_ADMIN, Role
from mentor.accounts.models import Membership, User
from mentor.accounts.roles import is_dgafp_admin
from mentor.core.permissions import check
from mentor.offer.models import Collection
from mentor.organisations.models import Organisation, TeamMembership
from mentor.www.account.forms import EMAIL_MAX_LENGTH, EMAIL_TOO_LONG


def _roles_for(administrator, allow_none=False):
    roles = [
        (r.value, r.label) for r in Role if is_dgafp_admin(administrator) or r in GRANTABLE_BY_ENTITY_ADMIN
    ]
    return [("", "Aucun rôle : simple agent")] + roles if allow_none else roles


class _InTree(forms.Form):
    """Choices limited to the administered subtree: a forged id is refused with a French message."""

    def __init__(self, administrator, organisation, *args, **kwargs):
        self.administrator = administrator
        self.root = organisation
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.subtree_of(organisation).order_by("path")
        self.fields["organisation"].initial = organisation.pk


ROLE_ERRORS = {"invalid_choice": "Ce rôle ne fait pas partie de ceux que vous pouvez attribuer."}
ORGANISATION_ERRORS = {
    "invalid_choice": "Choisissez une organisation de votre arborescence.",
    "required": "Choisissez l'organisation.",
}


class GrantRoleForm(_InTree):
    email = forms.EmailField(
        label="Adresse électronique de la personne",
        max_length=EMAIL_MAX_LENGTH,
        error_messages={"max_length": EMAIL_TOO_LONG},
    )
    role = forms.ChoiceField(label="Rôle", error_messages=ROLE_ERRORS)
    organisation = forms.ModelChoiceField(
        label="Dans l'organisation", queryset=Organisation.objects.none(), error_messages=ORGANISATION_ERRORS
    )
    collection = forms.ModelChoiceField(
        label="Collection relue (relecteurs seulement)",
        queryset=Collection.objects.none(),
        required=False,
        error_messages={
            "invalid_choice": "Choisissez une collection dont votre organisation est cheffe de file."
        },
    )

    def __init__(self, administrator, organisation, *args, **kwargs):
        super().__init__(administrator, organisation, *args, **kwargs)
        collections = Collection.objects.filter(lead__path__startswith=organisation.path).order_by("name")
        self.fields["collection"].queryset = collections
        self.leads_collections = collections.exists()
        roles = _roles_for(administrator)
        if not self.leads_collections:
            # A reviewer without a collection would review nothing: the role is offered only where there is a
            # collection to review.
            roles = [(value, label) for value, label in roles if value != Role.COLLECTION_REVIEWER]
            del self.fields["collection"]
        self.fields["role"].choices = roles

    def clean_email(self):
        email = self.cleaned_data["email"]
        user = User.objects.filter(email__iexact=email, entity__path__startswith=self.root.path).first()
        if user is None:
            raise ValidationError(
                "Aucun compte rattaché à votre arborescence n'a cette adresse : invitez la personne."
            )
        return user

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        membership = Membership(
            user=cleaned["email"],
            organisation=cleaned["organisation"],
            role=cleaned["role"],
            collection=cleaned.get("collection") if cleaned["role"] == Role.COLLECTION_REVIEWER else None,
        )
        decision = check(self.administrator, "accounts.grant_role", membership)
        if not decision:
            raise ValidationError(decision.reason)
        if Membership.objects.filter(
            user=membership.user,
            organisation=membership.organisation,
            role=membership.role,
            collection=membership.collection,
        ).exists():
            raise ValidationError("Cette personne a déjà ce rôle dans cette organisation.")
        membership.clean()
        self.membership = membership
        return cleaned


class InvitationForm(_InTree):
    email = forms.EmailField(
        label="Adresse électronique à inviter",
        max_length=EMAIL_MAX_LENGTH,
        error_messages={"max_length": EMAIL_TOO_LONG},
    )
    organisation = forms.ModelChoiceField(
        label="Entité de rattachement proposée",
        queryset=Organisation.objects.none(),
        error_messages=ORGANISATION_ERRORS,
    )
    role = forms.ChoiceField(label="Rôle", required=False, error_messages=ROLE_ERRORS)

    def __init__(self, administrator, organisation, *args, **kwargs):
        super().__init__(administrator, organisation, *args, **kwargs)
        roles = [
            (v, label)
            for v, label in _roles_for(administrator, allow_none=True)
            if v != Role.COLLECTION_REVIEWER
        ]
        self.fields["role"].choices = roles

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        if User.objects.filter(email__iexact=email).exists():
            raise ValidationError("Cette personne a déjà un compte : attribuez-lui un rôle directement.")
        return email


class TeamMemberForm(forms.ModelForm):
    class Meta:
        model = TeamMembership
        fields = ["position", "name", "role_label", "email", "phone"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].help_text = "Laissez vide pour afficher le nom du compte lié."

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("name") and not self.instance.user_id:
            self.add_error("name", "Indiquez le nom à afficher.")
        return cleaned


TeamFormSet = forms.modelformset_factory(TeamMembership, form=TeamMemberForm, extra=1, can_delete=True)
