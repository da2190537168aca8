"""Where uploaded documents' bytes live: one small interface, a local-directory implementation.

Keys are random and chosen here; a file's own name is never part of a path. The default
directory (instance/documents) is outside the web root, so nothing is reachable except
through the access-checked download view. Object storage or a shared volume can implement
the same interface.
"""

from __future__ import annotations

import os
import re
import secrets
import tempfile
from pathlib import Path
from typing import BinaryIO, Protocol

from flask import Flask, current_app

EXTENSION_KEY = "document_storage"
KEY = re.compile(r"^[0-9a-f]{32}$")


class Storage(Protocol):
    """Put bytes under a new random key, open them, delete them."""

    def put(self, data: bytes) -> str:
        """Store the bytes; returns the new key."""
        ...

    def open(self, key: str) -> BinaryIO:
        """The stored bytes as a binary file; the caller closes it. KeyError when missing."""
        ...

    def delete(self, key: str) -> None:
        """Remove the bytes; a missing key is not an error."""
        ...


class LocalStorage:
    """Files in a directory, in 256 subfolders by the key's first two characters."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def path(self, key: str) -> Path:
        """Where a key's bytes are (the key is checked, so no other path can be reached)."""
        if not KEY.match(key):
            raise KeyError(key)
        return self.root / key[:2] / key

    def put(self, data: bytes) -> str:
        key = secrets.token_hex(16)
        target = self.path(key)
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        # Write to a temporary file and rename: a crash never leaves half a file under the key.
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".upload-")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return key

    def open(self, key: str) -> BinaryIO:
        try:
            return self.path(key).open("rb")
        except FileNotFoundError:
            raise KeyError(key) from None

    def delete(self, key: str) -> None:
        self.path(key).unlink(missing_ok=True)


def for_app(app: Flask) -> Storage:
    """The app's document storage: DOCUMENT_STORAGE_DIR, else instance/documents."""
    found = app.extensions.get(EXTENSION_KEY)
    if found is None:
        root = app.config.get("DOCUMENT_STORAGE_DIR") or Path(app.instance_path) / "documents"
        found = app.extensions[EXTENSION_KEY] = LocalStorage(Path(root))
    return found


def current() -> Storage:
    """The current app's document storage."""
    return for_app(current_app)
