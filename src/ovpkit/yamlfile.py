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
        mark = getattr(exc, "problem_mark", None)
        line = f" (line {mark.line + 1})" if mark is not None else ""
        raise error(
            f"this is not valid YAML{line}: {getattr(exc, 'problem', exc)}",
            file=file,
            hint="check the indentation and the quotes around that line",
        ) from exc
    if document is None:
        return {}, None
    if not isinstance(document, dict):
        raise error(
            "the file must be a mapping of collection names to lists "
            f"(keys such as {example_keys})",
            file=file,
            hint="start the file with a key followed by a colon, as in the examples",
        )
    return document, node


def read_file(path: Path, error: type[OvpkitError]) -> tuple[dict[str, Any], yaml.Node | None]:
    """Read and parse ``path``; a missing or unreadable file raises ``error``."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise error("file not found", file=path, hint="check the path") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise error(f"cannot read the file: {exc}", file=path, hint="save it as UTF-8") from exc
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
        raise error(f"'{key}' must be a list of records (items starting with '-')", file=file)
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
    where = f"{key} #{index + 1}" + (f" '{record_id}'" if record_id else "")
    if index < len(lines):
        where += f" (line {lines[index]})"
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        problems = [(_field(error["loc"]), error["msg"]) for error in exc.errors()]
        if len(problems) == 1:
            field, message = problems[0]
        else:
            field = None
            message = f"{len(problems)} problems: " + "; ".join(
                f"field '{name}': {text}" for name, text in problems[:6]
            )
        raise error(
            message,
            file=file,
            record=where,
            field=field,
            hint=hint or f"fix this {key} record",
        ) from exc


def _record_id(raw: Any) -> Any:
    if not isinstance(raw, dict):
        return None
    return raw.get("id") or raw.get("slug") or raw.get("name")


def _field(location: tuple[int | str, ...]) -> str:
    return ".".join(str(part) for part in location) or "(record)"
