"""The shared default pages of the generic views (core/views/defaults.py),
as a new app's pages without templates show them: the products' list,
record and form written with declarations only (default_pages_urls.py)."""

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from openprm.catalog.models import Product
from openprm.catalog.services import product_create
from openprm.core.views.defaults import model_form
from openprm.core.views.web import scope_choices
from openprm.identity.models import User
from openprm.programs.models import Partnership
from tests.core import default_pages_urls
from tests.factories import as_actor
from tests.partners.conftest import make_partner, make_portal_user, two_partners

__all__ = ["make_partner", "make_portal_user", "two_partners"]

pytestmark = pytest.mark.django_db
PROBE = "/default-probe/"


@pytest.fixture(autouse=True)
def _probe_urls(settings: Any) -> None:
    settings.ROOT_URLCONF = default_pages_urls.__name__


@pytest.fixture
def product(sales_admin: User) -> Product:
    return product_create(actor=as_actor(sales_admin), data={"code": "FW-1", "name": "Firewall"})


def page(client: Client, path: str) -> str:
    answer = client.get(path)
    assert answer.status_code == 200
    return answer.content.decode()


def test_plat_2_the_default_list_has_filters_and_offers_new_to_whoever_may_create(
    product: Product,
    sales_admin: User,
    salesperson: User,
    client_for: Callable[[User], Client],
) -> None:
    manager = page(client_for(sales_admin), PROBE)
    assert "Firewall" in manager
    for name in ('name="q"', 'name="family"', 'name="is_active"'):
        assert name in manager
    assert f'href="{PROBE}new/"' in manager
    assert 'data-testid="saved-views"' in manager

    seller = page(client_for(salesperson), PROBE)
    assert "Firewall" in seller
    assert f'href="{PROBE}new/"' not in seller


def test_prg_8_an_enum_filter_is_a_labelled_list_of_its_choices(
    channel_manager: User, client_for: Callable[[User], Client]
) -> None:
    """PRG-8: the alerts' priority and target filters are enums; the filter
    bar offers their choices by their (translated) labels in a select its
    label names, "All" first, and keeps the one asked for selected."""
    shown = page(client_for(channel_manager), f"{PROBE}alerts/?priority=urgent&target=")
    for name, label in (("priority", "Priority"), ("target", "Target")):
        assert f'<label class="form-label" for="f-{name}">{label}</label>' in shown
        assert f'<select class="form-select" id="f-{name}" name="{name}">' in shown
    priorities = _options(shown, "priority")
    assert priorities == [
        ("", "All", False),
        ("info", "Information", False),
        ("important", "Important", False),
        ("urgent", "Urgent", True),
    ]
    targets = _options(shown, "target")
    assert targets[:2] == [("", "All", False), ("all", "All partners", False)]
    assert ("programs", "Chosen programs", False) in targets
    assert not any(selected for _value, _label, selected in targets)


def _options(shown: str, name: str) -> list[tuple[str, str, bool]]:
    """The options of the filter bar's `name` select: value, label, selected."""
    select = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', shown, re.S)
    assert select, f"the filter bar offers {name} as a list to pick from"
    return [
        (value, label, bool(selected))
        for value, selected, label in re.findall(
            r'<option value="([^"]*)"( selected)?>([^<]*)</option>', select.group(1)
        )
    ]


def test_plat_2_the_default_record_page_shows_its_fields_and_only_the_allowed_buttons(
    product: Product,
    sales_admin: User,
    salesperson: User,
    client_for: Callable[[User], Client],
) -> None:
    manager = page(client_for(sales_admin), f"{PROBE}{product.pk}/")
    assert 'data-testid="record-facts"' in manager
    assert "FW-1" in manager
    assert f'href="{PROBE}{product.pk}/edit/"' in manager
    assert f'href="{PROBE}"' in manager  # the way back to the list

    seller = page(client_for(salesperson), f"{PROBE}{product.pk}/")
    assert "FW-1" in seller
    assert 'data-testid="action-change"' not in seller


def test_plat_6_the_default_form_builds_from_fields_and_an_edit_needs_its_version(
    product: Product, sales_admin: User, client_for: Callable[[User], Client]
) -> None:
    client = client_for(sales_admin)
    created = client.post(f"{PROBE}new/", {"code": "SW-1", "name": "Switch", "is_active": "on"})
    assert created.status_code == 302
    assert Product.objects.filter(code="SW-1", is_active=True).exists()

    edit = f"{PROBE}{product.pk}/edit/"
    assert 'name="version"' in page(client, edit)
    missing = client.post(edit, {"code": "FW-1", "name": "Renamed"})
    assert missing.status_code == 200
    assert "version" in missing.context["form"].errors
    product.refresh_from_db()
    assert product.name == "Firewall"

    saved = client.post(edit, {"code": "FW-1", "name": "Renamed", "version": product.version})
    assert saved.status_code == 302
    product.refresh_from_db()
    assert product.name == "Renamed"


def test_prg_7_a_built_form_offers_only_the_records_its_user_may_see(
    two_partners: dict[str, Any],
) -> None:
    """A partner user's choice of partners is its own organization."""
    form = model_form(Partnership, ("partner",), edit=False)(None)
    scope_choices(form, as_actor(two_partners["nw_rep"].user))
    assert list(form.fields["partner"].queryset) == [two_partners["nw"]]
