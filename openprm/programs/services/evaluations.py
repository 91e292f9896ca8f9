"""Evaluations run on demand or on schedule (PRG-5): the rules are in
programs/evaluation.py."""

from typing import Any

from django.utils import timezone

from openprm.core import access
from openprm.core.actor import Actor
from openprm.programs import evaluation
from openprm.programs.models import (
    Partnership,
    Program,
)


def program_evaluate(*, actor: Actor, program: Program) -> evaluation.Outcome:
    """PRG-5: evaluate every partner of the program now."""
    access.require(actor, "change", program)
    return evaluation.evaluate(program, actor=actor)


def partnership_evaluate(*, actor: Actor, partnership: Partnership) -> evaluation.Outcome:
    """PRG-5: evaluate one partner now."""
    access.require(actor, "change", partnership)
    return evaluation.evaluate(partnership.program, partner_id=partnership.partner_id, actor=actor)


def programs_evaluate_due(today: Any = None) -> list[evaluation.Outcome]:
    """The scheduled evaluation: every active program whose day has come,
    then its next day is set."""
    today = today or timezone.localdate()
    outcomes = []
    for program in Program.objects.filter(is_active=True).exclude(next_evaluation_on__gt=today):
        outcomes.append(evaluation.evaluate(program, today=today))
        Program.objects.filter(pk=program.pk).update(
            next_evaluation_on=today + timezone.timedelta(days=program.evaluation_every_days)
        )
    return outcomes
