"""Loading the knowledge base from YAML, with errors that point at the record.

Each YAML file holds one or more collections as top-level keys, each a list of
records. Records are validated one by one so that an error names the file, the
line, the record (its id and position) and the field, in plain words.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from pydantic import BaseModel

from ovpkit.errors import KnowledgeError, os_problem
from ovpkit.i18n import _
from ovpkit.knowledge.base import KnowledgeBase, collection_models
from ovpkit.knowledge.crossrefs import check_references
from ovpkit.textfile import read_text
from ovpkit.yamlfile import item_lines, read_mapping, validate_list

#: collection name -> record model. The YAML key and the export key are the same.
COLLECTIONS: dict[str, type[BaseModel]] = collection_models()


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
    files = sorted((f for f in _entries(root) if f.name.endswith(".yaml")), key=lambda f: f.name)
    if not files:
        raise KnowledgeError(_("no knowledge-base files (*.yaml) found"), file=str(root))
    for file in files:
        for name, records in _read_file(file):
            gathered[name].extend(records)
    base = KnowledgeBase(**{name: tuple(records) for name, records in gathered.items()})  # type: ignore[arg-type]
    check_references(base)
    return base


def _entries(root: Path | Traversable) -> list[Traversable]:
    """The folder's files; a folder that cannot be read is a KnowledgeError, not a traceback."""
    try:
        return list(root.iterdir())
    except OSError as exc:
        raise KnowledgeError(
            _("cannot read the knowledge-base folder: {problem}").format(problem=os_problem(exc)),
            file=str(root),
            hint=_("give --kb a folder of *.yaml files"),
        ) from exc


def _text(file: Traversable) -> str:
    return read_text(file, KnowledgeError, file=file.name)


def _read_file(file: Traversable) -> Iterator[tuple[str, list[BaseModel]]]:
    document, root = read_mapping(_text(file), file.name, KnowledgeError, example_keys="'facts:'")
    for key, value in document.items():
        model = COLLECTIONS.get(key)
        if model is None:
            raise KnowledgeError(
                _("unknown collection '{key}'").format(key=key),
                file=file.name,
                hint=_("use one of: {names}").format(names=", ".join(COLLECTIONS)),
            )
        records = validate_list(
            model,
            value,
            key=key,
            file=file.name,
            lines=item_lines(root, key),
            error=KnowledgeError,
            hint=_("fix this {model} record; see CONTRIBUTING.md, 'How to add a fact'").format(
                model=model.__name__
            ),
        )
        yield key, list(records)
