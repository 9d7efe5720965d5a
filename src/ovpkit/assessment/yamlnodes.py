"""Reading YAML while keeping line numbers, so an error can point at the line.

Answers files are written by people, so two YAML 1.1 surprises are switched off:
``yes``/``no`` stay the words "yes"/"no" (not booleans) and dates stay text.
"""

from __future__ import annotations

from typing import Any

import yaml

from ovpkit.errors import AnswersError
from ovpkit.i18n import _
from ovpkit.yamlfile import syntax_problem

_DROPPED_TAGS = {"tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp"}


class _Loader(yaml.SafeLoader):
    """SafeLoader without implicit booleans and timestamps."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in _DROPPED_TAGS]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def compose(text: str, file: str) -> yaml.Node | None:
    """Parse ``text`` into a node tree; a syntax error names the line."""
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        start = getattr(exc, "context_mark", None)
        where = f"{file}:{mark.line + 1}" if mark is not None else file
        raise AnswersError(
            _not_yaml(syntax_problem(exc), start.line + 1 if start is not None else None),
            file=where,
            hint=_("check the indentation and the quotes around that line"),
        ) from exc


def _not_yaml(problem: str, opened_on: int | None) -> str:
    if opened_on is None:
        return _("this is not valid YAML: {problem}").format(problem=problem)
    return _("this is not valid YAML (in what starts on line {n}): {problem}").format(
        n=opened_on, problem=problem
    )


def line_of(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def to_python(node: yaml.Node) -> Any:
    """Plain Python value of ``node`` (mappings, lists, str, int, float, None)."""
    if isinstance(node, yaml.MappingNode):
        return {str(to_python(key)): to_python(value) for key, value in node.value}
    if isinstance(node, yaml.SequenceNode):
        return [to_python(item) for item in node.value]
    return _scalar(node)


def _scalar(node: yaml.Node) -> Any:
    value = str(node.value)
    if node.tag == "tag:yaml.org,2002:null":
        return None
    if node.tag == "tag:yaml.org,2002:int":
        try:
            return int(value.replace("_", ""), 0)
        except ValueError:
            return float(value.replace("_", ""))
    if node.tag == "tag:yaml.org,2002:float":
        try:
            return float(value.replace("_", ""))
        except ValueError:
            return value
    return value


def mapping_items(node: yaml.Node, file: str, what: str) -> list[tuple[str, yaml.Node, int]]:
    """(key, value node, line) of a mapping node; anything else is an error.

    ``what`` is a sentence already translated, such as ``_("the answers must be ...")``.
    """
    if not isinstance(node, yaml.MappingNode):
        raise AnswersError(
            what,
            file=f"{file}:{line_of(node)}",
            hint=_("write one 'name: value' pair per line"),
        )
    return [(str(to_python(key)), value, line_of(key)) for key, value in node.value]


def load_words(text: str) -> Any:
    """Load shipped YAML (questionnaire, rubric) with ``yes``/``no`` kept as words."""
    return yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
