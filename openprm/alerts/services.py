"""Writing portal alerts (PRG-8): Manage Partner Programs writes them; a
partner user dismisses one for itself.

An alert is refused with a message on the field at fault when it ends
before it starts, links to a product and to a promotion at once, is aimed
at nobody (no target, or a target with nothing chosen), or is aimed at a
tier of another program than the programs chosen. Only the choices of its
target are kept: an alert for all partners keeps no chosen partners from a
target picked earlier on the form.
"""

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from openprm.alerts.events import AlertCreated, AlertTargetChanged
from openprm.alerts.models import Alert, AlertDismissal
from openprm.catalog.models import Product
from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import ValidationFailed
from openprm.core.events import publish
from openprm.core.records import record_create, record_update
from openprm.partners.models import PartnerProfile
from openprm.programs.models import Program, Tier

FIELDS = frozenset(
    {"title", "body", "priority", "starts_on", "ends_on", "product_id", "link_url", "target"}
)
Target = Alert.Target


@dataclass(frozen=True)
class Audience:
    """Who an alert is for: its target and the records chosen for it."""

    target: str
    programs: tuple[Program, ...] = ()
    tiers: tuple[Tier, ...] = ()
    partners: tuple[PartnerProfile, ...] = ()


def _chosen(
    actor: Actor, model: type[Any], ids: Collection[int], field: str, errors: dict[str, list[str]]
) -> tuple[Any, ...]:
    """The chosen records the author may see; an unknown one is a field error."""
    wanted = set(ids)
    found = tuple(access.visible(model, actor).filter(pk__in=wanted).order_by("pk"))
    if len(found) != len(wanted):
        errors.setdefault(field, []).append(_("Choose among the listed ones."))
    return found


def _audience(
    actor: Actor,
    target: str,
    programs: Collection[int],
    tiers: Collection[int],
    partners: Collection[int],
    errors: dict[str, list[str]],
) -> Audience:
    if target not in Target.values:
        errors["target"] = [_("Choose who the alert is for.")]
        return Audience("")
    if target == Target.ALL:
        return Audience(target)
    if target == Target.PARTNERS:
        chosen = _chosen(actor, PartnerProfile, partners, "partners", errors)
        if not partners:
            errors["partners"] = [_("Choose at least one partner.")]
        return Audience(target, partners=chosen)
    chosen_programs = _chosen(actor, Program, programs, "programs", errors)
    if target == Target.PROGRAMS:
        if not programs:
            errors["programs"] = [_("Choose at least one program.")]
        return Audience(target, programs=chosen_programs)
    chosen_tiers = _chosen(actor, Tier, tiers, "tiers", errors)
    if not tiers:
        errors["tiers"] = [_("Choose at least one tier.")]
    allowed = {program.pk for program in chosen_programs}
    strays = [tier for tier in chosen_tiers if allowed and tier.program_id not in allowed]
    if strays:
        errors.setdefault("tiers", []).append(
            _("%(tiers)s: not a tier of the chosen programs.")
            % {"tiers": ", ".join(sorted(f"{t.name} ({t.program})" for t in strays))}
        )
    return Audience(target, programs=chosen_programs, tiers=chosen_tiers)


def _checked(
    actor: Actor, values: Mapping[str, Any], errors: dict[str, list[str]], *, product: bool
) -> None:
    """The rules of one alert's fields besides its audience. The product is
    checked when it is chosen: an alert keeps a product retired since."""
    starts, ends = values.get("starts_on"), values.get("ends_on")
    if starts is not None and ends is not None and ends < starts:
        errors["ends_on"] = [_("An alert cannot end before it starts.")]
    if values.get("product_id") and values.get("link_url"):
        errors["link_url"] = [_("Link to a product or to a promotion page, not both.")]
    if (
        product
        and values.get("product_id")
        and not (
            access.visible(Product, actor).filter(pk=values["product_id"], is_active=True).exists()
        )
    ):
        errors["product_id"] = [_("Choose an active product of the catalog.")]
    if values.get("priority") not in Alert.Priority.values:
        errors["priority"] = [_("Choose a priority.")]


def _clean(data: Mapping[str, Any]) -> dict[str, Any]:
    unknown = sorted(set(data) - FIELDS)
    if unknown:
        raise ValidationFailed(field_errors={name: [_("Unknown field.")] for name in unknown})
    values = dict(data)
    for name in ("title", "body", "link_url"):
        if name in values:
            values[name] = (values[name] or "").strip()
    return values


def _set_audience(alert: Alert, audience: Audience) -> None:
    alert.programs.set(audience.programs)
    alert.tiers.set(audience.tiers)
    alert.partners.set(audience.partners)


def alert_create(
    *,
    actor: Actor,
    data: Mapping[str, Any],
    programs: Collection[int] = (),
    tiers: Collection[int] = (),
    partners: Collection[int] = (),
) -> Alert:
    """PRG-8: a new alert, shown to its audience from its first day."""
    access.require_create(actor, Alert)
    values = {"priority": Alert.Priority.INFO, **_clean(data)}
    errors: dict[str, list[str]] = {}
    audience = _audience(actor, values.get("target", ""), programs, tiers, partners, errors)
    _checked(actor, values, errors, product=True)
    if errors:
        raise ValidationFailed(field_errors=errors)
    with transaction.atomic():
        alert = record_create(actor=actor, instance=Alert(**values))
        _set_audience(alert, audience)
        publish(AlertCreated(actor=actor, record=alert, target=alert.target))
    return alert


def _ids(alert: Alert, name: str, sent: Collection[int] | None) -> Collection[int]:
    if sent is not None:
        return sent
    return list(getattr(alert, name).values_list("pk", flat=True))


def alert_update(
    *,
    actor: Actor,
    alert: Alert,
    changes: Mapping[str, Any],
    expected_version: int | None,
    programs: Collection[int] | None = None,
    tiers: Collection[int] | None = None,
    partners: Collection[int] | None = None,
) -> Alert:
    """Its fields and, when sent, its chosen programs, tiers or partners;
    the whole alert is checked again as it will be saved."""
    access.require(actor, "change", alert)
    values = _clean(changes)
    merged = {name: getattr(alert, name) for name in FIELDS} | values
    errors: dict[str, list[str]] = {}
    audience = _audience(
        actor,
        merged["target"],
        _ids(alert, "programs", programs),
        _ids(alert, "tiers", tiers),
        _ids(alert, "partners", partners),
        errors,
    )
    _checked(actor, merged, errors, product="product_id" in values)
    if errors:
        raise ValidationFailed(field_errors=errors)
    with transaction.atomic():
        before = (alert.target, _members(alert))
        alert = record_update(
            actor=actor, instance=alert, changes=values, expected_version=expected_version
        )
        _set_audience(alert, audience)
        if (alert.target, _members(alert)) != before:
            publish(AlertTargetChanged(actor=actor, record=alert, target=alert.target))
    return alert


def _members(alert: Alert) -> tuple[frozenset[int], ...]:
    return tuple(
        frozenset(getattr(alert, name).values_list("pk", flat=True))
        for name in ("programs", "tiers", "partners")
    )


def alert_dismiss(*, actor: Actor, alert: Alert) -> AlertDismissal:
    """PRG-8: the alert leaves this user's portal home for good; dismissing
    it again changes nothing."""
    alert = access.get_visible(Alert, actor, alert.pk)
    access.require(actor, "dismiss", alert)
    found = AlertDismissal.objects.filter(user_id=actor.pk, alert=alert).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            return AlertDismissal.objects.create(user_id=actor.pk, alert=alert)
    except IntegrityError:  # dismissed at the same moment in another tab
        return AlertDismissal.objects.get(user_id=actor.pk, alert=alert)


def require_change(*, actor: Actor, alert: Alert) -> None:
    """The edit form opens only for those who may save it."""
    access.require(actor, "change", alert)
