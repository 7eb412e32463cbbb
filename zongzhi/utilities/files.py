"""Stored files and their recorded SHA-256: every ``FileField`` of the project keeps the hash of what it wrote in a
field beside it (``sha256`` for a field named ``file``, else ``<field>_sha256``)."""

import hashlib

from django.apps import apps
from django.db import models


def hash_stored(field_file, chunk_size=1024 * 1024) -> str:
    """The SHA-256 of what storage holds now (``FileNotFoundError`` when it holds nothing)."""
    digest = hashlib.sha256()
    with field_file.storage.open(field_file.name, "rb") as handle:
        for chunk in iter(lambda: handle.read(chunk_size), b""):
            digest.update(chunk)
    return digest.hexdigest()


def hash_field_name(field) -> str:
    return "sha256" if field.name == "file" else f"{field.name}_sha256"


def stored_file_fields():
    """(model, file field, name of its hash field) for every stored file of every installed model."""
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField):
                yield model, field, hash_field_name(field)
