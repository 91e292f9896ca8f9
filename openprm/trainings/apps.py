from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from openprm.core.home import HomeBlock
from openprm.core.indicators import TierIndicator
from openprm.core.tabs import RecordTab
from openprm.programs.catalog import MANAGE_PARTNER_PROGRAMS


class TrainingsConfig(AppConfig):
    name = "openprm.trainings"
    label = "trainings"
    verbose_name = _("Trainings and certifications")
    url_prefix = "trainings/"
    nav_items: tuple[dict[str, object], ...] = (
        {
            "label": _("Certifications held"),
            "url": "trainings:held_list",
            "icon": "certificate",
            "area": "internal",
            "privilege": MANAGE_PARTNER_PROGRAMS,
        },
        {
            "label": _("Trainings"),
            "url": "trainings:training_list",
            "icon": "school",
            "area": "internal",
            "privilege": MANAGE_PARTNER_PROGRAMS,
            "admin": True,
        },
        {
            "label": _("Certifications"),
            "url": "trainings:certification_list",
            "icon": "rosette",
            "area": "internal",
            "privilege": MANAGE_PARTNER_PROGRAMS,
            "admin": True,
        },
        {
            "label": _("Trainings"),
            "url": "portal:trainings",
            "icon": "school",
            "area": "portal",
            "order": 35,
        },
    )

    record_tabs = (
        RecordTab(
            "partners.PartnerProfile",
            "certifications",
            _("Certifications"),
            "trainings:partner_certifications",
            order=40,
        ),
    )

    home_blocks = (
        HomeBlock(
            "certifications_expiring",
            _("Certifications expiring"),
            selector="openprm.trainings.panels.expiring_block",
            template="trainings/home/expiring.html",
            area="portal",
            order=25,
        ),
    )

    program_panels = (
        HomeBlock(
            "program_trainings",
            _("Trainings and certifications"),
            selector="openprm.trainings.panels.program_panel",
            template="trainings/panels/program.html",
            area="portal",
            order=30,
        ),
    )

    tier_indicators = (
        TierIndicator(
            code="certified_people",
            label=_("Certified people"),
            unit="count",
            measure="openprm.trainings.indicators.certified_people",
            records="openprm.trainings.indicators.certified_people_records",
            row="openprm.trainings.indicators.certified_person_row",
            parameter_label=_("Certification"),
            parameter_choices="openprm.trainings.indicators.certification_choices",
        ),
    )

    def ready(self) -> None:
        from openprm.trainings import import_kinds, policies  # noqa: F401  registers them
