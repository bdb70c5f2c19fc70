"""A council's logo: read with Pillow, bounded in size, re-encoded, and named by the server from its content.

Only PNG and JPEG are accepted. SVG is refused: it is a document that can carry script (`<animate
values="javascript:…">`, event handlers), and no filter of its markup is safe enough for a public page.
"""

from __future__ import annotations

import hashlib
import io
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile

LOGO_MAX_BYTES = 1024 * 1024
LOGO_MAX_PIXELS = 4000 * 4000  # read no bigger picture than this, whatever the file claims
LOGO_MAX_SIDE = 1200  # stored no wider or taller than this: the header shows it a few dozen pixels high
FORMATS = {"PNG": ("png", "PNG"), "JPEG": ("jpg", "JPEG")}  # Pillow's name → (extension, format to write)
NOT_AN_IMAGE = "The logo must be a PNG or JPEG image"


def logo_read(upload: UploadedFile, *, slug: str) -> ContentFile[bytes]:
    """The logo re-encoded as PNG or JPEG under a name the server chose; ValidationError says what is wrong."""
    from PIL import Image, UnidentifiedImageError

    if upload.size is not None and upload.size > LOGO_MAX_BYTES:
        raise ValidationError("The logo must be smaller than 1 MB")
    upload.seek(0)
    data = upload.read(LOGO_MAX_BYTES + 1)
    upload.seek(0)
    if len(data) > LOGO_MAX_BYTES:
        raise ValidationError("The logo must be smaller than 1 MB")
    if data.lstrip()[:5] in (b"<?xml", b"<svg ", b"<svg>", b"<!DOC") or b"<svg" in data[:1024]:
        raise ValidationError(
            f"{NOT_AN_IMAGE}. SVG files can carry scripts, so they are not accepted: save the logo as a PNG"
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=list(FORMATS))
            width, height = image.size
            if width * height > LOGO_MAX_PIXELS:
                raise ValidationError(
                    f"The logo is {width:,} × {height:,} pixels; use one no bigger than 4,000 × 4,000"
                )
            image.load()
    except ValidationError:
        raise
    except (
        UnidentifiedImageError,
        OSError,
        ValueError,
        SyntaxError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ):
        raise ValidationError(f"{NOT_AN_IMAGE} (this file is not one, or is damaged)") from None
    extension, write_as = FORMATS[str(image.format)]
    picture: Image.Image = image
    if max(picture.size) > LOGO_MAX_SIDE:
        picture.thumbnail((LOGO_MAX_SIDE, LOGO_MAX_SIDE))
    if write_as == "JPEG" and picture.mode not in ("RGB", "L"):
        picture = picture.convert("RGB")
    elif write_as == "PNG" and picture.mode not in ("RGB", "RGBA", "L", "LA", "P"):
        picture = picture.convert("RGBA")
    out = io.BytesIO()
    picture.save(out, format=write_as, **({"quality": 90} if write_as == "JPEG" else {"optimize": True}))
    content = out.getvalue()
    digest = hashlib.sha256(content).hexdigest()[:16]
    return ContentFile(content, name=f"{slug[:40]}-{digest}.{extension}")
