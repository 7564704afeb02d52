"""Image uploads through the story admin, as an editor makes them: refused with a clear message
next to the field, or stored re-encoded without metadata under a random name."""

from __future__ import annotations

import io
import random
import re
import struct
import zlib
from html.parser import HTMLParser

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import ExifTags, Image
from webtest import Upload

from stories.images import RENDITION_WIDTHS, rendition
from stories.models import Story
from tests.admin_pages import fill
from tests.factories import StoryFactory

pytestmark = pytest.mark.django_db

SECRET = b"Jane Doe"


def jpeg_with_metadata(size=(640, 480)) -> bytes:
    """A JPEG that carries a GPS position, camera data, XMP, an IPTC caption and a comment."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.ImageDescription] = "Jane Doe at the shelter"
    exif[ExifTags.Base.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (48.0, 12.0, 30.0),
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: (16.0, 22.0, 10.0),
    }
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:creator>Jane Doe</dc:creator></x:xmpmeta>'
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(
        buffer, "JPEG", exif=exif, comment=b"Jane Doe, Room 4", xmp=xmp
    )
    data = buffer.getvalue()
    # An IPTC caption in a Photoshop APP13 segment, right after the start-of-image marker.
    caption = b"\x1c\x02\x78" + struct.pack(">H", len(SECRET)) + SECRET
    resource = b"8BIM\x04\x04\x00\x00" + struct.pack(">I", len(caption)) + caption
    payload = b"Photoshop 3.0\x00" + resource
    app13 = b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload
    return data[:2] + app13 + data[2:]


def encoded(image_format: str, size=(320, 240), mode="RGB") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, 128 if mode in ("L", "1") else (10, 80, 160)).save(buffer, image_format)
    return buffer.getvalue()


def upload(name: str, data: bytes, content_type: str = "image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


TYPED = {
    "title": "Shelter opens in Vienna",
    "slug": "shelter-opens-in-vienna",
    "summary": "A new shelter for survivors opened this week.",
    "body": "The shelter has **twelve** places.",
    "source_name": "City press office",
    "source_url": "https://example.org/shelter",
    "image_alt": "The front door of a house",
    "image_credit": "Press office",
    "content_note": "Mentions exploitation.",
    "tags": "shelters",
}


def add_story(app, image, **fields):
    """Fill the rendered add page as an editor does, choose the image, press Save."""
    form = app.get(reverse("admin:stories_story_add"), user="editor").forms["story_form"]
    fill(form, **{**TYPED, **fields})
    form["image"] = Upload(image.name, image.read(), image.content_type)
    return form.submit("_save", user="editor")


class FieldErrors(HTMLParser):
    """Collect the error lists shown inside each field's row of an admin form."""

    def __init__(self):
        super().__init__()
        self.row = None
        self.depth = 0
        self.in_errors = False
        self.errors: dict[str, list[str]] = {}

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if tag == "div" and self.row is None and "form-row" in classes:
            self.row = next((c[6:] for c in classes if c.startswith("field-")), None)
            self.depth = 0
        if self.row is not None and tag == "div":
            self.depth += 1
        if self.row is not None and tag == "ul" and "errorlist" in classes:
            self.in_errors = True

    def handle_endtag(self, tag):
        if tag == "ul":
            self.in_errors = False
        if self.row is not None and tag == "div":
            self.depth -= 1
            if self.depth == 0:
                self.row = None

    def handle_data(self, data):
        if self.row is not None and self.in_errors and data.strip():
            self.errors.setdefault(self.row, []).append(data.strip())


def errors_next_to_fields(response) -> dict[str, list[str]]:
    parser = FieldErrors()
    parser.feed(response.text)
    return parser.errors


def assert_typed_input_kept(response) -> None:
    html = response.text
    for name in ("title", "slug", "source_name", "source_url", "image_alt", "image_credit"):
        assert f'value="{TYPED[name]}"' in html, name
    assert TYPED["summary"] in html
    assert TYPED["body"] in html
    assert TYPED["content_note"] in html


@pytest.fixture
def editor_admin(django_app, editor):
    return django_app


def assert_refused(response, message: str) -> None:
    assert response.status_code == 200
    assert not Story.objects.exists()
    errors = errors_next_to_fields(response)
    assert any(message in text for text in errors.get("image", [])), errors
    assert 'aria-describedby="id_image_error"' in response.text
    assert_typed_input_kept(response)


def stored_story() -> Story:
    story = Story.objects.get()
    assert story.image
    return story


def test_an_editor_can_add_a_story_with_an_image(editor_admin):
    response = add_story(editor_admin, upload("photo.jpg", encoded("JPEG")))

    assert response.status_code == 302, errors_next_to_fields(response)
    story = stored_story()
    assert default_storage.exists(story.image.name)


def test_gps_exif_xmp_iptc_and_comments_are_gone_from_the_stored_file_and_renditions(
    editor_admin,
):
    original = jpeg_with_metadata()
    with Image.open(io.BytesIO(original)) as check:  # the fixture really carries all of it
        assert check.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        assert check.info["comment"] == b"Jane Doe, Room 4"
        assert "xmp" in check.info and "photoshop" in check.info

    response = add_story(editor_admin, upload("IMG_0042.jpg", original))

    assert response.status_code == 302, errors_next_to_fields(response)
    story = stored_story()
    names = [story.image.name]
    for width in RENDITION_WIDTHS:
        url = rendition(story.image, width)["url"]
        names.append(url.removeprefix(default_storage.base_url))
    for name in names:
        with default_storage.open(name, "rb") as stored:
            data = stored.read()
        assert SECRET not in data, name
        assert b"Exif" not in data and b"Photoshop" not in data and b"xmpmeta" not in data
        with Image.open(io.BytesIO(data)) as image:
            assert not image.getexif()
            for key in ("exif", "comment", "xmp", "photoshop", "icc_profile"):
                assert key not in image.info, (name, key)


def test_a_file_named_after_a_person_is_stored_under_a_random_name(editor_admin):
    response = add_story(editor_admin, upload("Jane Doe shelter.jpg", encoded("JPEG")))

    assert response.status_code == 302
    name = stored_story().image.name
    assert "jane" not in name.lower() and "doe" not in name.lower()
    assert re.fullmatch(r"images/[0-9a-f]{32}\.jpg", name)


def test_the_stored_extension_follows_the_content_not_the_upload_name(editor_admin):
    response = add_story(editor_admin, upload("holiday.jpg", encoded("PNG"), "image/png"))

    assert response.status_code == 302
    name = stored_story().image.name
    assert name.endswith(".png")
    with default_storage.open(name, "rb") as stored, Image.open(stored) as image:
        assert image.format == "PNG"


def test_camera_rotation_is_applied_before_the_exif_that_records_it_is_dropped(editor_admin):
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6  # rotate 90° clockwise to display
    buffer = io.BytesIO()
    Image.new("RGB", (400, 200), "white").save(buffer, "JPEG", exif=exif)

    add_story(editor_admin, upload("portrait.jpg", buffer.getvalue()))

    with default_storage.open(stored_story().image.name, "rb") as stored:
        assert Image.open(stored).size == (200, 400)


def test_an_html_png_polyglot_keeps_only_its_pixels(editor_admin):
    script = b"<html><script>alert(document.cookie)</script></html>"
    png = encoded("PNG")
    # The script rides in a text chunk and after the end of the image.
    chunk_body = b"Comment\x00" + script
    text_chunk = (
        struct.pack(">I", len(chunk_body))
        + b"tEXt"
        + chunk_body
        + struct.pack(">I", zlib.crc32(b"tEXt" + chunk_body) & 0xFFFFFFFF)
    )
    polyglot = png[:33] + text_chunk + png[33:] + script

    response = add_story(editor_admin, upload("picture.png", polyglot, "image/png"))

    assert response.status_code == 302, errors_next_to_fields(response)
    with default_storage.open(stored_story().image.name, "rb") as stored:
        data = stored.read()
    assert b"<script" not in data and b"<html" not in data


def test_html_dressed_as_an_image_is_refused(editor_admin):
    page = b"<!doctype html><script>alert(1)</script>" + encoded("PNG")

    response = add_story(editor_admin, upload("picture.png", page, "image/png"))

    assert_refused(response, "Upload a JPEG, PNG or WebP image")


def test_a_truncated_image_is_refused(editor_admin):
    data = encoded("JPEG", size=(800, 600))

    response = add_story(editor_admin, upload("cut.jpg", data[: len(data) // 2]))

    assert_refused(response, "This file is not one, or it is damaged")


@pytest.mark.parametrize("image_format", ["TIFF", "BMP", "GIF", "ICO"])
def test_other_formats_renamed_to_jpg_are_refused(editor_admin, image_format):
    response = add_story(editor_admin, upload("photo.jpg", encoded(image_format, size=(64, 64))))

    assert_refused(response, "Upload a JPEG, PNG or WebP image")


def test_a_photoshop_file_renamed_to_jpg_is_refused(editor_admin):
    # The header of a PSD: signature, version 1, 3 channels, 64×64, 8 bits, RGB.
    psd = b"8BPS\x00\x01" + b"\x00" * 6 + struct.pack(">HIIHH", 3, 64, 64, 8, 3) + b"\x00" * 64

    response = add_story(editor_admin, upload("photo.jpg", psd))

    assert_refused(response, "Upload a JPEG, PNG or WebP image")


@pytest.fixture(scope="module")
def pixel_bomb() -> bytes:
    buffer = io.BytesIO()
    Image.new("1", (10_000, 10_000)).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def test_a_small_png_of_100_megapixels_is_refused_with_a_clear_message(editor_admin, pixel_bomb):
    assert len(pixel_bomb) < 100_000

    response = add_story(editor_admin, upload("bomb.png", pixel_bomb, "image/png"))

    assert_refused(response, "This image has too many pixels: the limit is 40 megapixels")


def test_an_image_just_over_the_pixel_limit_is_refused_too(editor_admin, settings):
    settings.MAX_IMAGE_PIXELS = 100 * 100

    response = add_story(editor_admin, upload("big.png", encoded("PNG", size=(101, 100))))

    assert_refused(response, "This image has too many pixels")


def test_a_file_over_the_byte_limit_is_refused(editor_admin, settings):
    settings.MAX_IMAGE_UPLOAD_BYTES = 1024 * 1024
    noise = Image.frombytes("RGB", (1000, 1000), random.Random(4).randbytes(3_000_000))
    buffer = io.BytesIO()
    noise.save(buffer, "PNG")
    assert buffer.tell() > settings.MAX_IMAGE_UPLOAD_BYTES

    response = add_story(editor_admin, upload("large.png", buffer.getvalue(), "image/png"))

    assert_refused(response, "This image is too large: the limit is 1 MB")


def test_images_saved_outside_forms_are_cleaned_too():
    story = StoryFactory(
        image=upload("Jane Doe.jpg", jpeg_with_metadata()), image_alt="A house front"
    )

    with default_storage.open(story.image.name, "rb") as stored:
        assert SECRET not in stored.read()
    assert "jane" not in story.image.name.lower()


def test_taking_a_story_down_deletes_its_image_and_renditions(
    moderator, django_capture_on_commit_callbacks
):
    story = StoryFactory(published=True, image=upload("a.jpg", encoded("JPEG")), image_alt="A")
    other = StoryFactory(published=True, image=upload("b.jpg", encoded("JPEG")), image_alt="B")
    urls = [rendition(story.image, width)["url"] for width in RENDITION_WIDTHS]
    kept = rendition(other.image, 320)["url"]
    names = [story.image.name] + [url.removeprefix(default_storage.base_url) for url in urls]
    assert all(default_storage.exists(name) for name in names)

    with django_capture_on_commit_callbacks(execute=True):
        story.take_down(moderator, comment="The photo shows a survivor's face.")

    assert not any(default_storage.exists(name) for name in names)
    story.refresh_from_db()
    assert not story.image
    assert default_storage.exists(other.image.name)
    assert default_storage.exists(kept.removeprefix(default_storage.base_url))


def test_every_error_on_the_story_form_is_a_sentence_next_to_its_field(editor_admin):
    StoryFactory(slug="taken")

    response = add_story(
        editor_admin,
        upload("photo.jpg", encoded("JPEG")),
        slug="taken",
        image_alt="",
        source_url="not a link",
        event_date="2025-02-30",
    )

    assert response.status_code == 200
    errors = errors_next_to_fields(response)
    assert set(errors) == {"slug", "image_alt", "source_url", "event_date", "image"}
    assert "needs alt text" in errors["image_alt"][0]
    # Nothing is stored from a page with errors, and a browser never sends a file twice.
    assert "Choose the file again" in errors["image"][0]
    assert "Constraint" not in response.text
    form = response.context["adminform"].form
    assert not form.non_field_errors()
    html = response.text
    for name in ("title", "source_name", "image_credit"):
        assert f'value="{TYPED[name]}"' in html, name
    assert 'value="not a link"' in html
    assert 'value="2025-02-30"' in html
