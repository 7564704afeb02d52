"""Image uploads: validation with Pillow, random storage names and cached renditions."""

from __future__ import annotations

import io
import os
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, UnidentifiedImageError

ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP")
RENDITION_WIDTHS = (320, 640, 1024)


def image_upload_to(instance, filename: str) -> str:
    """Store uploads under a random name: the uploader's filename may identify a person."""
    extension = os.path.splitext(filename)[1].lower() or ".jpg"
    return f"images/{uuid.uuid4().hex}{extension}"


def validate_image(file) -> None:
    """Refuse anything that Pillow cannot open as one of the accepted formats."""
    size = getattr(file, "size", None)
    if size is not None and size > settings.MAX_IMAGE_UPLOAD_BYTES:
        limit = settings.MAX_IMAGE_UPLOAD_BYTES // (1024 * 1024)
        raise ValidationError(
            f"This image is too large: the limit is {limit} MB.", code="image_too_large"
        )
    try:
        file.seek(0)
        with Image.open(file, formats=ACCEPTED_FORMATS) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError(
            "Upload a JPEG, PNG or WebP image. This file is not one, or it is damaged.",
            code="invalid_image",
        ) from error
    finally:
        file.seek(0)


def rendition(image_field, width: int) -> dict | None:
    """Return url/width/height of a resized copy of an image, generating it once."""
    if not image_field:
        return None
    name = image_field.name
    stem = os.path.splitext(os.path.basename(name))[0]
    rendition_name = f"renditions/{stem}-{width}w.webp"
    if not default_storage.exists(rendition_name):
        try:
            with image_field.open("rb") as source, Image.open(source) as image:
                image = image.convert("RGB")
                if image.width > width:
                    height = round(image.height * width / image.width)
                    image = image.resize((width, height), Image.Resampling.LANCZOS)
                buffer = io.BytesIO()
                image.save(buffer, "WEBP", quality=82)
        except (OSError, ValueError):
            return None
        default_storage.save(rendition_name, ContentFile(buffer.getvalue()))
        size = image.size
    else:
        with default_storage.open(rendition_name, "rb") as stored, Image.open(stored) as image:
            size = image.size
    return {"url": default_storage.url(rendition_name), "width": size[0], "height": size[1]}
