"""The real URLs plus two pages wrongly opened to partner users, to prove
the architecture test that guards the portal's boundary (PRG-7): an
internal page marked as a portal page, and a shared page declared by an
app that is not the platform."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from openprm.config.urls import urlpatterns as real_urlpatterns
from openprm.core.views.pages import portal_page, shared_page


def report(request: HttpRequest) -> HttpResponse:
    return HttpResponse("an internal report")


urlpatterns = [
    *real_urlpatterns,
    path("reports/", portal_page(report), name="report"),
    path("reports/shared/", shared_page(lambda request: report(request)), name="report_shared"),
]
