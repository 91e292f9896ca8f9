"""A completion's evidence: only real PDF, PNG or JPEG files, recognised
from their content.

Pillow and pypdf (some 20 MB together) are imported by the checks that use
them, so a server process holds them only once evidence is uploaded."""

import io
import uuid
from typing import Any

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from openprm.core.errors import ValidationFailed
from openprm.trainings.errors import TrainingErrorCode

EVIDENCE_MAX_BYTES = 5 * 1024 * 1024
EVIDENCE_IMAGES = {"PNG": "png", "JPEG": "jpg"}


def checked_evidence(upload: Any) -> ContentFile:
    """Only real PDF, PNG or JPEG files up to 5 MB, recognised from their
    content by Pillow (images) and pypdf (documents), never from the name or
    the declared type; stored under a name of our own with the extension of
    what it really is (the download sends that type, as an attachment)."""
    refused = ValidationFailed(
        field_errors={"evidence": [_("Upload a PDF, PNG or JPEG file.")]},
        code=TrainingErrorCode.EVIDENCE_REFUSED,
    )
    if upload.size > EVIDENCE_MAX_BYTES:
        raise ValidationFailed(
            field_errors={"evidence": [_("The certificate file must be at most 5 MB.")]},
            code=TrainingErrorCode.EVIDENCE_REFUSED,
        )
    data = upload.read()
    extension = _image_type(data) or _pdf_type(data)
    if extension is None:
        raise refused
    return ContentFile(data, name=f"{uuid.uuid4().hex}.{extension}")


def _image_type(data: bytes) -> str | None:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
            return EVIDENCE_IMAGES.get(image.format or "")
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return None


def _pdf_type(data: bytes) -> str | None:
    if not data.startswith(b"%PDF-"):
        return None
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        return "pdf" if len(PdfReader(io.BytesIO(data), strict=True).pages) > 0 else None
    except (PyPdfError, OSError, ValueError, KeyError, TypeError):
        return None
