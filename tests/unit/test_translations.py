"""The catalogues are complete and current: every string in bokmål, nynorsk and English.

When a test here fails after you changed or added a string: run `make extract-messages`, then
fill in the empty msgstr entries in translations/nb and translations/nn (en fills itself).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_keywords, parse_mapping_cfg
from babel.messages.pofile import read_po

from portal.config import LANGUAGES

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "translations"
PLACEHOLDER = re.compile(r"%\((\w+)\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrs]|\{(\w*)\}")


def _key(message_id: str | tuple[str, ...], context: str | None) -> tuple[str | None, ...]:
    ids = (message_id,) if isinstance(message_id, str) else tuple(message_id)
    return (context, *ids)


def _read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def _messages(catalog: Catalog) -> list[Message]:
    return [message for message in catalog if message.id]


def _keywords() -> dict[str, object]:
    """Babel's defaults plus the -k options of `make extract-messages` (one source of truth)."""
    makefile = (ROOT / "Makefile").read_text()
    recipe = makefile.split("\nextract-messages:", 1)[1].split("\n\n", 1)[0]
    return {**DEFAULT_KEYWORDS, **parse_keywords(re.findall(r"-k (\S+)", recipe))}


def _placeholders(text: str) -> list[str]:
    return sorted(named or braced for named, braced in PLACEHOLDER.findall(text))


def test_messages_pot_is_up_to_date() -> None:
    with (TRANSLATIONS / "babel.cfg").open() as config:
        method_map, options_map = parse_mapping_cfg(config)
    extracted = {
        _key(message, context)
        for _file, _line, message, _comments, context in extract_from_dir(
            ROOT, method_map, options_map, keywords=_keywords()
        )
    }
    in_pot = {_key(m.id, m.context) for m in _messages(_read(TRANSLATIONS / "messages.pot"))}
    assert not extracted - in_pot, "new strings: run `make extract-messages`, then translate"
    assert not in_pot - extracted, "strings no longer used: run `make extract-messages`"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalogue_matches_the_template(lang: str) -> None:
    template = {_key(m.id, m.context) for m in _messages(_read(TRANSLATIONS / "messages.pot"))}
    catalog = _read(TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po", lang)
    assert {_key(m.id, m.context) for m in _messages(catalog)} == template


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_message_is_translated(lang: str) -> None:
    catalog = _read(TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po", lang)
    untranslated = [
        m.id
        for m in _messages(catalog)
        if "fuzzy" in m.flags or not all(m.string if m.pluralizable else [m.string])
    ]
    assert untranslated == [], f"fill in these msgstr in {lang} (and drop any fuzzy flag)"


def test_english_is_the_msgid() -> None:
    catalog = _read(TRANSLATIONS / "en" / "LC_MESSAGES" / "messages.po", "en")
    for message in _messages(catalog):
        expected = tuple(message.id) if message.pluralizable else message.id
        got = tuple(message.string) if message.pluralizable else message.string
        assert got == expected, message.id


@pytest.mark.parametrize("lang", LANGUAGES)
def test_placeholders_match(lang: str) -> None:
    catalog = _read(TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po", lang)
    for message in _messages(catalog):
        if message.pluralizable:
            source = _placeholders(message.id[1])
            pairs = [(source, _placeholders(text)) for text in message.string]
            # The singular form may leave out the count ("one section is left").
            pairs[0] = (_placeholders(message.id[0]), _placeholders(message.string[0]))
        else:
            pairs = [(_placeholders(message.id), _placeholders(message.string))]
        for expected, got in pairs:
            assert got == expected, f"{lang}: {message.id!r}"


def test_placeholder_pattern() -> None:
    assert _placeholders("%(date)s and %(num)d, {name}, 200 per cent") == ["date", "name", "num"]
