"""Small valid files of each accepted type for tests (generated, nothing real)."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from ..demo import pdf_bytes, png_bytes


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def png(name="现场照片.png"):
    return upload(name, png_bytes(), "image/png")


def jpg(name="photo.jpg"):
    return upload(name, b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64 + b"\xff\xd9", "image/jpeg")


def pdf(name="询问笔录.pdf"):
    return upload(name, pdf_bytes("询问笔录"), "application/pdf")


def txt(name="说明.txt", text="当事人陈述：秸秆系本人焚烧。"):
    return upload(name, text.encode("utf-8"), "text/plain")


def mp4(name="执法记录仪.mp4"):
    return upload(name, b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 64, "video/mp4")


def mp3(name="录音.mp3"):
    return upload(name, b"ID3\x03\x00\x00\x00" + b"\x00" * 64, "audio/mpeg")


def office(name, member):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(member, "<xml/>")
        archive.writestr("[Content_Types].xml", "<Types/>")
    return upload(name, buffer.getvalue())


def exe(name="photo.jpg"):
    return upload(name, b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 120, "image/jpeg")
