"""``/favicon.ico``, which browsers ask for on every page whatever the page links (the administration and the API
documentation link none): the design system's icon."""

from django.http import HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.views.decorators.http import require_safe


@require_safe
def favicon(request):
    return HttpResponsePermanentRedirect(static("dsfr/dist/favicon/favicon.ico"))
