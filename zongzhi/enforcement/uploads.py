"""Checks of an uploaded proof of service: the extension, the content's own signature, the size, and the SHA-256
of what is stored (the file goes through Django storage, so S3 can replace the disk)."""

import hashlib
import os

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

SIGNATURES = {
    "pdf": lambda head: head.startswith(b"%PDF-"),
    "jpg": lambda head: head.startswith(b"\xff\xd8\xff"),
    "jpeg": lambda head: head.startswith(b"\xff\xd8\xff"),
    "png": lambda head: head.startswith(b"\x89PNG\r\n\x1a\n"),
}
DEFAULT_MAX_MB = 10


def check_proof(upload) -> tuple[str, str]:
    """(file name, SHA-256) of an acceptable upload; ValidationError keyed ``proof`` otherwise."""
    name = os.path.basename(upload.name or "")[:200]
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in SIGNATURES:
        raise ValidationError({"proof": _("%(name)s: only these types are accepted: %(types)s.") % {
            "name": name, "types": "、".join(SIGNATURES)}})
    limit = int(getattr(settings, "ENFORCEMENT_MAX_UPLOAD_MB", DEFAULT_MAX_MB)) * 1024 * 1024
    if upload.size > limit:
        raise ValidationError({"proof": _("%(name)s is larger than %(mb)d MB.") % {"name": name,
                                                                                "mb": limit // (1024 * 1024)}})
    if upload.size == 0:
        raise ValidationError({"proof": _("%(name)s is empty.") % {"name": name}})
    upload.seek(0)
    if not SIGNATURES[extension](upload.read(16)):
        raise ValidationError({"proof": _("%(name)s is not really a %(type)s file.") % {"name": name,
                                                                                     "type": extension}})
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return name, digest.hexdigest()
