"""TER-3 background realignment of every account (django-tasks)."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from openprm.core.worker import when_abandoned
from openprm.territories.models import RealignmentRun
from openprm.territories.realignment import Progress, realign_all


def _progress(run: RealignmentRun) -> Progress:
    def report(done: int, total: int) -> None:
        RealignmentRun.objects.filter(pk=run.pk).update(
            processed=done, total=total, updated_at=timezone.now()
        )

    return report


@task()
def realign_all_accounts(run_id: int) -> None:
    """Run one RealignmentRun, storing its progress (steps) for the page."""
    run = RealignmentRun.objects.get(pk=run_id)
    RealignmentRun.objects.filter(pk=run.pk).update(status=RealignmentRun.Status.RUNNING)
    try:
        added, removed = realign_all(progress=_progress(run))
    except Exception as error:
        RealignmentRun.objects.filter(pk=run.pk).update(
            status=RealignmentRun.Status.FAILED, error=str(error), finished_at=timezone.now()
        )
        raise
    RealignmentRun.objects.filter(pk=run.pk).update(
        status=RealignmentRun.Status.DONE,
        assigned=added,
        removed=removed,
        finished_at=timezone.now(),
    )


@when_abandoned(realign_all_accounts)
def realignment_abandoned(run_id: int) -> None:
    """The worker died mid-run: the run wrote everything or nothing (one
    transaction); it is marked failed so the page stops waiting."""
    RealignmentRun.objects.filter(pk=run_id, status=RealignmentRun.Status.RUNNING).update(
        status=RealignmentRun.Status.FAILED,
        error=_("The background worker stopped during this realignment. Run it again."),
        finished_at=timezone.now(),
    )
