"""Image uploads: strict validation, re-encoding without metadata, random names, renditions.

An uploaded photo can identify a person twice over: by what it shows and by what it carries
(EXIF GPS position, camera serial, XMP/IPTC captions, JPEG comments, the uploader's filename).
Only the pixels are kept: every upload is decoded and encoded again before it is stored.
"""

from __future__ import annotations

import io
import os
import uuid
import warnings

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

# Content decides the format: Pillow only tries these decoders, whatever the file is called.
ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP")
EXTENSIONS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}
RENDITION_WIDTHS = (320, 640, 1024)
RENDITION_DIR = "renditions"

# Pillow's own guard against decompression bombs, at the project's limit; tighter checks below.
Image.MAX_IMAGE_PIXELS = settings.MAX_IMAGE_PIXELS

INVALID_MESSAGE = "Upload a JPEG, PNG or WebP image. This file is not one, or it is damaged."


def image_upload_to(instance, filename: str) -> str:
    """Store uploads under a random name: the uploader's filename may identify a person."""
    extension = os.path.splitext(filename)[1].lower() or ".jpg"
    return f"images/{uuid.uuid4().hex}{extension}"


def _too_large(file) -> ValidationError | None:
    size = getattr(file, "size", None)
    if size is not None and size > settings.MAX_IMAGE_UPLOAD_BYTES:
        limit = settings.MAX_IMAGE_UPLOAD_BYTES / (1024 * 1024)
        return ValidationError(
            f"This image is too large: the limit is {limit:g} MB.", code="image_too_large"
        )
    return None


def _open_checked(file) -> Image.Image:
    """Open and fully decode an upload, or raise a ValidationError that says why not."""
    if error := _too_large(file):
        raise error
    file.seek(0)
    try:
        with warnings.catch_warnings():
            # Pillow only warns between MAX_IMAGE_PIXELS and twice that: refuse those too.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(file, formats=ACCEPTED_FORMATS)
            width, height = image.size
            if width * height > settings.MAX_IMAGE_PIXELS:
                raise Image.DecompressionBombError
            # Decoding every pixel finds truncated and corrupt files that the header hides.
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        megapixels = settings.MAX_IMAGE_PIXELS / 1_000_000
        raise ValidationError(
            f"This image has too many pixels: the limit is {megapixels:g} megapixels. "
            "Resize it and upload it again.",
            code="image_too_many_pixels",
        ) from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as error:
        raise ValidationError(INVALID_MESSAGE, code="invalid_image") from error
    finally:
        file.seek(0)
    return image


def validate_image(file) -> None:
    """Refuse anything that is not a complete JPEG, PNG or WebP image of a reasonable size."""
    _open_checked(file)


def _to_srgb(image: Image.Image) -> Image.Image:
    """Convert pixels described by an embedded colour profile to sRGB, so dropping it is safe."""
    icc = image.info.get("icc_profile")
    if not icc or image.mode not in ("RGB", "RGBA", "CMYK"):
        return image
    try:
        mode = "RGBA" if image.mode == "RGBA" else "RGB"
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        return ImageCms.profileToProfile(
            image, source, ImageCms.createProfile("sRGB"), outputMode=mode
        )
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image


def sanitized_image(file) -> ContentFile:
    """Return the upload re-encoded from its pixels alone, named with its real extension."""
    image = _open_checked(file)
    image_format = image.format
    # Apply the camera's rotation before the EXIF that records it is dropped.
    image = ImageOps.exif_transpose(image)
    image = _to_srgb(image)
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    if image_format == "JPEG":
        mode = "L" if image.mode in ("L", "1") else "RGB"
    else:
        mode = "RGBA" if has_alpha else ("L" if image.mode in ("L", "1") else "RGB")
    pixels = image.convert(mode)
    # A new image from raw pixels: no info dict, so no EXIF, XMP, IPTC, comments or text chunks.
    clean = Image.frombytes(mode, pixels.size, pixels.tobytes())
    buffer = io.BytesIO()
    if image_format == "JPEG":
        clean.save(buffer, "JPEG", quality=90, optimize=True)
    elif image_format == "PNG":
        clean.save(buffer, "PNG", optimize=True)
    else:
        clean.save(buffer, "WEBP", quality=90)
    return ContentFile(buffer.getvalue(), name=f"image{EXTENSIONS[image_format]}")


class SanitizedImageFormField(forms.ImageField):
    """A form ImageField whose errors say what is wrong: format, damage, bytes or pixels."""

    def to_python(self, data):
        file = forms.FileField.to_python(self, data)
        if file is None:
            return None
        image = _open_checked(file)
        file.image = image
        file.content_type = Image.MIME.get(image.format)
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
        return file


def rendition(image_field, width: int) -> dict | None:
    """Return url/width/height of a resized copy of an image, generating it once."""
    if not image_field:
        return None
    name = image_field.name
    stem = os.path.splitext(os.path.basename(name))[0]
    rendition_name = f"{RENDITION_DIR}/{stem}-{width}w.webp"
    if not default_storage.exists(rendition_name):
        try:
            with (
                image_field.open("rb") as source,
                Image.open(source, formats=ACCEPTED_FORMATS) as image,
            ):
                image = image.convert("RGB")
                if image.width > width:
                    height = round(image.height * width / image.width)
                    image = image.resize((width, height), Image.Resampling.LANCZOS)
                buffer = io.BytesIO()
                image.save(buffer, "WEBP", quality=82)
        except (OSError, ValueError, Image.DecompressionBombError):
            return None
        default_storage.save(rendition_name, ContentFile(buffer.getvalue()))
        size = image.size
    else:
        with default_storage.open(rendition_name, "rb") as stored, Image.open(stored) as image:
            size = image.size
    return {"url": default_storage.url(rendition_name), "width": size[0], "height": size[1]}


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
