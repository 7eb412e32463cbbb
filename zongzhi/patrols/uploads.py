"""Checks of uploaded photos and files: the name's extension, the content's own signature (so a renamed
program is refused), the size, and the SHA-256 of what is stored."""

import hashlib
import os
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .choices import AttachmentKind

DEFAULT_MAX_UPLOAD_MB = 10
DEFAULT_MAX_FILES = 20

# extension -> (content type, signature test on the first bytes)
SIGNATURES = {
    "jpg": ("image/jpeg", lambda head: head.startswith(b"\xff\xd8\xff")),
    "jpeg": ("image/jpeg", lambda head: head.startswith(b"\xff\xd8\xff")),
    "png": ("image/png", lambda head: head.startswith(b"\x89PNG\r\n\x1a\n")),
    "pdf": ("application/pdf", lambda head: head.startswith(b"%PDF-")),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
             lambda head: head.startswith(b"PK\x03\x04")),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
             lambda head: head.startswith(b"PK\x03\x04")),
}
ALLOWED = {
    AttachmentKind.PHOTO: ("jpg", "jpeg", "png"),
    AttachmentKind.FILE: ("pdf", "jpg", "jpeg", "png", "docx", "xlsx"),
}


def max_upload_bytes():
    return int(getattr(settings, "PATROLS_MAX_UPLOAD_MB", DEFAULT_MAX_UPLOAD_MB)) * 1024 * 1024


def max_files():
    return int(getattr(settings, "PATROLS_MAX_FILES", DEFAULT_MAX_FILES))


@dataclass
class CheckedUpload:
    upload: object
    kind: str
    name: str
    content_type: str
    size: int
    sha256: str


def check_upload(upload, kind) -> CheckedUpload:
    """Return the checked upload, or raise ValidationError with a message naming the file."""
    name = os.path.basename(upload.name or "")[:200]
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    allowed = ALLOWED[kind]
    if extension not in allowed:
        raise ValidationError(_("%(name)s: only these types are accepted: %(types)s.") % {
            "name": name, "types": "、".join(allowed)}, code="type")
    limit = max_upload_bytes()
    if upload.size > limit:
        raise ValidationError(_("%(name)s is larger than %(mb)d MB.") % {"name": name, "mb": limit // (1024 * 1024)},
                              code="size")
    if upload.size == 0:
        raise ValidationError(_("%(name)s is empty.") % {"name": name}, code="empty")
    upload.seek(0)
    head = upload.read(16)
    content_type, test = SIGNATURES[extension]
    if not test(head):
        raise ValidationError(_("%(name)s is not really a %(type)s file.") % {"name": name, "type": extension},
                              code="content")
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return CheckedUpload(upload, kind, name, content_type, upload.size, digest.hexdigest())


def check_uploads(photos, files):
    """Check every upload; collect all problems into one ValidationError keyed by field."""
    errors = {}
    checked = []
    if len(photos) + len(files) > max_files():
        raise ValidationError({"files": _("At most %(n)d files at a time.") % {"n": max_files()}})
    for field, kind, uploads in (("photos", AttachmentKind.PHOTO, photos), ("files", AttachmentKind.FILE, files)):
        for upload in uploads:
            try:
                checked.append(check_upload(upload, kind))
            except ValidationError as error:
                errors.setdefault(field, []).extend(error.messages)
    if errors:
        raise ValidationError(errors)
    return checked
