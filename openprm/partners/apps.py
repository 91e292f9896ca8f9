from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from openprm.core.global_search import SearchSource
from openprm.core.home import HomeBlock
from openprm.partners.catalog import MANAGE_PARTNERS


class PartnersConfig(AppConfig):
    name = "openprm.partners"
    label = "partners"
    verbose_name = _("Partners")
    url_prefix = "partners/"
    nav_items: tuple[dict[str, object], ...] = (
        {
            "label": _("Partners"),
            "url": "partners:partner_list",
            "icon": "heart-handshake",
            "area": "internal",
            "privilege": "manage_partners",
        },
        {
            "label": _("Organization"),
            "url": "portal:organization",
            "icon": "building",
            "area": "portal",
            "order": 10,
        },
        {
            "label": _("Contacts"),
            "url": "portal:contact_list",
            "icon": "address-book",
            "area": "portal",
            "order": 20,
        },
        {
            "label": _("Users"),
            "url": "portal:user_list",
            "icon": "users",
            "area": "portal",
            "order": 30,
        },
    )
    home_blocks = (
        HomeBlock(
            "partners",
            _("Your partners"),
            selector="openprm.partners.home.partner_overview",
            template="partners/home/partners.html",
            privilege=MANAGE_PARTNERS,
            order=20,
        ),
        HomeBlock(
            "partner_work",
            _("Waiting for you"),
            selector="openprm.partners.home.partner_work",
            template="partners/home/partner_work.html",
            privilege=MANAGE_PARTNERS,
            order=21,
        ),
        HomeBlock(
            "organization",
            _("Your organization"),
            selector="openprm.partners.home.portal_organization",
            template="partners/home/portal_organization.html",
            area="portal",
            order=10,
        ),
        HomeBlock(
            "people",
            _("Your people"),
            selector="openprm.partners.home.portal_people",
            template="partners/home/portal_people.html",
            area="portal",
            order=20,
        ),
        HomeBlock(
            "next_steps",
            _("What you can do next"),
            selector="openprm.partners.home.portal_next_steps",
            template="partners/home/portal_next_steps.html",
            area="portal",
            order=30,
            width="col-12",
        ),
    )
    search_sources = (
        SearchSource(
            "partners",
            _("Partners"),
            selector="openprm.partners.search.partner_search",
            list_url="partners:partner_list",
            order=30,
        ),
        SearchSource(
            "organization",
            _("Your organization"),
            selector="openprm.partners.search.portal_organization_search",
            list_url="portal:organization",
            area="portal",
            order=10,
        ),
        SearchSource(
            "people",
            _("People"),
            selector="openprm.partners.search.portal_people_search",
            list_url="portal:contact_list",
            area="portal",
            order=20,
        ),
    )

    def ready(self) -> None:
        from openprm.partners import receivers  # noqa: F401  registers hooks
        from openprm.partners.policies import (  # noqa: F401  registers policies, grants, gates
            account_grants,
            authors,
            contacts,
            partner_reach,
            portal_sign_in,
            profiles,
        )
