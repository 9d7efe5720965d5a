"""The rules by which monitoring records answer questions of the assessment.

``data/from_monitoring.yaml`` maps facts of :func:`~ovpkit.monitoring.monitoring_evidence`
to answers, one row per question, each with its justification; this module reads and
checks that file and evaluates its small condition language. Conditions are two-valued:
a fact the records leave out (None, or an entry missing from a dict fact) never holds, so
a rule can only answer from what the records state. :mod:`ovpkit.assessment.from_monitoring`
builds the answers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from ovpkit.assessment.answers import AnswerValue
from ovpkit.assessment.questionnaire import (
    STATUS_VALUES,
    UNKNOWN,
    Question,
    Questionnaire,
    QuestionType,
    load_questionnaire,
)
from ovpkit.assessment.yamlnodes import load_words
from ovpkit.errors import KnowledgeError
from ovpkit.i18n import _
from ovpkit.monitoring.evidence import EVIDENCE_KEYS, EvidenceValue
from ovpkit.validation_messages import shown

RULES_FILE = "from_monitoring.yaml"
_NUMERIC = ("at_least", "above", "at_most", "count_at_least")
_OPS = ("is", "any_in", *_NUMERIC)

Facts = Mapping[str, EvidenceValue]


@dataclass(frozen=True)
class Fact:
    """One comparison on one evidence fact; a fact the records leave out never holds."""

    key: str  # an evidence key, or key.entry for an entry of a dict fact
    op: str
    operand: str | float | tuple[str, ...]

    def holds(self, facts: Facts) -> bool:
        value = fact_value(facts, self.key)
        if value is None:
            return False
        if self.op == "is":
            return _word(value) == self.operand
        if self.op == "any_in":
            assert isinstance(self.operand, tuple)
            return isinstance(value, list) and any(item in self.operand for item in value)
        assert isinstance(self.operand, float)
        if self.op == "count_at_least":
            return isinstance(value, list) and len(value) >= self.operand
        if isinstance(value, bool) or not isinstance(value, int | float):
            return False
        return {
            "at_least": value >= self.operand,
            "above": value > self.operand,
            "at_most": value <= self.operand,
        }[self.op]

    def facts_read(self) -> tuple[str, ...]:
        return (self.key,)


@dataclass(frozen=True)
class Combined:
    """``all`` (every part holds) or ``any`` (one part holds)."""

    parts: tuple[Fact | Combined, ...]
    every: bool

    def holds(self, facts: Facts) -> bool:
        results = (part.holds(facts) for part in self.parts)
        return all(results) if self.every else any(results)

    def facts_read(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(key for part in self.parts for key in part.facts_read()))


Condition = Fact | Combined


@dataclass(frozen=True)
class Case:
    value: str
    when: Condition


@dataclass(frozen=True)
class RecordRule:
    """How the records answer one question, and why."""

    question: str
    why: str
    cases: tuple[Case, ...] = ()
    number: str | None = None  # evidence key of a number answer
    choices: str | None = None  # evidence key of a list-of-choices answer
    when: Condition | None = None  # for number and choices answers
    scale: float = 1.0

    def value(self, facts: Facts, question: Question) -> AnswerValue:
        """The answer the records give, or None when they do not establish one."""
        if self.cases:
            return next((case.value for case in self.cases if case.when.holds(facts)), None)
        if self.when is not None and not self.when.holds(facts):
            return None
        if self.number is not None:
            number = fact_value(facts, self.number)
            if isinstance(number, bool) or not isinstance(number, int | float):
                return None
            return float(number) * self.scale
        items = fact_value(facts, self.choices or "")
        if not isinstance(items, list) or not items:
            return None
        if any(str(item) not in question.choice_values for item in items):
            return None
        return tuple(str(item) for item in items)

    def facts_read(self) -> tuple[str, ...]:
        conditions = [case.when for case in self.cases] + ([self.when] if self.when else [])
        keys = [self.number, self.choices] + [k for c in conditions for k in c.facts_read()]
        return tuple(dict.fromkeys(k for k in keys if k))


def fact_value(facts: Facts, key: str) -> EvidenceValue:
    """A fact by key; ``key.entry`` reads one entry of a dict fact (None when absent)."""
    head, _sep, entry = key.partition(".")
    value = facts.get(head)
    if entry:
        return value.get(entry) if isinstance(value, dict) else None
    return value


def _word(value: EvidenceValue) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


# --- the rules file -----------------------------------------------------------------


@cache
def load_record_rules() -> tuple[RecordRule, ...]:
    """The shipped rules, validated against the questionnaire and the evidence keys."""
    source = resources.files("ovpkit.assessment") / "data" / RULES_FILE
    return parse_record_rules(load_words(source.read_text(encoding="utf-8")))


def parse_record_rules(
    document: Any, questionnaire: Questionnaire | None = None
) -> tuple[RecordRule, ...]:
    questionnaire = questionnaire or load_questionnaire()
    rows = document.get("answers") if isinstance(document, dict) else None
    if not isinstance(rows, list) or not rows:
        raise KnowledgeError(_("the file needs a list under 'answers'"), file=RULES_FILE)
    rules = tuple(_rule(row, questionnaire) for row in rows)
    seen = [rule.question for rule in rules]
    repeated = sorted({q for q in seen if seen.count(q) > 1})
    if repeated:
        raise KnowledgeError(_("a question is mapped twice"), file=RULES_FILE, record=repeated[0])
    return rules


def _rule(row: Any, questionnaire: Questionnaire) -> RecordRule:
    qid = str(row.get("question")) if isinstance(row, dict) else "?"
    try:
        return _build_rule(row, questionnaire.question(qid))
    except KeyError:
        raise KnowledgeError(
            _("'{question}' is not a question of the questionnaire").format(question=qid),
            file=RULES_FILE,
            record=qid,
        ) from None
    except (TypeError, ValueError) as exc:
        raise KnowledgeError(str(exc), file=RULES_FILE, record=qid) from None


def _build_rule(row: dict[str, Any], question: Question) -> RecordRule:
    known = {"question", "why", "cases", "number", "choices", "when", "scale"}
    if set(row) - known or not row.get("why"):
        raise ValueError(
            _("a row has {keys}, and 'why' is required").format(keys=", ".join(sorted(known)))
        )
    kind = {
        QuestionType.STATUS: "cases",
        QuestionType.CHOICE: "cases",
        QuestionType.NUMBER: "number",
        QuestionType.CHOICES: "choices",
    }.get(question.type)
    if kind is None or kind not in row:
        raise ValueError(
            _("a question of type {type} is answered with '{key}'").format(
                type=question.type.value, key=kind
            )
        )
    allowed = STATUS_VALUES if question.type is QuestionType.STATUS else question.choice_values
    cases = tuple(
        Case(value=_case_value(case, allowed), when=parse_fact_condition(case.get("when")))
        for case in row.get("cases", ())
    )
    for key in (row.get("number"), row.get("choices")):
        if key is not None:
            _check_key(str(key))
    return RecordRule(
        question=question.id,
        why=" ".join(str(row["why"]).split()),
        cases=cases,
        number=row.get("number"),
        choices=row.get("choices"),
        when=parse_fact_condition(row["when"]) if "when" in row else None,
        scale=float(row.get("scale", 1.0)),
    )


def _case_value(case: Any, allowed: tuple[str, ...]) -> str:
    value = str(case.get("value")) if isinstance(case, dict) else None
    if value is None or value not in allowed or value == UNKNOWN or set(case) != {"value", "when"}:
        raise ValueError(
            _("a case is {{value, when}} with a value among {values}").format(
                values=", ".join(allowed)
            )
        )
    return value


def parse_fact_condition(raw: Any) -> Condition:
    """A condition from its YAML form (see the rules file's header)."""
    if not isinstance(raw, dict):
        raise ValueError(_("a condition must be a mapping, not {value}").format(value=shown(raw)))
    if set(raw) in ({"all"}, {"any"}):
        parts = tuple(parse_fact_condition(item) for item in next(iter(raw.values())))
        return Combined(parts=parts, every="all" in raw)
    ops = [key for key in raw if key in _OPS]
    if set(raw) != {"key", *ops} or len(ops) != 1:
        raise ValueError(
            _("a comparison is 'key' and one of {ops}: {rule}").format(
                ops=", ".join(_OPS), rule=shown(raw)
            )
        )
    key, op = str(raw["key"]), ops[0]
    _check_key(key)
    operand: str | float | tuple[str, ...]
    if op == "any_in":
        operand = tuple(str(item) for item in raw[op])
    elif op == "is":
        operand = str(raw[op])
    else:
        operand = _number(raw, op)
    return Fact(key=key, op=op, operand=operand)


def _number(raw: dict[str, Any], op: str) -> float:
    """The number a comparison names; anything else raises ValueError in words."""
    value = raw.get(op)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(_("'{op}' needs a number, not {value}").format(op=op, value=shown(value)))
    return float(value)


def _check_key(key: str) -> None:
    if key.partition(".")[0] not in EVIDENCE_KEYS:
        raise ValueError(
            _("'{key}' is not a monitoring evidence key (docs/monitoring.md)").format(key=key)
        )
