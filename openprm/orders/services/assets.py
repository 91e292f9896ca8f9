"""Changing installed service (ORD-5, ORD-9): a modify or disconnect order
on assets, never an edit of the asset itself.

The new order's lines carry Update or Delete on the assets it changes, the
options added to or removed from a line as Add and Delete lines under it,
and the bundle above as an unchanged line, so fulfilment and people see
the structure. An asset that an open order already changes is refused,
naming that order. A disconnect within a bundle keeps the bundle's rules
(a family plan keeps at least one line).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from openprm.catalog import selectors as catalog_selectors
from openprm.catalog.bundle_rules import Line, bundle_rules
from openprm.catalog.models import ProductType
from openprm.contacts.models import Person
from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import Conflict, NotFound
from openprm.core.events import publish
from openprm.orders.errors import OrderErrorCode
from openprm.orders.events import OrderPlaced
from openprm.orders.lines import (
    Context,
    Draft,
    LineSpec,
    Problems,
    checked_quantity,
    load_context,
)
from openprm.orders.models import Asset, AssetStatus, LineAction, Order
from openprm.orders.services.placing import (
    buyer,
    callers_price_list,
    create_order,
    own_organization,
)
from openprm.orders.services.touching import open_order_touching, refuse_touched


@dataclass(frozen=True)
class AssetChange:
    """What to do to one installed asset: disconnect it (with everything
    under it), or change its quantity and the set of its options."""

    asset_id: int
    disconnect: bool = False
    quantity: Decimal | int | str | None = None
    option_ids: Sequence[int] | None = None


def _assets(actor: Actor, changes: Sequence[AssetChange]) -> dict[int, Asset]:
    ids = [change.asset_id for change in changes]
    found = {
        asset.pk: asset
        for asset in access.visible(Asset, actor).select_related("product").filter(pk__in=ids)
    }
    if len(found) != len(set(ids)):
        raise NotFound()
    for asset in found.values():
        access.require(actor, "change", asset)
        if asset.status != AssetStatus.ACTIVE:
            raise Conflict(
                _("Active asset: %(name)s was disconnected on %(day)s and cannot be changed.")
                % {"name": asset.product.name, "day": asset.end_date},
                code=OrderErrorCode.ASSET_INACTIVE,
            )
    if len({asset.customer_id for asset in found.values()}) > 1:
        raise Conflict(
            _("One customer: a change order changes the assets of one account only."),
            code=OrderErrorCode.ASSET_OTHER_CUSTOMER,
        )
    return found


class Tree:
    """The active assets of one customer, by id and by parent."""

    def __init__(self, customer_id: int) -> None:
        rows = access.unscoped(Asset).filter(customer_id=customer_id, status=AssetStatus.ACTIVE)
        self.assets = {a.pk: a for a in rows.select_related("product", "origin")}
        self.children: dict[int, list[Asset]] = {}
        for asset in self.assets.values():
            if asset.parent_id is not None:
                self.children.setdefault(asset.parent_id, []).append(asset)

    def ancestors(self, asset: Asset) -> list[Asset]:
        chain = []
        while asset.parent_id in self.assets:
            asset = self.assets[asset.parent_id]
            chain.insert(0, asset)
        return chain

    def below(self, asset: Asset) -> list[Asset]:
        found = []
        for child in self.children.get(asset.pk, []):
            found += [child, *self.below(child)]
        return found


class Plan:
    """The drafts of a change order, each asset at most once, parents first."""

    def __init__(self, tree: Tree, ctx: Context) -> None:
        self.tree, self.ctx, self.drafts = tree, ctx, []
        self.at: dict[int, int] = {}

    def add(self, asset: Asset, action: str, quantity: Decimal | None = None) -> Draft:
        if asset.pk in self.at:
            draft = self.drafts[self.at[asset.pk]]
            if action != LineAction.UNCHANGED:
                draft.action = action
        else:
            parent = self.at.get(asset.parent_id) if asset.parent_id else None
            draft = Draft(
                product=asset.product,
                quantity=asset.quantity,
                parent=parent,
                action=action,
                asset_id=asset.pk,
                component_discount_percent=asset.origin.component_discount_percent,
            )
            self.at[asset.pk] = len(self.drafts)
            self.drafts.append(draft)
        if quantity is not None:
            draft.quantity = quantity
        if draft.action == LineAction.UPDATE:
            item = self.ctx.prices.get(asset.product_id)
            if item is not None:
                draft.one_time_price, draft.monthly_price = (
                    item.one_time_price,
                    item.monthly_price,
                )
        return draft

    def structure(self, asset: Asset) -> None:
        for above in self.tree.ancestors(asset):
            self.add(above, LineAction.UNCHANGED)


def _update(plan: Plan, asset: Asset, change: AssetChange, problems: Problems) -> None:
    where = f"changes.{change.asset_id}"
    quantity = None
    if change.quantity is not None:
        quantity = checked_quantity(where, change.quantity, asset.product, problems)
    line = plan.add(asset, LineAction.UPDATE, quantity)
    if change.option_ids is None:
        return
    current = {
        child.product_id: child
        for child in plan.tree.children.get(asset.pk, [])
        if child.product.type == ProductType.OPTION
    }
    wanted = list(dict.fromkeys(change.option_ids))
    for product_id, option in current.items():
        if product_id not in wanted:
            plan.add(option, LineAction.DELETE)
    owned = plan.ctx.options.get(asset.product_id, set())
    for option_id in wanted:
        if option_id in current:
            continue
        product = plan.ctx.products.get(option_id)
        if option_id not in owned or product is None:
            problems.add(
                f"{where}.option_ids",
                OrderErrorCode.OPTION_NOT_OF_PRODUCT,
                _("Option of the product: %(option)s does not belong to %(name)s.")
                % {"option": product.name if product else option_id, "name": asset.product.name},
            )
            continue
        item = plan.ctx.prices.get(option_id)
        if item is None:
            problems.add(
                f"{where}.option_ids",
                OrderErrorCode.PRODUCT_NOT_PRICED,
                _("Caller's price list: %(name)s is not on the price list %(list)s.")
                % {"name": product.name, "list": plan.ctx.price_list.name},
            )
            continue
        plan.drafts.append(
            Draft(
                product=product,
                quantity=line.quantity,
                parent=plan.at[asset.pk],
                one_time_price=item.one_time_price,
                monthly_price=item.monthly_price,
                component_discount_percent=line.component_discount_percent,
            )
        )


def _empty_changes(plan: Plan, changes: Sequence[AssetChange], problems: Problems) -> None:
    """ORD-9: a change order changes something. A modify that keeps an
    asset's quantity and options as installed would place an order that
    does nothing, so it is refused on the asset's quantity."""
    if any(d.action in (LineAction.ADD, LineAction.DELETE) for d in plan.drafts):
        return
    for change in changes:
        asset = plan.tree.assets[change.asset_id]
        if plan.drafts[plan.at[asset.pk]].quantity != asset.quantity:
            return
    for change in changes:
        asset = plan.tree.assets[change.asset_id]
        problems.add(
            f"changes.{change.asset_id}.quantity",
            OrderErrorCode.ASSET_CHANGE_EMPTY,
            _(
                "A change that changes something: %(name)s keeps its quantity "
                "%(quantity)s and its options as installed; change the quantity or an option, "
                "or leave the asset as it is."
            )
            % {"name": asset.product.name, "quantity": asset.quantity.normalize()},
        )


def _bundle_checks(plan: Plan, problems: Problems) -> None:
    """ORD-8: each bundle that keeps running keeps its rules after the change."""
    for asset_id, index in plan.at.items():
        asset, draft = plan.tree.assets[asset_id], plan.drafts[index]
        if asset.product.type != ProductType.BUNDLE or draft.action == LineAction.DELETE:
            continue
        configuration = []
        for child in plan.tree.children.get(asset_id, []):
            changed = plan.drafts[plan.at[child.pk]] if child.pk in plan.at else None
            if changed is not None and changed.action == LineAction.DELETE:
                continue
            quantity = changed.quantity if changed is not None else child.quantity
            configuration.append(Line(product_id=child.product_id, quantity=quantity))
        bundle = catalog_selectors.bundle_definition(actor=plan.ctx.actor, pk=asset.product_id)
        for violation in bundle_rules(bundle, configuration, on=plan.ctx.day):
            problems.add(
                f"changes.{asset_id}", OrderErrorCode.BUNDLE_RULES_BROKEN, violation.message
            )


def order_assets_change(
    *,
    actor: Actor,
    changes: Sequence[AssetChange],
    price_list_id: int | None = None,
    contact_id: int | None = None,
) -> Order:
    """A new Pending modify or disconnect order on installed assets (ORD-9),
    priced by the price list that applies to the caller; a `price_list_id`
    naming another is refused (the pages name none: they take the one that
    applies)."""
    access.require_create(actor, Order)
    with transaction.atomic():
        assets = _assets(actor, changes)
        customer_id = next(iter(assets.values())).customer_id if assets else None
        if customer_id is None:
            problems = Problems()
            problems.add("changes", OrderErrorCode.NO_LINES, _("Order lines: change an asset."))
            problems.raise_any()
        for_customer = None if own_organization(actor, customer_id) else customer_id
        _customer, partner = buyer(actor, for_customer)
        price_list = callers_price_list(actor, for_customer, price_list_id)
        tree = Tree(customer_id)
        options = [o for change in changes for o in (change.option_ids or ())]
        ctx = load_context(
            actor=actor,
            price_list=price_list,
            specs=[LineSpec(product_id=a.product_id) for a in assets.values()],
            day=timezone.localdate(),
            extra_product_ids=options,
        )
        plan, problems = Plan(tree, ctx), Problems()
        for change in changes:
            asset = assets[change.asset_id]
            plan.structure(asset)
            if change.disconnect:
                plan.add(asset, LineAction.DELETE)
                for below in tree.below(asset):
                    plan.add(below, LineAction.DELETE)
            else:
                _update(plan, asset, change, problems)
        _empty_changes(plan, changes, problems)
        _bundle_checks(plan, problems)
        problems.raise_any()
        touched = [d.asset_id for d in plan.drafts if d.action != LineAction.UNCHANGED]
        line = open_order_touching([a for a in touched if a is not None])
        if line is not None:
            raise refuse_touched(line)
        order = Order(
            customer_id=customer_id,
            partner=partner,
            contact=access.get_visible(Person, actor, contact_id) if contact_id else None,
            price_list=price_list,
            currency=price_list.currency,
        )
        create_order(actor=actor, order=order, drafts=plan.drafts)
        publish(OrderPlaced(actor=actor, record=order, number=order.number))
    return order
