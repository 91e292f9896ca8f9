"""API shapes of portal alerts (PRG-8). A partner user reads an alert
without its audience: who else it was aimed at is the brand owner's."""

import datetime as dt
from typing import Any

from ninja import Field, Schema

from openprm.alerts.models import AlertPriority, AlertTarget
from openprm.core.apikit.types import Input, RecordId, Version

Ids = list[RecordId]


class AlertIn(Input):
    title: str = Field(..., min_length=1, max_length=200)
    body: str = Field("", max_length=5000)
    priority: AlertPriority = AlertPriority.INFO
    starts_on: dt.date
    ends_on: dt.date | None = None
    product_id: RecordId | None = None
    link_url: str = Field("", max_length=200)
    target: AlertTarget
    programs: Ids = Field(default_factory=list, max_length=200)
    tiers: Ids = Field(default_factory=list, max_length=200)
    partners: Ids = Field(default_factory=list, max_length=5000)


class AlertUpdateIn(Input):
    version: Version
    title: str | None = Field(None, min_length=1, max_length=200)
    body: str | None = Field(None, max_length=5000)
    priority: AlertPriority | None = None
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    product_id: RecordId | None = None
    link_url: str | None = Field(None, max_length=200)
    target: AlertTarget | None = None
    programs: Ids | None = Field(None, max_length=200)
    tiers: Ids | None = Field(None, max_length=200)
    partners: Ids | None = Field(None, max_length=5000)


def _ids(alert: Any, name: str) -> list[int] | None:
    chosen = getattr(alert, f"chosen_{name}", None)
    return None if chosen is None else [record.pk for record in chosen]


class AlertOut(Schema):
    id: int
    title: str
    body: str
    priority: AlertPriority
    starts_on: dt.date
    ends_on: dt.date | None
    product_id: int | None
    product_name: str | None = None
    link_url: str
    target: AlertTarget
    programs: list[int] | None = None
    tiers: list[int] | None = None
    partners: list[int] | None = None
    dismissed: bool = False
    version: int

    @staticmethod
    def resolve_product_name(alert: Any) -> str | None:
        return alert.product.name if alert.product_id else None

    @staticmethod
    def resolve_programs(alert: Any) -> list[int] | None:
        return _ids(alert, "programs")

    @staticmethod
    def resolve_tiers(alert: Any) -> list[int] | None:
        return _ids(alert, "tiers")

    @staticmethod
    def resolve_partners(alert: Any) -> list[int] | None:
        return _ids(alert, "partners")
