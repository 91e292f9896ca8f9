"""The setup checklist's rows of the list matrix (PRG-9): the partners
whose setup is incomplete, to Manage Partners only (the page and the API
refuse everyone else with 403, a partner user's page with 404).

The world's two organizations are set up when the matrices run: each has a
partnership (tests/programs/world.py), is active with its partner
administrator, and has portal users with the e-mail their invitation went
to, who signed in (the matrix clients sign them in). So the list is empty
to every holder; the PRG-9 tests build the incomplete cases."""

from django.urls import reverse

from openprm.core.testing.matrix import html_rows, json_items
from tests import privileges as p
from tests.access.cases import holders
from tests.access.lists import Listed, ListsOf, exports
from tests.access.world import World

INCOMPLETE: frozenset[str] = frozenset()


def incomplete(world: World) -> list[Listed]:
    page = reverse("onboarding:setup")

    def expect(w: World, a: str) -> set[str] | None:
        if a not in holders(w, p.MANAGE_PARTNERS):
            return None
        return {str(w.ids[org]["partner"][0]) for org in INCOMPLETE}

    return [
        Listed("/api/v1/partner-setup", json_items(), expect),
        Listed(page, html_rows(r"/setup/partners/(\d+)/"), expect),
        *exports(page, "ID", expect),
    ]


LISTS: dict[str, ListsOf] = {"onboarding.incomplete_partners": incomplete}
