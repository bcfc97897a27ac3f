"""The designers' library: resources by category, search, what changed recently, a resource and its versions,
the managers' forms, and the community page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from mentor.core.permissions import check, require
from mentor.core.uploads import file_response
from mentor.design import library
from mentor.design.enums import ResourceCategory, ResourceKind
from mentor.design.models import CommunityPage, Resource, ResourceVersion

from ..breadcrumb import breadcrumb
from .forms import CommunityForm, ResourceForm, VersionForm


def _library_crumb():
    return ("Espace des concepteurs", reverse("www:design:library"))


@require_GET
@login_required
def index(request):
    require(request.user, "design.read_library")
    readable = library.resources_for(request.user)
    query = request.GET.get("q", "").strip()[:200]
    found = list(library.search(readable, query).order_by("category", "title", "pk"))
    by_category = [
        (value, label, [r for r in found if r.category == value]) for value, label in ResourceCategory.choices
    ]
    context = {
        "query": query,
        "found_count": len(found),
        "categories": by_category if not query else [c for c in by_category if c[2]],
        "recent": library.recently_changed(readable),
        "manage": check(request.user, "design.manage_library"),
        "breadcrumb_data": breadcrumb(current="Espace des concepteurs"),
    }
    return render(request, "www/design/library.html", context)


@require_GET
@login_required
def resource_view(request, pk):
    require(request.user, "design.read_library")
    resource = get_object_or_404(library.resources_for(request.user), pk=pk)
    context = {
        "resource": resource,
        "versions": resource.versions.select_related("uploaded_by").order_by("-number"),
        "manage": check(request.user, "design.manage_library"),
        "breadcrumb_data": breadcrumb(_library_crumb(), current=resource.title),
    }
    return render(request, "www/design/resource.html", context)


@require_GET
@login_required
def download(request, pk, number):
    require(request.user, "design.read_library")
    resource = get_object_or_404(library.resources_for(request.user), pk=pk, kind=ResourceKind.FILE)
    version = get_object_or_404(ResourceVersion, resource=resource, number=number)
    return file_response(version.file, version.original_name)


@require_http_methods(["GET", "POST"])
@login_required
def edit(request, pk=None):
    require(request.user, "design.manage_library")
    resource = get_object_or_404(Resource, pk=pk) if pk else None
    form = ResourceForm(request.POST or None, request.FILES or None, instance=resource, user=request.user)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            saved = library.save_resource(form.save(commit=False))
            upload = form.cleaned_data.get("file")
            if upload and saved.kind == ResourceKind.FILE:
                library.add_version(
                    saved, upload, form.cleaned_data["note"] or "Première version", request.user
                )
        messages.success(request, f"Ressource « {saved.title} » enregistrée.")
        return redirect(saved)
    title = f"Modifier « {resource.title} »" if resource else "Ajouter une ressource"
    context = {
        "form": form,
        "resource": resource,
        "page_title": title,
        "breadcrumb_data": breadcrumb(_library_crumb(), current=title),
    }
    return render(request, "www/design/resource_form.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
@login_required
def new_version(request, pk):
    require(request.user, "design.manage_library")
    resource = get_object_or_404(Resource, pk=pk)
    if resource.kind != ResourceKind.FILE:
        raise Http404
    form = VersionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        version = library.add_version(
            resource, form.cleaned_data["file"], form.cleaned_data["note"], request.user
        )
        messages.success(request, f"Version {version.number} de « {resource.title} » déposée.")
        return redirect(resource)
    context = {
        "form": form,
        "resource": resource,
        "breadcrumb_data": breadcrumb(
            _library_crumb(), (resource.title, resource.get_absolute_url()), current="Nouvelle version"
        ),
    }
    return render(request, "www/design/version_form.html", context, status=400 if form.errors else 200)


@require_GET
@login_required
def community(request):
    require(request.user, "design.read_library")
    context = {
        "page": CommunityPage.objects.order_by("pk").first(),
        "can_edit": check(request.user, "design.edit_community"),
        "breadcrumb_data": breadcrumb(_library_crumb(), current="La communauté"),
    }
    return render(request, "www/design/community.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def edit_community(request):
    require(request.user, "design.edit_community")
    page = CommunityPage.objects.order_by("pk").first()
    form = CommunityForm(request.POST or None, instance=page)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
        messages.success(request, "Page de la communauté enregistrée.")
        return redirect("www:design:community")
    context = {
        "form": form,
        "breadcrumb_data": breadcrumb(
            _library_crumb(), ("La communauté", reverse("www:design:community")), current="Modifier"
        ),
    }
    return render(request, "www/design/community_form.html", context, status=400 if form.errors else 200)
