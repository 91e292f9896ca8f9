"""Certifications held and training completions import from a CSV file
through the import framework (IMP-1; PRG-6, PRG-12): each row by the rules
of a manual entry, a re-run skips what was imported."""

from collections.abc import Callable
from typing import Any

import pytest

from openprm.core.errors import PermissionRefused
from openprm.identity.models import User
from openprm.imports.models import ImportJob
from openprm.trainings.models import HeldCertification, TrainingCompletion
from tests.imports.conftest import csv_bytes

pytestmark = pytest.mark.django_db
Run = Callable[..., ImportJob]
HEADER = ["Partner contact e-mail", "Certification code", "Issued on", "Expires on"]


def _reasons(job: ImportJob) -> dict[int, str]:
    return {r.line: r.reason_text for r in job.rejects.all()}


def test_imp_1_prg_12_certifications_held_import(
    channel_manager: User, two_partners: dict[str, Any], catalogue: dict[str, Any], run_import: Run
) -> None:
    rows = [
        ["nw-rep@partner.example", "nca", "2025-01-15", ""],
        ["CO-ADMIN@partner.example", "NCA", "2025-02-01", "2025-12-31"],
        ["nobody@partner.example", "NCA", "2025-02-01", ""],
        ["nw-admin@partner.example", "NCA", "2025-02-01", "2025-01-01"],
        ["nw-admin@partner.example", "XYZ", "2025-02-01", ""],
        ["nw-admin@partner.example", "NCA", "01/02/2025", ""],
    ]
    job = run_import(channel_manager, "certifications_held", csv_bytes(HEADER, rows))
    reasons = _reasons(job)
    assert (job.accepted_rows, job.rejected_rows) == (2, 4)
    assert "e-mail" in reasons[4]
    assert "cannot expire before it was issued" in reasons[5]
    assert "No such certification" in reasons[6]
    assert "YYYY-MM-DD" in reasons[7]
    rep = HeldCertification.objects.get(holder=two_partners["nw_rep"])
    assert str(rep.expires_on) == "2027-01-15"  # the validity's default
    again = run_import(channel_manager, "certifications_held", csv_bytes(HEADER, rows[:2]))
    assert (again.accepted_rows, again.skipped_rows) == (0, 2)
    assert HeldCertification.objects.count() == 2


def test_imp_1_prg_6_training_completions_import(
    channel_manager: User, two_partners: dict[str, Any], catalogue: dict[str, Any], run_import: Run
) -> None:
    job = run_import(
        channel_manager,
        "training_completions",
        csv_bytes(
            ["E-mail", "Training code", "Completed on", "Evidence"],
            [
                ["nw-rep@partner.example", "NET-101", "2025-01-15", "LMS-77"],
                ["nw-rep@partner.example", "NET-101", "2025-01-16", ""],
            ],
        ),
    )
    assert (job.accepted_rows, job.rejected_rows) == (1, 1)
    assert "certificate" in _reasons(job)[3]
    assert TrainingCompletion.objects.get().evidence_reference == "LMS-77"


def test_imp_1_only_the_channel_team_imports_certifications(
    two_partners: dict[str, Any], run_import: Run
) -> None:
    with pytest.raises(PermissionRefused):
        run_import(two_partners["nw_rep"].user, "certifications_held", csv_bytes(HEADER, []))
