"""Demo programs: the Reseller Program (Registered, Silver, Gold, Platinum
on closed-won revenue and won deals) and the Distributor Program
(Authorized, Premier, Elite on the channel team's manual score). Partners
are placed by real evaluations: Northwind reaches Silver on its won deal,
distributors move up on their scores, and one distributor whose score was
lowered has a downgrade review waiting. Contoso (and, in larger demos, a
second reseller) was carried over from the previous program in Gold and
Platinum: overrides with a reason."""

from decimal import Decimal

from django.utils import timezone

from openprm.catalog import demo as catalog_demo
from openprm.demo.context import DemoContext
from openprm.partners.models import PartnerProfile
from openprm.programs import services
from openprm.programs.models import Partnership, Program

RESELLER = (
    ("Registered", "10", "5", 90, 1, (), "Portal access\nDeal registration"),
    (
        "Silver",
        "15",
        "8",
        120,
        1,
        (("closed_won_revenue", "1000"),),
        "Lead sharing\nSales training",
    ),
    (
        "Gold",
        "20",
        "12",
        150,
        2,
        (("closed_won_revenue", "150000"), ("won_deals", "3")),
        "Market development funds\nPriority lead routing",
    ),
    (
        "Platinum",
        "25",
        "15",
        180,
        3,
        (("closed_won_revenue", "500000"), ("won_deals", "8")),
        "Dedicated channel manager\nJoint business planning",
    ),
)
DISTRIBUTOR = (
    ("Authorized", "8", "4", 90, 1, (), "Distribution agreement"),
    ("Premier", "12", "6", 120, 1, (("manual_score", "70"),), "Rebates on volume"),
    ("Elite", "16", "8", 150, 2, (("manual_score", "90"),), "Stock rotation\nCo-marketing"),
)


def _program(actor: object, code: str, name: str, summary: str, ladder: tuple) -> Program:
    program = services.program_create(
        actor=actor,  # type: ignore[arg-type]
        data={
            "code": code,
            "name": name,
            "summary": summary,
            "benefits": "\n".join(tier[6].splitlines()[0] for tier in ladder),
            "next_evaluation_on": timezone.localdate() + timezone.timedelta(days=30),
        },
    )
    for tier, margin, discount, days, extensions, requirements, benefits in ladder:
        services.tier_create(
            actor=actor,  # type: ignore[arg-type]
            program=program,
            data={
                "name": tier,
                "margin_percent": Decimal(margin),
                "discount_percent": Decimal(discount),
                "protection_days": days,
                "extension_count": extensions,
                "benefits": benefits,
            },
            requirements=[
                {"indicator": code, "threshold": threshold, "window_months": 12}
                for code, threshold in requirements
            ],
        )
    return program


def _join(actor: object, partner: PartnerProfile, program: Program, manager: object) -> Partnership:
    return services.partnership_create(
        actor=actor,  # type: ignore[arg-type]
        partner_id=partner.pk,
        program_id=program.pk,
        channel_manager_id=manager.pk,  # type: ignore[attr-defined]
        mdf_eligible=True,
    )


def _score(actor: object, partnership: Partnership, score: str, reason: str) -> Partnership:
    partnership.refresh_from_db()
    return services.manual_score_set(
        actor=actor,  # type: ignore[arg-type]
        partnership=partnership,
        score=Decimal(score),
        reason=reason,
        expected_version=partnership.version,
    )


def seed(context: DemoContext) -> None:
    actor = context.records["user:cam"]
    manager = actor.user
    reseller = _program(
        actor,
        "RESELL",
        "Reseller Program",
        "For value-added resellers who sell and deploy our network products.",
        RESELLER,
    )
    distributor = _program(
        actor,
        "DISTRIB",
        "Distributor Program",
        "For distributors who stock our products and serve resellers.",
        DISTRIBUTOR,
    )
    partners = [p for p in context.records["partners"] if p.status == PartnerProfile.Status.ACTIVE]
    resellers, distributors = partners[:2], partners[2:]
    joined = [_join(actor, p, reseller, manager) for p in resellers]
    for index, partner in enumerate(distributors):
        program = distributor if index < 3 or index % 2 == 0 else reseller
        joined.append(_join(actor, partner, program, manager))
    in_distribution = [p for p in joined if p.program_id == distributor.pk]
    carried = [p for p in joined if p.program_id == reseller.pk][1:3]
    for partnership, tier in zip(carried, ("Gold", "Platinum"), strict=False):
        partnership.refresh_from_db()
        services.tier_override(
            actor=actor,
            partnership=partnership,
            tier_id=reseller.tiers.get(name=tier).pk,
            reason="Carried over from the previous partner program",
            expected_version=partnership.version,
        )
    for partnership, score in zip(in_distribution, ("95", "75", "92"), strict=False):
        _score(actor, partnership, score, "Quarterly business review")
    for program in (reseller, distributor):
        services.program_evaluate(actor=actor, program=program)
    if len(in_distribution) >= 3:
        _score(actor, in_distribution[2], "60", "Missed the joint business plan targets")
        services.program_evaluate(actor=actor, program=distributor)
    context.records["programs"] = [reseller, distributor]
    catalog_demo.tier_price_lists(
        context,
        [
            (tier.pk, f"{program.name} {tier.name}", tier.discount_percent or Decimal(10))
            for program in (reseller, distributor)
            for tier in program.tiers.order_by("rank")
        ],
    )
