"""The DSFR breadcrumb ("fil d'Ariane") of a page: a view puts ``breadcrumb_data`` in its context and the base
template shows it with django-dsfr's ``dsfr_breadcrumb``, which starts every trail at "Accueil"."""


def breadcrumb(*links: tuple[str, str], current: str) -> dict:
    """``links``: the pages between the home page and this one, as (title, url); ``current``: this page."""
    return {"links": [{"title": title, "url": url} for title, url in links], "current": current}
