from django.core.exceptions import ValidationError

MAX_THUMBNAIL_BYTES = 1024 * 1024
THUMBNAIL_FORMATS = {"JPEG", "PNG", "WEBP"}


def validate_thumbnail(file) -> None:
    """A thumbnail is a real JPEG, PNG or WebP image of at most 1 Mo (checked from its content, not its name)."""
    if file.size > MAX_THUMBNAIL_BYTES:
        raise ValidationError("La vignette dépasse 1 Mo.")
    image = getattr(file, "image", None)
    if image is not None and image.format not in THUMBNAIL_FORMATS:
        raise ValidationError("La vignette doit être une image JPEG, PNG ou WebP.")
