"""The open-data page: the public exports of the published cross-government offer (what an anonymous visitor
sees), their licence, update time and schema, and a DCAT-style ``data.json`` for harvesters."""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Max
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse

from mentor.offer.models import Training

from ..breadcrumb import breadcrumb

LICENCE = {
    "name": "Licence Ouverte / Open Licence version 2.0 (Etalab)",
    "url": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
}
PUBLISHER = "Direction générale de l'administration et de la fonction publique (DGAFP)"


def _public_offer() -> dict:
    """How many trainings the public offer has and when it last changed, in one query."""
    return Training.objects.visible_to(AnonymousUser()).aggregate(
        count=Count("pk"), modified=Max("updated_at")
    )


def distributions(request) -> list[dict]:
    absolute = request.build_absolute_uri
    return [
        {
            "title": "Offre au format LHEO 2.3",
            "format": "XML (LHEO 2.3)",
            "media_type": "application/xml",
            "url": absolute(reverse("api:export-lheo")),
            "schema_title": "Schéma LHEO 2.3 du réseau des Carif-Oref",
            "schema_url": "http://lheo.gouv.fr/2.3",
            "description": "Le format d'échange de l'offre de formation du réseau des Carif-Oref et des services "
            "nationaux. Filtres du catalogue et modified_since acceptés.",
        },
        {
            "title": "Offre au format CSV",
            "format": "CSV",
            "media_type": "text/csv",
            "url": absolute(reverse("api:training-list")) + "?format=csv",
            "schema_title": "Colonnes : intitulé, collection, portée, organisation productrice, modalité, durée, "
            "label, prochaine session, adresse",
            "schema_url": "",
            "description": "UTF-8 avec BOM, séparateur « ; » : s'ouvre tel quel dans un tableur en français.",
        },
        {
            "title": "Offre au format JSON (API)",
            "format": "JSON",
            "media_type": "application/json",
            "url": absolute(reverse("api:training-list")),
            "schema_title": "Schéma OpenAPI de l'API",
            "schema_url": absolute(reverse("api:schema")),
            "description": "Par pages (page, page_size jusqu'à 100), avec les facettes du catalogue.",
        },
    ]


def open_data(request):
    offer = _public_offer()
    context = {
        "breadcrumb_data": breadcrumb(current="Données ouvertes"),
        "offer": offer,
        "distributions": distributions(request),
        "licence": LICENCE,
        "catalog_url": reverse("www:open_data_catalog"),
    }
    return render(request, "www/opendata/index.html", context)


def catalog(request):
    """A DCAT-style description (the data.json of the open-data portals) for harvesters."""
    offer = _public_offer()
    modified = offer["modified"].isoformat() if offer["modified"] else None
    dataset = {
        "@type": "dcat:Dataset",
        "identifier": request.build_absolute_uri(reverse("www:open_data")),
        "title": "Offre de formation interministérielle Mentor",
        "description": "Les formations interministérielles publiées du programme Mentor, proposées aux agents de "
        "l'État, avec leurs sessions.",
        "keyword": ["formation", "fonction publique", "agents de l'État", "LHEO"],
        "language": ["fr"],
        "modified": modified,
        "publisher": {"@type": "org:Organization", "name": PUBLISHER},
        "license": LICENCE["url"],
        "accessLevel": "public",
        "landingPage": request.build_absolute_uri(reverse("www:open_data")),
        "distribution": [
            {
                "@type": "dcat:Distribution",
                "title": d["title"],
                "format": d["format"],
                "mediaType": d["media_type"],
                "downloadURL": d["url"],
                **({"conformsTo": d["schema_url"]} if d["schema_url"] else {}),
            }
            for d in distributions(request)
        ],
    }
    body = {
        "@context": "https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld",
        "@type": "dcat:Catalog",
        "conformsTo": "https://project-open-data.cio.gov/v1.1/schema",
        "dataset": [dataset],
    }
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False, "indent": 2})
