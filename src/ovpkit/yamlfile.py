"""Reading YAML files of records so that every error names the file, record and field.

The knowledge base, the indicator catalogue and an office's monitoring records are
all YAML mappings of collection names to lists of records. Validation happens record
by record, so the message can say "records.yaml, record budget #3 (line 41), field
'amount': ..." instead of pydantic's nested dump. One reader serves them all.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from ovpkit.errors import OvpkitError
from ovpkit.i18n import N_, _
from ovpkit.textfile import read_text
from ovpkit.validation_messages import summary

M = TypeVar("M", bound=BaseModel)

#: LibYAML's parser when PyYAML was built with it (ten times faster), else pure Python.
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_mapping(
    text: str, file: str, error: type[OvpkitError], *, example_keys: str = "'indicators:'"
) -> tuple[dict[str, Any], yaml.Node | None]:
    """Parse ``text`` as a YAML mapping; return it with its node tree (for line numbers)."""
    try:
        node = yaml.compose(text, Loader=Loader)
        document = yaml.load(text, Loader=Loader)
    except yaml.YAMLError as exc:
        raise error(
            yaml_problem(exc),
            file=file,
            hint=_("check the indentation and the quotes around that line"),
        ) from exc
    if document is None:
        return {}, None
    if not isinstance(document, dict):
        raise error(
            _(
                "the file must be a mapping of collection names to lists (keys such as {keys})"
            ).format(keys=example_keys),
            file=file,
            hint=_("start the file with a key followed by a colon, as in the examples"),
        )
    return document, node


def read_file(path: Path, error: type[OvpkitError]) -> tuple[dict[str, Any], yaml.Node | None]:
    """Read and parse ``path``; a missing or unreadable file raises ``error``."""
    text = read_text(path, error, missing=_("file not found"), missing_hint=_("check the path"))
    return read_mapping(text, str(path), error)


def item_lines(root: yaml.Node | None, key: str) -> list[int]:
    """Line (1-based) where each item of the list under ``key`` starts."""
    if not isinstance(root, yaml.MappingNode):
        return []
    for key_node, value_node in root.value:
        if key_node.value == key and isinstance(value_node, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value_node.value]
    return []


def validate_list(
    model: type[M],
    raw: Any,
    *,
    key: str,
    file: str,
    lines: Sequence[int],
    error: type[OvpkitError],
    hint: str | None = None,
) -> tuple[M, ...]:
    """Validate each item of ``raw`` (the list under ``key``) as ``model``."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise error(
            _("'{key}' must be a list of records (items starting with '-')").format(key=key),
            file=file,
        )
    return tuple(
        validate_one(model, item, key=key, index=i, file=file, lines=lines, error=error, hint=hint)
        for i, item in enumerate(raw)
    )


def validate_one(
    model: type[M],
    raw: Any,
    *,
    key: str,
    index: int,
    file: str,
    lines: Sequence[int],
    error: type[OvpkitError],
    hint: str | None = None,
) -> M:
    """Validate one record; the error names it by position, id and line, and every field."""
    record_id = (
        (raw.get("id") or raw.get("slug") or raw.get("name")) if isinstance(raw, dict) else None
    )
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        field, message = summary(exc)
        raise error(
            message,
            file=file,
            record=record_label(key, index, record_id, lines),
            field=field,
            hint=hint or _("fix this {key} record").format(key=key),
        ) from exc


def record_label(key: str, index: int, record_id: Any, lines: Sequence[int]) -> str:
    """ "budget #1 'x' (line 13)": the collection, position, id and line of a record."""
    label = f"{key} #{index + 1}" + (f" '{record_id}'" if record_id else "")
    if index < len(lines):
        label += " " + _("(line {n})").format(n=lines[index])
    return label


def yaml_problem(exc: yaml.YAMLError) -> str:
    """A YAML syntax error in words: what is wrong, and on which line."""
    mark = getattr(exc, "problem_mark", None)
    detail = syntax_problem(exc)
    if mark is None:
        return _("this is not valid YAML: {problem}").format(problem=detail)
    return _("this is not valid YAML (line {n}): {problem}").format(n=mark.line + 1, problem=detail)


#: PyYAML's and LibYAML's descriptions of the usual slips (a part of their text), in
#: words a person reads.
_SYNTAX_PROBLEMS = (
    (
        "mapping values are not allowed",
        N_("a colon ':' is not allowed here; put a text that contains a colon in quotes"),
    ),
    ("could not find expected ':'", N_("a 'name: value' line is missing its colon")),
    (
        "that cannot start any token",
        N_(
            "a character here cannot start a value (a tab used to indent, or '@' or '`' at the "
            "start of a text); indent with spaces and put such a text in quotes"
        ),
    ),
    ("found unexpected end of stream", N_("the file ends before a quote is closed")),
    ("expected <block end>", N_("the indentation does not line up with the lines above")),
    ("did not find expected key", N_("the indentation does not line up with the lines above")),
    (
        "did not find expected '-' indicator",
        N_("the indentation does not line up with the lines above"),
    ),
    ("expected ',' or ']'", N_("a list in brackets [...] is not closed")),
    ("expected ',' or '}'", N_("a group in braces {...} is not closed")),
)


def syntax_problem(exc: yaml.YAMLError) -> str:
    """PyYAML's description of ``exc`` translated; a rare one keeps PyYAML's English."""
    detail = str(getattr(exc, "problem", None) or exc)
    for part, sentence in _SYNTAX_PROBLEMS:
        if part in detail:
            return _(sentence)
    return detail
