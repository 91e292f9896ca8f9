"""Tabs an app adds to another app's record page.

An account's page shows its Contacts, Team and Territories, each owned by
another app. Listing them in the account's template made every new app edit
customers; instead an app declares `record_tabs` on its AppConfig (as it
declares `nav_items`) and the record's page draws whatever is installed.
"""

from dataclasses import dataclass

from django.apps import apps
from django.db.models import Model
from django.utils.functional import Promise


@dataclass(frozen=True)
class RecordTab:
    """`url` is a URL name taking the record's key as its one argument;
    `record` the model's label (`customers.Account`)."""

    record: str
    name: str
    label: str | Promise
    url: str
    order: int = 100


def record_tabs(model: type[Model] | Model) -> list[RecordTab]:
    label = model._meta.label
    declared = (
        tab
        for config in apps.get_app_configs()
        for tab in getattr(config, "record_tabs", ())
        if tab.record == label
    )
    return sorted(declared, key=lambda tab: (tab.order, tab.name))
