from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import auth, emails, profile, signup, tokens

app_name = "accounts"

T = "www/account/"

urlpatterns = [
    path("connexion/", auth.LoginView.as_view(), name="login"),
    path("deconnexion/", auth_views.LogoutView.as_view(), name="logout"),
    path("proconnect/", auth.ProConnectLoginView.as_view(), name="oidc_login"),
    path("proconnect/retour/", auth.ProConnectCallbackView.as_view(), name="oidc_callback"),
    path("inscription/", signup.sign_up, name="signup"),
    path("inscription/envoyee/", signup.sign_up_done, name="signup_done"),
    path("confirmation/<str:token>/", signup.confirm, name="confirm"),
    path("invitation/<str:token>/", signup.invitation, name="invitation"),
    path(
        "mot-de-passe/oublie/",
        auth_views.PasswordResetView.as_view(
            template_name=T + "password_reset.html",
            form_class=emails.QueuedPasswordResetForm,
            success_url=reverse_lazy("accounts:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "mot-de-passe/oublie/envoye/",
        auth_views.PasswordResetDoneView.as_view(template_name=T + "password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "mot-de-passe/nouveau/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name=T + "password_reset_confirm.html",
            success_url=reverse_lazy("accounts:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "mot-de-passe/nouveau/enregistre/",
        auth_views.PasswordResetCompleteView.as_view(template_name=T + "password_reset_complete.html"),
        name="password_reset_complete",
    ),
    path("profil/", profile.profile, name="profile"),
    path("profil/identite/", profile.update_names, name="update_names"),
    path("profil/mot-de-passe/", auth.PasswordChangeView.as_view(), name="password_change"),
    path(
        "profil/mot-de-passe/enregistre/",
        auth_views.PasswordChangeDoneView.as_view(template_name=T + "password_change_done.html"),
        name="password_change_done",
    ),
    path("profil/entite/", profile.entity_change, name="entity_change"),
    path("profil/jetons/", tokens.token_list, name="api_tokens"),
    path("profil/jetons/<int:pk>/revoquer/", tokens.revoke, name="revoke_api_token"),
    path("profil/mes-donnees.json", profile.download_personal_data, name="personal_data"),
    path("profil/suppression/", profile.delete_account, name="delete"),
]
