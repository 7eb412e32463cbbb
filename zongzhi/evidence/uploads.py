"""Checks of evidence files: the extension, the content's own signature (so a renamed program is refused), the
size limit (``EVIDENCE_MAX_FILE_MB``, default 50), and the SHA-256 computed while the file streams into storage."""

import codecs
import hashlib
import os
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.utils.translation import gettext as _

DEFAULT_MAX_FILE_MB = 50
HEAD_BYTES = 4096
ZIP_MAGIC = b"PK\x03\x04"


def _is_mp3(head):
    return head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0)


def _is_text(head):
    if b"\x00" in head:
        return False
    for encoding in ("utf-8", "gb18030"):
        try:
            codecs.getincrementaldecoder(encoding)().decode(head, final=False)
            return True
        except UnicodeDecodeError:
            continue
    return False


def _zip_member(upload, member):
    """Whether the upload is a zip archive holding ``member`` (a real .docx or .xlsx)."""
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            return member in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        upload.seek(0)


# extension -> (content type, test of the first bytes, optional deeper test)
TYPES = {
    "jpg": ("image/jpeg", lambda h: h.startswith(b"\xff\xd8\xff"), None),
    "jpeg": ("image/jpeg", lambda h: h.startswith(b"\xff\xd8\xff"), None),
    "png": ("image/png", lambda h: h.startswith(b"\x89PNG\r\n\x1a\n"), None),
    "pdf": ("application/pdf", lambda h: h.startswith(b"%PDF-"), None),
    "mp4": ("video/mp4", lambda h: h[4:8] == b"ftyp", None),
    "mp3": ("audio/mpeg", _is_mp3, None),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
             lambda h: h.startswith(ZIP_MAGIC), lambda u: _zip_member(u, "word/document.xml")),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
             lambda h: h.startswith(ZIP_MAGIC), lambda u: _zip_member(u, "xl/workbook.xml")),
    "txt": ("text/plain", _is_text, None),
}
PROGRAM_SIGNATURES = (b"MZ", b"\x7fELF", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe", b"#!")


def allowed_extensions():
    return tuple(TYPES)


def max_file_bytes():
    return int(getattr(settings, "EVIDENCE_MAX_FILE_MB", DEFAULT_MAX_FILE_MB)) * 1024 * 1024


@dataclass
class CheckedFile:
    upload: object
    name: str
    extension: str
    content_type: str
    size: int


def check_file(upload) -> CheckedFile:
    """The checked upload, or a ValidationError whose message names the file."""
    name = os.path.basename(getattr(upload, "name", "") or "").strip()[:200] or "file"
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in TYPES:
        raise ValidationError(_("%(name)s: only these file types are accepted: %(types)s.") % {
            "name": name, "types": "、".join(TYPES)}, code="type")
    size = upload.size
    limit = max_file_bytes()
    if size > limit:
        raise ValidationError(_("%(name)s is larger than %(mb)d MB.") % {"name": name, "mb": limit // (1024 * 1024)},
                              code="size")
    if not size:
        raise ValidationError(_("%(name)s is empty.") % {"name": name}, code="empty")
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    if head.startswith(PROGRAM_SIGNATURES):
        raise ValidationError(_("%(name)s is a program, not a %(type)s file: refused.") % {
            "name": name, "type": extension}, code="program")
    content_type, test, deep = TYPES[extension]
    if not test(head) or (deep is not None and not deep(upload)):
        raise ValidationError(_("%(name)s is not really a %(type)s file: its content does not match its name.") % {
            "name": name, "type": extension}, code="content")
    return CheckedFile(upload, name, extension, content_type, size)


def check_files(files) -> list[CheckedFile]:
    """Check every upload; all problems in one ValidationError keyed ``files``."""
    checked, errors = [], []
    for upload in files:
        try:
            checked.append(check_file(upload))
        except ValidationError as error:
            errors.extend(error.messages)
    if errors:
        raise ValidationError({"files": errors})
    return checked


class HashingFile(File):
    """A file whose SHA-256 and length are computed as storage reads it (one pass, any storage backend)."""

    def __init__(self, file, name=None):
        super().__init__(file, name)
        self._reset()

    def _reset(self):
        self.digest = hashlib.sha256()
        self.bytes_read = 0

    def seek(self, offset, whence=0):
        if offset == 0 and whence == 0:
            self._reset()
        return self.file.seek(offset, whence)

    def read(self, *args):
        data = self.file.read(*args)
        self.digest.update(data)
        self.bytes_read += len(data)
        return data

    @property
    def sha256(self):
        return self.digest.hexdigest()
