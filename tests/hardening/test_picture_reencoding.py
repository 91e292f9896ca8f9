"""CON-5: an uploaded picture is stored re-encoded from its pixels. Bytes
appended to a valid image (a script, a zip: a polyglot file) and metadata
(EXIF with a GPS position, text chunks) must not be served back to other
users."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image, PngImagePlugin

from openprm.contacts.models import Person
from openprm.identity.models import User
from tests.contacts.helpers import make_contact

pytestmark = pytest.mark.django_db

SCRIPT = b"<script>alert(document.cookie)</script>"
EXIF_MARKER = "OpenPRM-Test-Camera"
TEXT_MARKER = "hidden-comment-payload"


def _exif() -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = EXIF_MARKER  # Make
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to view
    return exif


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("payload.txt", "polyglot")
    return buffer.getvalue()


def _image(fmt: str, **save: object) -> bytes:
    buffer = io.BytesIO()
    picture = Image.new("RGB", (40, 20), "red")
    picture.paste((0, 0, 255), (0, 0, 10, 20))
    picture.save(buffer, format=fmt, exif=_exif(), **save)
    return buffer.getvalue()


def _png_with_text() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", TEXT_MARKER)
    return _image("PNG", pnginfo=info)


def _upload(client: Client, person: Person, data: bytes, name: str) -> Person:
    response = client.post(
        f"/api/v1/contacts/{person.pk}/picture",
        {"picture": SimpleUploadedFile(name, data, content_type="image/png")},
    )
    assert response.status_code == 200, response.content
    return Person.objects.get(pk=person.pk)


@pytest.mark.parametrize(
    ("fmt", "original", "appended"),
    [
        ("PNG", _png_with_text, SCRIPT),
        ("PNG", _png_with_text, _zip()),
        ("JPEG", lambda: _image("JPEG"), SCRIPT),
        ("WEBP", lambda: _image("WEBP"), _zip()),
    ],
    ids=["png-script", "png-zip", "jpeg-script", "webp-zip"],
)
def test_con_5_appended_payload_and_metadata_are_not_stored(
    salesperson: User, api_client_for, fmt: str, original, appended: bytes
) -> None:
    person = make_contact(salesperson, "Polyglot")
    uploaded = original() + appended
    assert EXIF_MARKER.encode() in uploaded
    with Image.open(io.BytesIO(uploaded)) as check:
        assert check.format == fmt, "the upload is a valid image despite the payload"

    person = _upload(api_client_for(salesperson), person, uploaded, f"me.{fmt.lower()}")

    with person.picture.open("rb") as stored_file:
        stored = stored_file.read()
    assert appended not in stored
    assert b"<script" not in stored
    assert b"PK\x03\x04" not in stored
    assert EXIF_MARKER.encode() not in stored
    assert TEXT_MARKER.encode() not in stored
    with Image.open(io.BytesIO(stored)) as picture:
        assert picture.format == fmt
        assert not picture.getexif()
        assert picture.size == (20, 40), "the EXIF orientation was applied before stripping"


def test_con_5_picture_download_serves_the_clean_file(salesperson: User, api_client_for) -> None:
    person = make_contact(salesperson, "Download")
    client = api_client_for(salesperson)
    _upload(client, person, _png_with_text() + SCRIPT, "me.png")
    body = b"".join(client.get(f"/api/v1/contacts/{person.pk}/picture").streaming_content)
    assert SCRIPT not in body
    assert EXIF_MARKER.encode() not in body


def test_con_5_re_encoding_keeps_transparency(salesperson: User, api_client_for) -> None:
    person = make_contact(salesperson, "Clear")
    buffer = io.BytesIO()
    Image.new("RGBA", (8, 8), (255, 0, 0, 0)).save(buffer, format="PNG")
    person = _upload(api_client_for(salesperson), person, buffer.getvalue(), "me.png")
    with person.picture.open("rb") as stored, Image.open(stored) as picture:
        assert picture.convert("RGBA").getpixel((0, 0))[3] == 0


def test_con_5_a_picture_with_too_many_pixels_is_refused(salesperson: User, api_client_for) -> None:
    person = make_contact(salesperson, "Huge")
    buffer = io.BytesIO()
    Image.new("1", (6000, 6000)).save(buffer, format="PNG")
    response = api_client_for(salesperson).post(
        f"/api/v1/contacts/{person.pk}/picture",
        {"picture": SimpleUploadedFile("big.png", buffer.getvalue(), content_type="image/png")},
    )
    assert response.status_code == 422
    assert not Person.objects.get(pk=person.pk).picture
