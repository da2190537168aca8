"""Designsystemet markup for one form field: label, hint, input, error, in Python.

`templates/macros/forms.html` exports `field` as its `field` macro, so pages still write
`{{ field(form.phone, autocomplete="tel") }}`. It is written in Python because it is the
hottest code of every wizard page: a page has 8 to 25 fields, and each cost about 0.1 ms as a
Jinja macro calling a WTForms widget (bench/README.md); here it costs a fifth of that.

Text inputs, check boxes and radio buttons are written the way WTForms' own widgets write them
(same attributes, same order); tests/web/wizard/test_field_markup.py renders every page of
two whole applications both ways and compares them. Every other widget (select, textarea,
file, number) is WTForms' own.

Frames: a field's markup depends on its definition (label, hint, attributes, options, in the
page's language) and on the answer (the value, which options are checked). So a field without
errors is written once per definition into a frame, with a marker where the value goes and
each option written both unchecked and checked; each request only puts the escaped value in
and picks the options. The key is the definition by value (its texts, attributes and options;
a lazy string by its message, with the page's language, so it need not be translated to be
looked up), so a label set per request or another language gets a frame of its own. A field
with errors is written in full.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask_babel import LazyString
from markupsafe import Markup, escape
from wtforms import Field
from wtforms.widgets import CheckboxInput, Input, RadioInput
from wtforms.widgets.core import clean_key

from forms.i18n import current_language

# Fields shown as a fieldset of options, with a legend instead of a label.
GROUPS = frozenset({"RadioField", "CheckboxesField"})
# Widgets written here: those whose whole behaviour is Input.__call__ (plus "checked" for a
# check box), and the option widgets of radio buttons and check-box lists. Anything else is
# rendered by WTForms. (The markup test empties these to compare with WTForms' own output.)
PLAIN_INPUTS = {Input.__call__, CheckboxInput.__call__}
PLAIN_OPTIONS = (RadioInput, CheckboxInput)


def field(f: Field, hint: Any = None, **attrs: Any) -> Markup:
    """One field with its label, hint (`hint` or the field's description) and first error.

    The input gets aria-describedby (hint, error) and aria-invalid; radio buttons and
    check-box lists become a fieldset with a legend; a single check box comes before its
    label. Other keyword arguments go to the input, e.g. ``field(form.email,
    autocomplete="email")``.
    """
    hint = _hint_source(hint, f.description)
    if f.errors:
        return _written(f, hint, attrs)
    if f.type in GROUPS:
        if type(f.option_widget) not in PLAIN_OPTIONS:
            return _written(f, hint, attrs)
        options = list(f.iter_choices())
        key = _key(f, hint, attrs, tuple((c.value, _text_key(c.label)) for c in options))
        if key is None:
            return _written(f, hint, attrs)
        group = _FRAMES.get(key)
        if group is None:
            group = _remember(key, _group_frame(f, _text(hint), _text(f.label.text)))
        head, choices, tail = group
        picked = "".join(
            choice[bool(c.selected)] for choice, c in zip(choices, options, strict=True)
        )
        return Markup(f"{head}{picked}{tail}")
    key = _key(f, hint, attrs, ()) if _plain(f) else None
    if key is None:
        return _written(f, hint, attrs)
    frame = _FRAMES.get(key)
    if frame is None:
        frame = _remember(key, _input_frame(f, _text(hint), _text(f.label.text), attrs))
    if not frame:  # the value is written more than once: no frame for this one
        return _written(f, hint, attrs)
    pieces = frame[_checked(f)]
    if len(pieces) == 1:  # the value is fixed by the definition (render_kw)
        return Markup(pieces[0])
    return Markup(f"{pieces[0]}{_attribute(f._value())}{pieces[1]}")


def _hint_source(hint: Any, description: Any) -> Any:
    """`hint`, else the field's description, else "" (a lazy string is not translated here:
    its truth would translate it)."""
    for text in (hint, description):
        if isinstance(text, LazyString) or text:
            return text
    return ""


def _written(f: Field, hint: Any, attrs: dict[str, Any]) -> Markup:
    return _write(f, _text(hint), _text(f.label.text), attrs)


def _write(f: Field, hint: Markup, label: Markup, attrs: dict[str, Any], **value: Any) -> Markup:
    """The whole field, written out (``value``: see widget)."""
    id_ = escape(f.id)
    described = _described(id_, hint, f)
    invalid = "true" if f.errors else False
    if f.type in GROUPS:
        options = "".join(
            _option_div(*option)
            for option in _options(f, {"class": "ds-input", "aria-invalid": invalid})
        )
        return _fieldset(id_, described, label, hint, options, _error(id_, f))
    control = widget(
        f,
        class_="ds-input",
        aria_describedby=described or False,
        aria_invalid=invalid,
        **attrs,
        **value,
    )
    if f.type == "BooleanField":
        return Markup(
            f'<div class="ds-field">{control}<label for="{id_}">{label}</label>'
            f"{_hint(id_, hint)}{_error(id_, f)}</div>"
        )
    return Markup(
        f'<div class="ds-field"><label class="ds-label" for="{id_}">{label}</label>'
        f"{_hint(id_, hint)}{control}{_error(id_, f)}</div>"
    )


def _described(id_: Markup, hint: Markup, f: Field) -> str:
    """The ids aria-describedby names: the hint's and the error's, where there are any."""
    return " ".join(name for name, on in ((f"{id_}-hint", hint), (f"{id_}-error", f.errors)) if on)


def _option_div(option_id: str, text: Markup, option: Markup) -> str:
    return f'<div class="ds-field">{option}<label for="{escape(option_id)}">{text}</label></div>'


def _fieldset(
    id_: Markup, described: str, label: Markup, hint: Markup, options: str, error: str
) -> Markup:
    describe = f' aria-describedby="{described}"' if described else ""
    return Markup(
        f'<fieldset class="ds-fieldset"{describe}><legend class="ds-label">{label}</legend>'
        f"{_hint(id_, hint)}{options}{error}</fieldset>"
    )


# ---------------------------------------------------------------- frames (module docstring)

_FRAMES: dict[tuple[Any, ...], Any] = {}
FRAME_LIMIT = 4096  # definitions made per request (a label with a name in it) must not pile up
_VALUE = "\x1f"  # stands for the value in a frame: a control character no field writes


def _key(
    f: Field, hint: Any, attrs: dict[str, Any], options: tuple[Any, ...]
) -> tuple[Any, ...] | None:
    """Everything but the answer that the field's markup depends on; None when some of it
    cannot be a key (an unhashable attribute, a flag computed when written)."""
    flags = vars(f.flags)
    if any(callable(value) for value in flags.values()):
        return None
    key = (
        type(f),
        type(f.widget),
        f.id,
        f.name,
        current_language(),
        _text_key(hint),
        _text_key(f.label.text),
        tuple(attrs.items()),
        tuple((f.render_kw or {}).items()),
        tuple(flags.items()),
        options,
    )
    try:
        hash(key)
    except TypeError:
        return None
    return key


def _text_key(text: Any) -> tuple[Any, ...]:
    """A text as part of a key: a lazy string by its message and arguments (with the language
    in the key, that fixes its translation) without translating it; any other by value."""
    if type(text) is LazyString:
        return (text._func, text._args, tuple(text._kwargs.items()))
    return (type(text), text)


def _remember(key: tuple[Any, ...], frame: Any) -> Any:
    if len(_FRAMES) >= FRAME_LIMIT:
        _FRAMES.clear()
    _FRAMES[key] = frame
    return frame


def _plain(f: Field) -> bool:
    """Whether widget() writes this field's control itself (else WTForms does)."""
    return type(f.widget).__call__ in PLAIN_INPUTS and getattr(f, "_datalist", None) is None


def _checked(f: Field) -> bool:
    """Whether a single check box is checked (always False for other inputs)."""
    return isinstance(f.widget, CheckboxInput) and bool(getattr(f, "checked", f.data))


def _input_frame(
    f: Field, hint: Markup, label: Markup, attrs: dict[str, Any]
) -> tuple[list[str], ...]:
    """The field written unchecked and checked, each split where the value goes; empty when
    the value would go in more than one place."""
    written = tuple(
        _write(f, hint, label, attrs, value=_VALUE, checked=checked).split(_VALUE)
        for checked in (False, True)
    )
    return written if all(len(pieces) <= 2 for pieces in written) else ()


def _group_frame(f: Field, hint: Markup, label: Markup) -> tuple[str, list[tuple[str, str]], str]:
    """A fieldset's text before its options, each option (unchecked, checked), the text after."""
    id_ = escape(f.id)
    marker = "\x1e"
    head, tail = _fieldset(id_, _described(id_, hint, f), label, hint, marker, "").split(marker)
    attrs = {"class": "ds-input", "aria-invalid": False}
    unchecked, checked = (
        [_option_div(*option) for option in _options(f, attrs, checked=state)]
        for state in (False, True)
    )
    return head, list(zip(unchecked, checked, strict=True)), tail


def _label(choice: Any) -> Markup:
    return _text(choice.label) if choice.label is not None else Markup("")


# ---------------------------------------------------------------- controls


def anchor(f: Field) -> str:
    """Where the error summary links to for this field: the field, or for a fieldset (which
    cannot take focus) its first option, as _options names it."""
    return f"{f.id}-0" if f.type in GROUPS else f.id


def widget(f: Field, value: Any = None, checked: bool | None = None, **attrs: Any) -> Markup:
    """The field's control, as WTForms' `Meta.render_field` renders it (which calls this:
    forms/base.py), so `{{ form.version() }}` takes the fast path too. ``value`` and
    ``checked`` stand in for the answer's (for frames)."""
    params = _render_kw(f)
    params.update({clean_key(k): v for k, v in attrs.items()})
    if not _plain(f):
        return Markup(f.widget(f, **params))
    if _checked(f) if checked is None else checked:
        params.setdefault("checked", True)
    value = f._value() if value is None else value
    return _input(f.widget, f.id, f.name, value, _flags(f, f.widget), params)


def _options(
    f: Any, attrs: dict[str, Any], checked: bool | None = None
) -> Iterable[tuple[str, Markup, Markup]]:
    """(id, label, input) of each radio button or check box, as iterating the field makes them
    (``checked`` stands in for each option's own state, for frames)."""
    option_widget = f.option_widget
    if type(option_widget) not in PLAIN_OPTIONS:
        for option in f:  # a widget of our own: let WTForms build it
            yield option.id, _text(option.label.text), Markup(option(**attrs))
        return
    base = _render_kw(f)
    base.update(attrs)
    flags = _flags(f, option_widget)
    for i, choice in enumerate(f.iter_choices()):
        option_id = f"{f.id}-{i}"  # WTForms' own option ids (anchor() links to the first)
        params = dict(base)
        if choice.selected if checked is None else checked:
            params.setdefault("checked", True)
        text = _label(choice)
        yield (
            option_id,
            text or escape(choice.value),
            _input(option_widget, option_id, f.name, str(choice.value), flags, params),
        )


def _render_kw(f: Field) -> dict[str, Any]:
    """The field's own render_kw, keys cleaned as WTForms' Meta.render_field cleans them."""
    return {clean_key(k): v for k, v in (f.render_kw or {}).items()}


def _flags(f: Field, widget: Any) -> dict[str, Any]:
    """The field's validation flags the widget writes as attributes (required, maxlength...)."""
    found = {}
    for key, value in vars(f.flags).items():
        if key in widget.validation_attrs:
            found[key] = value() if callable(value) else value
    return found


def _input(
    widget: Any, id_: str, name: str, value: Any, flags: dict[str, Any], params: dict[str, Any]
) -> Markup:
    params.setdefault("id", id_)
    params.setdefault("type", widget.input_type)
    params.setdefault("value", value)
    for key, flag in flags.items():
        params.setdefault(key, flag)
    params["name"] = name
    return Markup(f"<input {attributes(params)}>")


def attributes(params: dict[str, Any]) -> str:
    """HTML attributes as WTForms' `html_params` writes them: sorted, True bare, False left out."""
    out = []
    for key, value in sorted(params.items()):
        if value is True:
            out.append(key)
        elif value is not False:
            out.append(f'{key}="{_attribute(value)}"')
    return " ".join(out)


def _attribute(value: Any) -> str:
    """An attribute's value, escaped as WTForms' `html_params` escapes it."""
    return str(escape(value)).replace(chr(34), "&quot;")


def _text(text: Any) -> Markup:
    """Escaped text; a lazy (translated) string is translated once (escape() alone asks it
    for __html__ first, which translates it, then translates it again)."""
    return text if isinstance(text, Markup) else escape(str(text))


def _hint(id_: Markup, hint: Markup) -> str:
    if not hint:
        return ""
    return f'<p class="ds-paragraph" data-field="description" id="{id_}-hint">{hint}</p>'


def _error(id_: Markup, f: Field) -> str:
    if not f.errors:
        return ""
    message = _text(f.errors[0])
    return (
        f'<p class="ds-validation-message" data-field="validation" id="{id_}-error">{message}</p>'
    )
