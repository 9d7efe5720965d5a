"""What an assessment produces, as immutable records that renderers only read.

Texts are kept in English (they are gettext message ids); the JSON export and the
HTML report translate them when they render, in the language chosen then.
"""

from __future__ import annotations

from dataclasses import dataclass

from ovpkit.assessment.answers import Answer, Evidence
from ovpkit.assessment.reconcile import Disagreement
from ovpkit.assessment.sensitivity import Move
from ovpkit.i18n import N_

#: What a criterion whose checks could none be judged shows instead of a level.
NOT_ASSESSED = N_("not assessed")


@dataclass(frozen=True)
class Source:
    """A passage of the report: section key and title, endnote, verbatim quote."""

    section: str
    title: str
    quote: str
    endnote: int | None = None


@dataclass(frozen=True)
class AnswerEvidence:
    """An answer that supports a strength, with the evidence the office attached."""

    question: str
    question_text: str
    answer: str
    evidence: tuple[Evidence, ...] = ()
    note: str | None = None


@dataclass(frozen=True)
class Strength:
    check: str
    text: str
    level: int
    basis: Source
    evidence: tuple[AnswerEvidence, ...]


@dataclass(frozen=True)
class Opportunity:
    check: str | None  # None for the report's "continue with current approach"
    text: str
    level: int  # the level this action helps reach
    effort: str
    basis: Source
    confirmed: bool = True  # False when the answers do not say whether it is already done
    priority_reason: str | None = None  # why the context makes this step urgent, if it does
    tradeoffs: tuple[TradeoffNote, ...] = ()  # what to weigh before acting, best first


@dataclass(frozen=True)
class Exemplar:
    practice: str
    title: str
    summary: str
    office: str | None  # office name (English), or None for a general good practice
    matched_tags: tuple[str, ...]
    source: Source
    office_slug: str | None = None  # renderers name the office in the reader's language
    #: why it was chosen: reason codes, see ovpkit.assessment.similarity.REASON_LABELS
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class TradeoffNote:
    id: str
    topic: str
    gain: str
    cost: str
    source: Source
    matched_tags: tuple[str, ...] = ()  # tags shared with the opportunity (or its context)


@dataclass(frozen=True)
class CriterionResult:
    criterion: int
    name: str  # the criterion's one name (English msgid): see ovpkit.knowledge.naming
    level: int
    level_low: int  # the level if every unknown answer were unfavourable
    level_high: int  # the level if every unknown answer were favourable
    confidence: float  # share of the checks that decide the level whose answers are known
    strengths: tuple[Strength, ...]
    opportunities: tuple[Opportunity, ...]
    to_verify: tuple[str, ...]  # question ids whose answers would settle open checks
    exemplars: tuple[Exemplar, ...]
    tradeoffs: tuple[TradeoffNote, ...]
    #: False when no check of the criterion could be judged: "not assessed", not level 0
    assessed: bool = True
    #: the one or two answers that would change the level ("what would move this")
    moves: tuple[Move, ...] = ()
    #: numbers this criterion reads on which respondents disagree (question ids): each
    #: counts as one more deciding answer that is not known, lowering the confidence
    disputed_facts: tuple[str, ...] = ()
    #: the level the weight of evidence gave before a risk capped it (None: not capped)
    capped_from: int | None = None
    capped_by: str | None = None  # the risk's id


@dataclass(frozen=True)
class Risk:
    """A risk the report warns about, found in the office's answers."""

    id: str
    criterion: int
    title: str  # English msgid
    finding: str  # English msgid with {placeholders} for ``figures``
    figures: tuple[tuple[str, str, float], ...]  # (placeholder, kind, value)
    recommendation: str
    owner: str  # role code, see ovpkit.assessment.plan.OWNER_LABELS
    caps: int | None  # the highest level the criterion can have while the risk holds
    source: Source


@dataclass(frozen=True)
class Fact:
    """A number the office gave (staff, budget, directors...), kept to compare over time."""

    question: str
    value: float
    unit: str | None = None
    currency: str | None = None  # for a budget total


@dataclass(frozen=True)
class FactChange:
    question: str
    before: float
    after: float
    unit: str | None = None
    currency: str | None = None

    @property
    def relative(self) -> float | None:
        """The change as a share of the earlier value (None when it was 0)."""
        return (self.after - self.before) / self.before if self.before else None


@dataclass(frozen=True)
class ActionStep:
    order: int
    phase: int  # 1 start now, 2 next, 3 later
    check: str  # a rubric check id, or a risk id for a risk's recommendation
    criterion: int
    text: str
    effort: str
    depends_on: tuple[str, ...]  # check ids of earlier steps
    horizon: str = "0-6"  # months: 0-6, 6-18 or 18-36 (see ovpkit.assessment.plan)
    owner: str = "director"  # role code, see ovpkit.assessment.plan.OWNER_LABELS
    done_when: tuple[str, ...] = ()  # question ids whose answer shows the step done
    start_now: bool = False  # at most three steps start now
    reason: str | None = None  # why it is early (a priority reason or a risk's title)


@dataclass(frozen=True)
class NotionSummary:
    id: str
    number: int
    title: str
    summary: str
    criteria: tuple[int, ...]
    mean_level: float
    weakest: tuple[int, ...]  # criteria at the lowest level
    status: str  # in_place | partly | weak | not_assessed
    source: Source
    #: the notion's own elements (rubric check ids) not shown met: why it is not in place
    missing: tuple[str, ...] = ()


@dataclass(frozen=True)
class ModelReasonNote:
    text: str
    source: Source


@dataclass(frozen=True)
class ModelOption:
    model: str
    name: str
    description: str | None
    reasons: tuple[ModelReasonNote, ...]
    caution: ModelReasonNote
    examples: tuple[str, ...]  # office names (English)
    example_offices: tuple[
        str, ...
    ] = ()  # their slugs, named by renderers in the reader's language


@dataclass(frozen=True)
class OfficeModelAdvice:
    options: tuple[ModelOption, ...]
    #: the model an active office has now (listed first); None where no office exists
    current: str | None = None


@dataclass(frozen=True)
class Assessment:
    office: str
    city: str | None
    assessed_on: str | None
    file: str
    respondents: tuple[str, ...]
    context: tuple[tuple[str, str, str], ...]  # (question id, question text, answer)
    context_tags: tuple[str, ...]
    criteria: tuple[CriterionResult, ...]
    action_plan: tuple[ActionStep, ...]
    key_notions: tuple[NotionSummary, ...]
    office_model_advice: OfficeModelAdvice | None
    disagreements: tuple[Disagreement, ...]
    #: the knowledge base's offices the answers are about (several when assessed together)
    office_slugs: tuple[str, ...] = ()
    #: the known context answers, in the order of ``context`` (raw values, for formatting)
    context_answers: tuple[Answer, ...] = ()
    #: the language of the answers file's own words (``AnswerSet.language``)
    language: str | None = None
    #: the report's risks found in the answers (funding cliff, turnover, moves, results)
    risks: tuple[Risk, ...] = ()
    #: the numbers the office gave, to report their changes in a re-assessment
    facts: tuple[Fact, ...] = ()

    def criterion(self, number: int) -> CriterionResult:
        return next(c for c in self.criteria if c.criterion == number)

    @property
    def levels(self) -> tuple[int, ...]:
        return tuple(c.level for c in self.criteria)
