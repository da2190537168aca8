"""Copy each msgid into its empty msgstr in the English catalogue (our msgids are English).

Run by `make extract-messages` after `pybabel update`; writes the file the way pybabel does
(no header, no locations, sorted), so a refresh gives a small diff. Fuzzy flags are dropped:
an English msgstr equal to its msgid is never a guess.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po


def fill(path: Path) -> int:
    """Fill the empty msgstrs of the catalogue at path; return how many were filled."""
    with path.open("rb") as handle:
        catalog = read_po(handle, locale="en")
    filled = 0
    for message in catalog:
        if not message.id:
            continue
        if message.pluralizable:
            if not all(message.string):
                message.string = (message.id[0], *[message.id[1]] * (len(message.string) - 1))
                filled += 1
        elif not message.string:
            message.string = message.id
            filled += 1
        message.flags.discard("fuzzy")
    with path.open("wb") as handle:
        write_po(handle, catalog, omit_header=True, ignore_obsolete=True)
    return filled


if __name__ == "__main__":
    for name in sys.argv[1:]:
        print(f"{name}: {fill(Path(name))} English messages filled in")
