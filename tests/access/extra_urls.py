"""The real URLs plus two throwaway pages, to prove the coverage test and
the declared-record matrix (test_coverage.py): one page nobody wrote matrix
rows for, and one that declares its record and action the way the generic
views do."""

from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views import View

from openprm.config.urls import urlpatterns as real_urlpatterns
from openprm.core import access
from openprm.core.views.web import html_errors
from openprm.customers.models import Account

UNCOVERED = "matrix_probe_uncovered"
DECLARED = "matrix_probe_declared"


def uncovered(request: HttpRequest) -> HttpResponse:
    return HttpResponse("probe")


class AccountRename(View):
    """Declares Account and `change`, and refuses like a generic view: a
    record the actor may not see is 404, one it may not change 403."""

    model = Account
    action = "change"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        account = access.get_visible(Account, request.actor, pk)
        access.require(request.actor, self.action, account)
        return HttpResponse(account.name)


urlpatterns = [
    *real_urlpatterns,
    path("matrix-probe/", uncovered, name=UNCOVERED),
    path("matrix-probe/<int:pk>/", html_errors(AccountRename.as_view()), name=DECLARED),
]
