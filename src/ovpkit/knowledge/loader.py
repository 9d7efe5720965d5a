"""Loading the knowledge base from YAML, with errors that point at the record.

Each YAML file holds one or more collections as top-level keys, each a list of
records. Records are validated one by one so that an error names the file, the
line, the record (its id and position) and the field, in plain words.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from ovpkit.errors import KnowledgeError
from ovpkit.knowledge.base import KnowledgeBase
from ovpkit.knowledge.crossrefs import check_references
from ovpkit.knowledge.models import (
    Chart,
    ContextDifference,
    Criterion,
    Fact,
    FundingSource,
    KeyNotion,
    Office,
    OfficeModel,
    PoliceJurisdictionRecord,
    Practice,
    PreventionLevel,
    SelectionFilter,
    SelectionSource,
    StaffingModel,
    Tradeoff,
)

R = TypeVar("R", bound=BaseModel)

#: LibYAML's parser when PyYAML was built with it (ten times faster), else pure Python.
_YamlLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: collection name -> record model. The YAML key and the export key are the same.
COLLECTIONS: dict[str, type[BaseModel]] = {
    "criteria": Criterion,
    "practices": Practice,
    "tradeoffs": Tradeoff,
    "offices": Office,
    "facts": Fact,
    "charts": Chart,
    "key_notions": KeyNotion,
    "prevention_levels": PreventionLevel,
    "office_models": OfficeModel,
    "staffing_models": StaffingModel,
    "funding_sources": FundingSource,
    "police_jurisdictions": PoliceJurisdictionRecord,
    "context_differences": ContextDifference,
    "selection_sources": SelectionSource,
    "selection_filters": SelectionFilter,
}


def builtin_directory() -> Traversable:
    """The knowledge base shipped inside the package."""
    return resources.files("ovpkit.knowledge") / "data"


def load_knowledge_base(directory: Path | Traversable | None = None) -> KnowledgeBase:
    """Load every ``*.yaml`` file of ``directory`` (default: the shipped one, loaded once)."""
    if directory is None:
        return _builtin_knowledge_base()
    return _load(directory)


@lru_cache(maxsize=1)
def _builtin_knowledge_base() -> KnowledgeBase:
    return _load(builtin_directory())


def _load(root: Path | Traversable) -> KnowledgeBase:
    gathered: dict[str, list[BaseModel]] = {name: [] for name in COLLECTIONS}
    files = sorted((f for f in root.iterdir() if f.name.endswith(".yaml")), key=lambda f: f.name)
    if not files:
        raise KnowledgeError("no knowledge-base files (*.yaml) found", file=str(root))
    for file in files:
        for name, records in _read_file(file):
            gathered[name].extend(records)
    base = KnowledgeBase(**{name: tuple(records) for name, records in gathered.items()})  # type: ignore[arg-type]
    check_references(base)
    return base


def _read_file(file: Traversable) -> Iterator[tuple[str, list[BaseModel]]]:
    text = file.read_text(encoding="utf-8")
    try:
        root_node = yaml.compose(text, Loader=_YamlLoader)
        document = yaml.load(text, Loader=_YamlLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" (line {mark.line + 1})" if mark is not None else ""
        raise KnowledgeError(
            f"this is not valid YAML{line}: {getattr(exc, 'problem', exc)}",
            file=file.name,
            hint="check the indentation and quotes around that line",
        ) from exc
    if document is None:
        return
    if not isinstance(document, dict):
        raise KnowledgeError(
            "the file must be a mapping of collection names to lists of records",
            file=file.name,
        )
    for key, value in document.items():
        model = COLLECTIONS.get(key)
        if model is None:
            raise KnowledgeError(
                f"unknown collection {key!r}",
                file=file.name,
                hint=f"use one of: {', '.join(COLLECTIONS)}",
            )
        if not isinstance(value, list):
            raise KnowledgeError(f"{key!r} must be a list of records", file=file.name)
        lines = _record_lines(root_node, key)
        yield key, [_validate(model, raw, file.name, i, lines) for i, raw in enumerate(value)]


def _validate(model: type[R], raw: Any, file_name: str, index: int, lines: Sequence[int]) -> R:
    record_id = raw.get("id") or raw.get("slug") if isinstance(raw, dict) else None
    line = lines[index] if index < len(lines) else None
    where = f"#{index + 1}" + (f" '{record_id}'" if record_id else "")
    where += f" (line {line})" if line else ""
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
        raise KnowledgeError(
            message,
            file=file_name,
            record=where,
            field=field,
            hint=f"fix this {model.__name__} record; see CONTRIBUTING.md, 'How to add a fact'",
        ) from exc


def _field(location: tuple[int | str, ...]) -> str:
    return ".".join(str(part) for part in location) or "(record)"


def _record_lines(root: yaml.Node | None, key: str) -> list[int]:
    """Line number (1-based) where each record of collection ``key`` starts."""
    if not isinstance(root, yaml.MappingNode):
        return []
    for key_node, value_node in root.value:
        if key_node.value == key and isinstance(value_node, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value_node.value]
    return []
