"""The trainings' rows of the access matrices that no declaration gives:
the API's writes (PRG-6, PRG-12), and what each trainings list shows. Every
page declares its record and action, or is a list, a create page or a
portal page, so its rows are derived.

Who sees what, stated from the world (tests/trainings/world.py) and the
rules, never by asking the selectors:

- the catalogue: every signed-in user sees the active trainings and every
  certification; Manage Partner Programs sees the retired training too;
- a completion or a certification held: whoever sees its person, that is
  its partner (tests/partners/matrix.py, PRG-7).
"""

from django.urls import reverse
from django.utils import timezone

from openprm.core.testing.matrix import html_rows, json_items
from openprm.trainings.models import Certification, HeldCertification, Training
from tests import privileges as p
from tests.access.cases import EVERYONE, INTERNAL, Case, holders, of, version
from tests.access.lists import Expect, Listed, ListsOf, exports
from tests.access.world import World
from tests.partners.matrix import contact_ids, organization_of, own_organization, partners_seen
from tests.partners.world import CONTACTS, PARTNERS

MANAGES = p.MANAGE_PARTNER_PROGRAMS
NORTHWIND = frozenset({"nw_admin", "nw_rep"})
SEES_NORTHWIND = (p.MANAGE_PARTNERS, p.VIEW_ALL_SALES_DATA, NORTHWIND)


def _plain(world: World) -> int:
    return world.ids["plain"]["partner_contact"][0]


A = "/api/v1"
OPERATIONS = {
    f"POST {A}/trainings": [
        Case("post", allowed=MANAGES, ok=201, body={"code": "NEW-1", "name": "New training"})
    ],
    f"PATCH {A}/trainings/{{training_id}}": [
        Case(
            "patch",
            of("training", "training"),
            allowed=MANAGES,
            body=version(Training, "training", "training", name="Renamed"),
        )
    ],
    f"POST {A}/certifications": [
        Case("post", allowed=MANAGES, ok=201, body={"code": "NEW-C", "name": "New certification"})
    ],
    f"PATCH {A}/certifications/{{certification_id}}": [
        Case(
            "patch",
            of("certification", "certification"),
            allowed=MANAGES,
            body=version(Certification, "certification", "certification", validity_months=6),
        )
    ],
    # PRG-6: the channel team, or Northwind's administrator for its own people;
    # Contoso's administrator may record but does not see Northwind's person.
    f"POST {A}/training-completions": [
        Case(
            "post",
            allowed=(MANAGES, frozenset({"nw_admin"})),
            sees=EVERYONE - {"co_admin"},
            ok=201,
            body=lambda w: {
                "contact_id": _plain(w),
                "training_id": w.ids["training"]["training"][0],
                "completed_on": timezone.localdate().isoformat(),
                "evidence_reference": "https://lms.example/cert/1",
            },
        )
    ],
    # PRG-12: the multipart upload refuses a body without its form and file
    # (422) before anyone's access is asked, like the imports' upload; who
    # may upload is tests/trainings/test_evidence_api.py's.
    f"POST {A}/training-completions/upload": [Case("post", allowed=EVERYONE, ok=422, body={})],
    f"POST {A}/certifications-held": [
        Case(
            "post",
            allowed=MANAGES,
            ok=201,
            body=lambda w: {
                "holder_id": _plain(w),
                "certification_id": w.ids["certification"]["certification"][0],
                "issued_on": timezone.localdate().isoformat(),
            },
        )
    ],
    f"POST {A}/certifications-held/{{held_id}}/revoke": [
        Case(
            "post",
            of("nw", "held_certification"),
            allowed=MANAGES,
            sees=SEES_NORTHWIND,
            body=version(HeldCertification, "nw", "held_certification", reason="Audit"),
        )
    ],
}


# Lists ------------------------------------------------------------------------------


def _ids(world: World, record: str, family: str) -> str:
    return str(world.ids[record][family][-1])


def _internal_page(expect: Expect) -> Expect:
    """An internal page: its list to internal users, 404 to partner users."""
    return lambda w, a: expect(w, a) if a in INTERNAL else None


def trainings(world: World) -> list[Listed]:
    def seen(w: World, actor: str) -> set[str]:
        found = {_ids(w, "training", "training")}
        if actor in holders(w, MANAGES):
            found.add(_ids(w, "old_training", "training"))
        return found

    page = reverse("trainings:training_list")
    return [
        Listed(f"{A}/trainings", json_items(), seen),
        Listed(page, html_rows(r"/trainings/(\d+)/"), _internal_page(seen)),
        *exports(page, "ID", _internal_page(seen)),
    ]


def certifications(world: World) -> list[Listed]:
    every: Expect = lambda w, a: {_ids(w, "certification", "certification")}  # noqa: E731
    page = reverse("trainings:certification_list")
    return [
        Listed(f"{A}/certifications", json_items(), every),
        Listed(page, html_rows(r"/trainings/certifications/(\d+)/"), _internal_page(every)),
        *exports(page, "ID", _internal_page(every)),
    ]


def _of_partners_seen(family: str) -> Expect:
    """One record of `family` per organization the actor sees."""
    return lambda w, a: {_ids(w, org, family) for org in partners_seen(w, a)}


def completions(world: World) -> list[Listed]:
    return [
        Listed(f"{A}/training-completions", json_items(), _of_partners_seen("training_completion"))
    ]


def held(world: World) -> list[Listed]:
    seen = _of_partners_seen("held_certification")
    page = reverse("trainings:held_list")
    return [
        Listed(f"{A}/certifications-held", json_items(), seen),
        Listed(page, html_rows(r"held-(\d+)"), _internal_page(seen)),
        *exports(page, "ID", _internal_page(seen)),
    ]


def people(world: World) -> list[Listed]:
    """A partner's people: its own users on the portal's Trainings page;
    internal users who see the partner on its Certifications tab."""
    rows = [
        Listed(
            reverse("portal:trainings"),
            html_rows(r"person-(\d+)"),
            own_organization(lambda org: contact_ids(world, CONTACTS[org])),
        )
    ]
    for org in PARTNERS:
        page = reverse("trainings:partner_certifications", args=[world.ids[org]["partner"][0]])
        found = contact_ids(world, CONTACTS[org])

        def seen(w: World, a: str, org: str = org, found: set[str] = found) -> set[str] | None:
            return found if a in INTERNAL and org in partners_seen(w, a) else None

        rows.append(Listed(page, html_rows(r"person-(\d+)"), seen))
    return rows


LISTS: dict[str, ListsOf] = {
    "trainings.trainings": trainings,
    "trainings.certifications": certifications,
    "trainings.completions": completions,
    "trainings.held_certifications": held,
    "trainings.people": people,
}

__all__ = ["LISTS", "OPERATIONS", "organization_of"]
