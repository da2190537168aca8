"""The built-in ID-porten look-alike. BOOTSTRAP — being replaced by the look-alike work."""

from flask import Flask


def init_app(app: Flask) -> None:
    pass
