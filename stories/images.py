"""Image uploads: strict validation, re-encoding without metadata, random names, renditions.

An uploaded photo can identify a person twice over: by what it shows and by what it carries
(EXIF GPS position, camera serial, XMP/IPTC captions, JPEG comments, the uploader's filename).
Only the pixels are kept: every upload is decoded and encoded again before it is stored.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import resource
import subprocess
import sys
import uuid
from functools import partial

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models, transaction
from PIL import Image

# Content decides the format: Pillow only tries these decoders, whatever the file is called.
ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP")
EXTENSIONS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}
RENDITION_WIDTHS = (320, 640, 1024)
RENDITION_DIR = "renditions"
# A missing rendition is queued at most once in this many seconds.
RENDITION_QUEUE_SECONDS = 60

IMAGING = os.path.join(os.path.dirname(os.path.abspath(__file__)), "imaging.py")

logger = logging.getLogger("stories.images")

INVALID_MESSAGE = "Upload a JPEG, PNG or WebP image. This file is not one, or it is damaged."


def image_upload_to(instance, filename: str) -> str:
    """Store uploads under a random name: the uploader's filename may identify a person."""
    extension = os.path.splitext(filename)[1].lower() or ".jpg"
    return f"images/{uuid.uuid4().hex}{extension}"


def _too_large(size: int | None) -> ValidationError | None:
    if size is not None and size > settings.MAX_IMAGE_UPLOAD_BYTES:
        limit = settings.MAX_IMAGE_UPLOAD_BYTES / (1024 * 1024)
        return ValidationError(
            f"This image is too large: the limit is {limit:g} MB.", code="image_too_large"
        )
    return None


def _run(command: str, args: list, data: bytes) -> tuple[dict, list[bytes]]:
    """Run stories/imaging.py on data in a process of its own with a memory and time limit."""
    limit = settings.IMAGE_PROCESS_MEMORY_MB * 1024 * 1024

    def limit_memory():  # runs in the child, before it starts Python
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    try:
        # -I: no environment variables, user site or working directory shape the child.
        result = subprocess.run(  # noqa: S603 - our own script, arguments are numbers
            [sys.executable, "-I", IMAGING, command, *map(str, args)],
            input=data,
            capture_output=True,
            timeout=settings.IMAGE_PROCESS_SECONDS,
            preexec_fn=limit_memory,  # noqa: PLW1509 - only setrlimit, no locks taken
            check=False,
        )
        head, _, body = result.stdout.partition(b"\n")
        header = json.loads(head)
    except subprocess.TimeoutExpired:
        return {"error": "image_too_much_memory"}, []
    except ValueError:
        # No answer: killed for its memory, or crashed. Fail closed.
        logger.warning("Image process failed (%s): %s", result.returncode, result.stderr[-500:])
        return {"error": "image_too_much_memory"}, []
    files, offset = [], 0
    for length in header.pop("lengths", []):
        files.append(body[offset : offset + length])
        offset += length
    return header, files


def _refusal(code: str) -> ValidationError:
    if code == "image_too_many_pixels":
        megapixels = settings.MAX_IMAGE_PIXELS / 1_000_000
        message = (
            f"This image has too many pixels: the limit is {megapixels:g} megapixels. "
            "Resize it and upload it again."
        )
    elif code == "image_aspect_ratio":
        ratio = settings.MAX_IMAGE_ASPECT_RATIO
        message = (
            f"This image is too long and thin to show: one side may be at most {ratio:g} times "
            "the other. Crop it and upload it again."
        )
    elif code == "image_too_much_memory":
        message = (
            "This image could not be processed within the server's limits. "
            "Resize it or save it in another format and upload it again."
        )
    else:
        code, message = "invalid_image", INVALID_MESSAGE
    return ValidationError(message, code=code)


def sanitized_image(file) -> ContentFile:
    """Return the upload re-encoded from its pixels alone, named with its real extension.

    Decoding happens in a process of its own (stories/imaging.py), never in this one; the
    result is kept on the upload, so the form, the model's validator and the save decode once.
    """
    cached = getattr(file, "sanitized", None)
    if cached is not None:
        return cached
    if error := _too_large(getattr(file, "size", None)):
        raise error
    file.seek(0)
    data = file.read(settings.MAX_IMAGE_UPLOAD_BYTES + 1)
    file.seek(0)
    if error := _too_large(len(data)):
        raise error
    header, files = _run(
        "sanitize", [settings.MAX_IMAGE_PIXELS, settings.MAX_IMAGE_ASPECT_RATIO], data
    )
    if "error" in header:
        raise _refusal(header["error"])
    image_format = header["format"]
    clean = ContentFile(files[0], name=f"image{EXTENSIONS[image_format]}")
    clean.image_format = image_format
    with contextlib.suppress(AttributeError):  # a file object that takes no attributes
        file.sanitized = clean
    return clean


def validate_image(file) -> None:
    """Refuse anything that is not a complete JPEG, PNG or WebP image of a reasonable size."""
    if getattr(file, "_committed", False):
        return  # stored already, so sanitised when it was uploaded
    sanitized_image(getattr(file, "file", None) or file)


class SanitizedImageFormField(forms.ImageField):
    """A form ImageField whose errors say what is wrong: format, damage, bytes or pixels."""

    def to_python(self, data):
        file = forms.FileField.to_python(self, data)
        if file is None:
            return None
        clean = sanitized_image(file)
        file.content_type = Image.MIME.get(clean.image_format)
        return file

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.FileInput) and "accept" not in widget.attrs:
            attrs["accept"] = "image/jpeg,image/png,image/webp"
        return attrs


class SanitizedImageField(models.ImageField):
    """An ImageField that stores a metadata-free re-encoding of each new upload."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": SanitizedImageFormField, **kwargs})

    def pre_save(self, model_instance, add):
        file = getattr(model_instance, self.attname)
        if file and not file._committed:
            clean = sanitized_image(file.file)
            file.save(clean.name, clean, save=False)
            transaction.on_commit(partial(queue_renditions, file.name), robust=True)
        return file


def rendition_name(name: str, width: int) -> str:
    stem = os.path.splitext(os.path.basename(name))[0]
    return f"{RENDITION_DIR}/{stem}-{width}w.webp"


def build_renditions(name: str) -> list[str]:
    """Make the missing resized copies of a stored image (in a process of its own); return them."""
    missing = [w for w in RENDITION_WIDTHS if not default_storage.exists(rendition_name(name, w))]
    if not missing or not default_storage.exists(name):
        return []
    with default_storage.open(name, "rb") as source:
        data = source.read()
    header, files = _run("renditions", missing, data)
    if "error" in header or len(files) != len(missing):
        logger.warning("No renditions of %s: %s", name, header.get("error", "no answer"))
        return []
    return [
        default_storage.save(rendition_name(name, width), ContentFile(file))
        for width, file in zip(missing, files, strict=True)
    ]


def queue_renditions(name: str) -> None:
    """Have the task queue make an image's renditions (in-process when there is no broker)."""
    from stories.tasks import make_renditions

    # One request asks for them; the others show the image as it is meanwhile.
    if not cache.add(f"renditions-queued:{name}", True, RENDITION_QUEUE_SECONDS):
        return
    try:
        make_renditions.delay(name)
    except Exception:  # noqa: BLE001 - the broker is down: pages show the image as it is
        logger.exception("Renditions of %s could not be queued.", name)


def _stored_size(name: str) -> tuple[int, int] | None:
    """An image's size from its header alone, without decoding a pixel."""
    try:
        with default_storage.open(name, "rb") as stored, Image.open(stored) as image:
            return image.size
    except (OSError, ValueError, Image.DecompressionBombError):
        return None


def rendition(image_field, width: int) -> dict | None:
    """Return url/width/height of a resized copy of an image; None until it has been made.

    A page never decodes an image: a missing rendition is queued for the task queue.
    """
    if not image_field:
        return None
    name = rendition_name(image_field.name, width)
    if not default_storage.exists(name):
        queue_renditions(image_field.name)
        if not default_storage.exists(name):
            return None
    size = _stored_size(name)
    if size is None:
        return None
    return {"url": default_storage.url(name), "width": size[0], "height": size[1]}


def original(image_field) -> dict | None:
    """url/width/height of the stored image itself, for pages while its renditions are made."""
    size = _stored_size(image_field.name) if image_field else None
    if size is None:
        return None
    return {"url": image_field.url, "width": size[0], "height": size[1]}


def delete_image_files(name: str) -> list[str]:
    """Delete a stored image and every rendition made from it; return the names deleted."""
    if not name:
        return []
    deleted = []
    stem = os.path.splitext(os.path.basename(name))[0]
    try:
        _, rendition_names = default_storage.listdir(RENDITION_DIR)
    except FileNotFoundError:
        rendition_names = []
    candidates = [name] + [
        f"{RENDITION_DIR}/{other}" for other in rendition_names if other.startswith(f"{stem}-")
    ]
    for candidate in candidates:
        if default_storage.exists(candidate):
            default_storage.delete(candidate)
            deleted.append(candidate)
    return deleted
