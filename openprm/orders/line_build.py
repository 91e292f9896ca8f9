"""A request's lines as a structure (ORD-8): each component under a bundle
line listed before it, each bundle checked against its rules with
catalog.bundle_rules, the component discounts applied, each line followed
by its options."""

from collections.abc import Sequence
from decimal import Decimal

from django.utils.translation import gettext as _

from openprm.catalog import selectors as catalog_selectors
from openprm.catalog.bundle_rules import Line, bundle_rules
from openprm.catalog.models import ProductType
from openprm.orders.errors import OrderErrorCode
from openprm.orders.lines import (
    Context,
    Draft,
    LineSpec,
    Problems,
    decimal_or_none,
    line_draft,
    option_drafts,
)
from openprm.orders.models import LineAction


def _parent_ok(index: int, spec: LineSpec, specs: Sequence[LineSpec], ctx: Context) -> bool:
    parent = spec.parent_index
    if not isinstance(parent, int) or not 0 <= parent < index:
        return False
    bundle = ctx.products.get(specs[parent].product_id)
    return (
        specs[parent].parent_index is None
        and bundle is not None
        and bundle.type == ProductType.BUNDLE
    )


def _bundle_problems(
    index: int, specs: Sequence[LineSpec], ctx: Context, problems: Problems
) -> dict[int, Decimal]:
    """ORD-8: the bundle at `index` checked with its components against its
    rules; the component discounts by product id."""
    bundle = catalog_selectors.bundle_definition(actor=ctx.actor, pk=specs[index].product_id)
    configuration = [
        Line(product_id=s.product_id, quantity=decimal_or_none(s.quantity) or Decimal(0))
        for s in specs
        if s.parent_index == index
    ]
    for violation in bundle_rules(bundle, configuration, on=ctx.day):
        problems.add(
            f"lines.{index}",
            OrderErrorCode.BUNDLE_RULES_BROKEN,
            violation.message,
        )
    return {c.product.id: c.discount_percent for c in bundle.components}


def build_lines(specs: Sequence[LineSpec], ctx: Context, problems: Problems) -> list[Draft]:
    """The drafts of `specs` in order, each line followed by its options;
    every problem goes to `problems`."""
    if not specs:
        problems.add(
            "lines", OrderErrorCode.NO_LINES, _("Order lines: an order has at least one line.")
        )
        return []
    discounts: dict[int, dict[int, Decimal]] = {}
    drafts: list[Draft] = []
    at: dict[int, int] = {}
    for index, spec in enumerate(specs):
        if spec.parent_index is not None and not _parent_ok(index, spec, specs, ctx):
            problems.add(
                f"lines.{index}.parent",
                OrderErrorCode.PARENT_LINE_INVALID,
                _("Bundle component: line %(index)s is not under a bundle line listed before it.")
                % {"index": index},
            )
            continue
        line = line_draft(index, spec, ctx, problems)
        if line is None:
            continue
        if spec.parent_index is None:
            if not line.product.is_orderable and spec.line_id is None:
                problems.add(
                    f"lines.{index}.product_id",
                    OrderErrorCode.PRODUCT_NOT_ORDERABLE,
                    _(
                        "Orderable product: %(name)s cannot be ordered on its own, only within "
                        "its bundle."
                    )
                    % {"name": line.product.name},
                )
            if line.product.type == ProductType.BUNDLE and line.action == LineAction.ADD:
                discounts[index] = _bundle_problems(index, specs, ctx, problems)
        else:
            if spec.parent_index not in at:
                continue
            line.parent = at[spec.parent_index]
            line.component_discount_percent = discounts.get(spec.parent_index, {}).get(
                line.product.pk, Decimal(0)
            )
        at[index] = len(drafts)
        drafts.append(line)
        drafts += option_drafts(index, spec, line, at[index], ctx, problems)
    return drafts
