"""The satisfaction questionnaire of a session that ended, reached through the signed link of its e-mail (no
login needed): five questions on a 1-to-5 scale and a comment, one answer per participant and session."""

from django import forms
from django.db import IntegrityError, transaction
from django.shortcuts import render
from django.views.decorators.http import require_http_methods
from dsfr.forms import DsfrBaseForm

from mentor.watch.models import SatisfactionAnswer
from mentor.watch.satisfaction import QUESTIONS, InvalidLink, already_answered, registration_of

SCALE = [(str(n), str(n)) for n in range(1, 6)]


def _question(name):
    label = dict(QUESTIONS)[name]
    return forms.TypedChoiceField(
        label=f"{label} (1 : pas du tout, 5 : tout à fait)",
        choices=SCALE,
        coerce=int,
        widget=forms.RadioSelect,
    )


class SatisfactionForm(forms.ModelForm, DsfrBaseForm):
    # Declared here, not in __init__: the design system's form prepares its fields' widgets when it is built.
    expectations = _question("expectations")
    usefulness = _question("usefulness")
    content = _question("content")
    delivery = _question("delivery")
    recommend = _question("recommend")
    comment = forms.CharField(
        label="Commentaire (facultatif)", required=False, max_length=2_000, widget=forms.Textarea
    )

    class Meta:
        model = SatisfactionAnswer
        fields = [name for name, _ in QUESTIONS] + ["comment"]


@require_http_methods(["GET", "POST"])
def questionnaire(request, token):
    try:
        registration = registration_of(token)
    except InvalidLink as error:
        return render(request, "www/watch/satisfaction_closed.html", {"reason": str(error)}, status=404)
    context = {"session": registration.session}
    if already_answered(registration):
        return render(request, "www/watch/satisfaction_done.html", {**context, "already": True})
    form = SatisfactionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        answer = form.save(commit=False)
        answer.session, answer.user = registration.session, registration.user
        try:
            with transaction.atomic():
                answer.save()
        except IntegrityError:  # answered meanwhile, from another tab
            return render(request, "www/watch/satisfaction_done.html", {**context, "already": True})
        return render(request, "www/watch/satisfaction_done.html", {**context, "already": False})
    context["form"] = form
    return render(request, "www/watch/satisfaction.html", context, status=400 if form.errors else 200)
