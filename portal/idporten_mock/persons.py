"""BOOTSTRAP — replaced by the look-alike work."""


def staff_persons() -> list:
    return []
