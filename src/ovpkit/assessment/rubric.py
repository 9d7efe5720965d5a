"""The rubric: explicit, cited rules from answers to a maturity level per criterion.

The rules live in ``data/rubric.yaml`` (one source of truth; ``docs/rubric.md`` is
generated from it). Each criterion has checks; each check belongs to a level
(1 emerging, 2 established, 3 exemplary), has a condition over the answers, the
strength it shows when met, the opportunity (an action) it suggests when not met, and
the passage of the report that justifies it.
"""

from __future__ import annotations

from enum import IntEnum, StrEnum
from functools import cache
from importlib import resources
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SkipValidation,
    ValidationError,
)

from ovpkit.assessment.questionnaire import Questionnaire, load_questionnaire
from ovpkit.assessment.rules import Condition, parse_condition
from ovpkit.assessment.yamlnodes import load_words
from ovpkit.errors import KnowledgeError
from ovpkit.i18n import _
from ovpkit.knowledge.models import Citation, OfficeModelId, Quote, Slug, Text
from ovpkit.validation_messages import summary


class Level(IntEnum):
    ABSENT = 0
    EMERGING = 1
    ESTABLISHED = 2
    EXEMPLARY = 3


class Effort(StrEnum):
    QUICK_WIN = "quick_win"
    STRUCTURAL = "structural"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)


class LevelDefinition(_Frozen):
    level: Level
    name: Text
    description: Text


class Priority(_Frozen):
    """A context in which the report recommends this step early, before its level is due."""

    when: SkipValidation[Condition]
    reason: Text
    citation: Citation
    quote: Quote


class Check(_Frozen):
    """One rule: met → a strength; not met → an opportunity, written as an action."""

    id: Slug
    criterion: int = Field(ge=1, le=9)
    level: Annotated[int, Field(ge=1, le=3)]
    when: SkipValidation[Condition]
    strength: Text
    opportunity: Text
    theme: Slug
    tags: tuple[Slug, ...] = ()  # practice tags of peer exemplars that show how
    effort: Effort = Effort.STRUCTURAL
    after: tuple[Slug, ...] = ()  # checks that should be met first (action plan)
    priority: Priority | None = None
    owner: Slug | None = None  # the role that leads the step (default: its criterion's)
    citation: Citation
    quote: Quote


class ContextTag(_Frozen):
    """A practice tag that fits an office's context (used to match peer exemplars)."""

    tags: tuple[Slug, ...]
    when: SkipValidation[Condition]
    reason: Text
    citation: Citation
    quote: Quote


class ModelReason(_Frozen):
    when: SkipValidation[Condition]
    text: Text
    citation: Citation
    quote: Quote


class Caution(_Frozen):
    text: Text
    citation: Citation
    quote: Quote


class ModelAdvice(_Frozen):
    model: OfficeModelId
    name: Text
    favoured_by: tuple[ModelReason, ...]
    caution: Caution


class OfficeModelRules(_Frozen):
    applies_when: SkipValidation[Condition]
    models: tuple[ModelAdvice, ...]


class NotionRequirement(_Frozen):
    """The checks a key notion names as its own element (Part 5's wording).

    A notion averaged over criteria can hide its defining element: political buy-in at
    level 2 with autonomy answered ``no`` is not "buy-in with autonomy". A notion is in
    place only when these checks are met too.
    """

    notion: Slug
    requires: tuple[Slug, ...]
    citation: Citation
    quote: Quote


class Rubric(_Frozen):
    levels: tuple[LevelDefinition, ...]
    checks: tuple[Check, ...]
    context_tags: tuple[ContextTag, ...]
    office_models: OfficeModelRules
    key_notions: tuple[NotionRequirement, ...] = ()

    def notion_requires(self, notion_id: str) -> tuple[str, ...]:
        """The check ids a key notion needs met to be in place (none when not listed)."""
        return next((n.requires for n in self.key_notions if n.notion == notion_id), ())

    def checks_for(self, criterion: int, level: int | None = None) -> tuple[Check, ...]:
        return tuple(
            c
            for c in self.checks
            if c.criterion == criterion and (level is None or c.level == level)
        )

    def check(self, check_id: str) -> Check:
        for check in self.checks:
            if check.id == check_id:
                return check
        raise KeyError(check_id)

    def level_name(self, level: int) -> str:
        return next(d.name for d in self.levels if d.level == level)


def _conditions(raw: Any, questionnaire: Questionnaire) -> Any:
    """Replace every ``when``/``applies_when`` mapping with a parsed condition."""
    if isinstance(raw, dict):
        return {
            key: parse_condition(value, questionnaire)
            if key in ("when", "applies_when")
            else _conditions(value, questionnaire)
            for key, value in raw.items()
        }
    if isinstance(raw, list):
        return [_conditions(item, questionnaire) for item in raw]
    return raw


def _flatten(document: dict[str, Any]) -> dict[str, Any]:
    """The YAML groups checks by criterion; the model holds one flat tuple."""
    checks = [
        {"criterion": block["criterion"], **check}
        for block in document.get("criteria", [])
        for check in block["checks"]
    ]
    rest = {k: v for k, v in document.items() if k != "criteria"}
    return {**rest, "checks": checks}


@cache
def load_rubric() -> Rubric:
    """The rubric shipped with ovpkit, validated against the questionnaire once."""
    source = resources.files("ovpkit.assessment") / "data" / "rubric.yaml"
    return parse_rubric(source.read_text(encoding="utf-8"), load_questionnaire())


def parse_rubric(text: str, questionnaire: Questionnaire) -> Rubric:
    document = load_words(text)
    try:
        rubric = Rubric.model_validate(_conditions(_flatten(document), questionnaire))
    except (ValueError, KeyError) as exc:
        field, message = _rule_problem(exc)
        raise KnowledgeError(
            message,
            file="rubric.yaml",
            field=field,
            hint=_("see the rule language in ovpkit/assessment/rules.py"),
        ) from exc
    _check_links(rubric)
    return rubric


def _rule_problem(exc: ValueError | KeyError) -> tuple[str | None, str]:
    """(field, message) of a rubric that does not validate, in the current language."""
    if isinstance(exc, ValidationError):
        return summary(exc)
    if isinstance(exc, KeyError):
        question = exc.args[0] if exc.args else ""
        return None, _(
            "a rule names a question that is not in the questionnaire: {question}"
        ).format(question=question)
    return None, _("a rule is not valid: {problem}").format(problem=exc)


def _check_links(rubric: Rubric) -> None:
    ids = [c.id for c in rubric.checks]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        raise KnowledgeError(
            _("duplicate check ids: {ids}").format(ids=", ".join(sorted(duplicates))),
            file="rubric.yaml",
        )
    for notion in rubric.key_notions:
        unknown = [r for r in notion.requires if r not in ids]
        if unknown:
            raise KnowledgeError(
                _("'requires' names unknown checks: {ids}").format(ids=", ".join(unknown)),
                file="rubric.yaml",
                record=notion.notion,
            )
    for check in rubric.checks:
        missing = [a for a in check.after if a not in ids]
        if missing:
            raise KnowledgeError(
                _("'after' names unknown checks: {ids}").format(ids=", ".join(missing)),
                file="rubric.yaml",
                record=check.id,
            )
    for criterion in range(1, 10):
        for level in (1, 2, 3):
            if not rubric.checks_for(criterion, level):
                raise KnowledgeError(
                    _("criterion {criterion} has no check at level {level}").format(
                        criterion=criterion, level=level
                    ),
                    file="rubric.yaml",
                )
