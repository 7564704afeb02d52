"""Decode and encode images in a short-lived process of their own, with a memory limit.

A few hundred kilobytes of PNG can decode into hundreds of megabytes of pixels, and a web or
task worker that once held them keeps most of that memory for the rest of its life. Pixels are
therefore only ever decoded here: `stories.images` runs this file as a separate Python process
(no Django, only Pillow) with an address-space limit, hands it the file on stdin and reads the
result from stdout. When the process ends, its memory goes back to the system.

    python imaging.py sanitize MAX_PIXELS MAX_RATIO   < upload    -> header line, clean file
    python imaging.py renditions WIDTH [WIDTH ...]    < image     -> header line, WebP files

The header line is JSON: {"format", "width", "height", "lengths"} or {"error": code}.
"""

from __future__ import annotations

import io
import json
import sys
import warnings

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP")


class Refused(Exception):
    """The image is not accepted; the argument is the error code the caller turns into words."""


def open_checked(data: bytes, max_pixels: int, max_ratio: float) -> Image.Image:
    """Check the header's dimensions, then decode every pixel (which finds damaged files)."""
    Image.MAX_IMAGE_PIXELS = max_pixels
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=ACCEPTED_FORMATS)
            width, height = image.size
            # Both from the header alone, before a single pixel is decoded.
            if width * height > max_pixels:
                raise Refused("image_too_many_pixels")
            if max(width, height) > max_ratio * max(min(width, height), 1):
                raise Refused("image_aspect_ratio")
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise Refused("image_too_many_pixels") from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as error:
        raise Refused("invalid_image") from error
    return image


def to_srgb(image: Image.Image) -> Image.Image:
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


def sanitize(data: bytes, max_pixels: int, max_ratio: float) -> tuple[dict, list[bytes]]:
    """The image re-encoded from its pixels alone: no EXIF, XMP, IPTC, ICC text or comments."""
    image = open_checked(data, max_pixels, max_ratio)
    del data
    image_format = image.format
    # Apply the camera's rotation before the EXIF that records it is dropped.
    image = ImageOps.exif_transpose(image)
    image = to_srgb(image)
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    if image_format == "JPEG":
        mode = "L" if image.mode in ("L", "1") else "RGB"
    else:
        mode = "RGBA" if has_alpha else ("L" if image.mode in ("L", "1") else "RGB")
    if image.mode != mode:
        image = image.convert(mode)
    # A new image from raw pixels: no info dict, so no EXIF, XMP, IPTC, comments or text chunks.
    size = image.size
    raw = image.tobytes()
    del image
    clean = Image.frombytes(mode, size, raw)
    del raw
    buffer = io.BytesIO()
    if image_format == "JPEG":
        clean.save(buffer, "JPEG", quality=90, optimize=True)
    elif image_format == "PNG":
        # Not optimize=True: it takes seconds on a large image for a few per cent.
        clean.save(buffer, "PNG")
    else:
        clean.save(buffer, "WEBP", quality=90)
    header = {"format": image_format, "width": size[0], "height": size[1]}
    return header, [buffer.getvalue()]


def renditions(data: bytes, widths: list[int]) -> tuple[dict, list[bytes]]:
    """WebP copies no wider than each width (never upscaled), decoded at the smallest scale."""
    image = Image.open(io.BytesIO(data), formats=ACCEPTED_FORMATS)
    # JPEG decodes at 1/2, 1/4 or 1/8 of its size when that is still wide enough.
    largest = max(widths)
    image.draft("RGB", (largest, max(1, round(image.height * largest / image.width))))
    image = image.convert("RGB")
    files, sizes = [], []
    for width in sorted(widths, reverse=True):
        if image.width > width:
            height = max(1, round(image.height * width / image.width))
            image = image.resize((width, height), Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        image.save(buffer, "WEBP", quality=82)
        files.append(buffer.getvalue())
        sizes.append(image.size)
    return {"sizes": sizes[::-1]}, files[::-1]


def main(argv: list[str]) -> int:
    command, *args = argv
    data = sys.stdin.buffer.read()
    try:
        if command == "sanitize":
            header, files = sanitize(data, int(args[0]), float(args[1]))
        elif command == "renditions":
            header, files = renditions(data, [int(width) for width in args])
        else:
            return 2
    except Refused as refusal:
        header, files = {"error": str(refusal)}, []
    except MemoryError:
        header, files = {"error": "image_too_much_memory"}, []
    header["lengths"] = [len(file) for file in files]
    out = sys.stdout.buffer
    out.write(json.dumps(header).encode() + b"\n")
    for file in files:
        out.write(file)
    out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
