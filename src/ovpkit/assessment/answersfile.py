"""An answers file: the office, its respondents and their answers, and agreed answers.

One respondent writes ``answers:``. Several respondents (office staff, partner
organisations, community members) each get an entry under ``respondents:``; where they
disagree, the office records the answer it agreed on, with its reason, under
``agreed:``. :mod:`ovpkit.assessment.reconcile` turns this into one set of answers.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import yaml
from babel import Locale, UnknownLocaleError

from ovpkit.assessment.answers import Answer, parse_answers, raise_all
from ovpkit.assessment.questionnaire import Questionnaire, load_questionnaire
from ovpkit.assessment.yamlnodes import compose, mapping_items, to_python
from ovpkit.errors import AnswersError, os_problem
from ovpkit.i18n import N_, _


class RespondentRole(StrEnum):
    OFFICE_STAFF = "office_staff"
    PARTNER_ORGANISATION = "partner_organisation"
    COMMUNITY_MEMBER = "community_member"
    RESEARCHER = "researcher"
    OTHER = "other"
    MONITORING_RECORDS = "monitoring_records"  # answers derived from the office's records


@dataclass(frozen=True)
class Respondent:
    id: str
    role: RespondentRole
    answers: dict[str, Answer]
    name: str | None = None


@dataclass(frozen=True)
class Agreement:
    """The answer the office agreed on where respondents disagreed, and why."""

    answer: Answer
    reason: str


@dataclass(frozen=True)
class AnswerSet:
    """A validated answers file."""

    office: str
    respondents: tuple[Respondent, ...]
    agreed: dict[str, Agreement]
    city: str | None = None
    office_slug: str | None = None  # the office's slug in the knowledge base, if it is there
    #: every office the file is about (Cali's two secretariats), first = ``office_slug``
    office_slugs: tuple[str, ...] = ()
    assessed_on: str | None = None
    file: str = "<answers>"
    #: the language the file's own words (names, notes, free answers) are written in, as a
    #: BCP 47 tag ("es", "en"); a report marks them with it, since it cannot translate them
    language: str | None = None


HEADER_KEYS = ("office", "office_slug", "city", "assessed_on", "language", "notes")
BODY_KEYS = ("answers", "respondents", "agreed")
RESPONDENT_KEYS = ("id", "role", "name", "answers")


def load_answers(path: Path, questionnaire: Questionnaire | None = None) -> AnswerSet:
    """Read and validate an answers file; the first problem raises :class:`AnswersError`."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise AnswersError(
            _("cannot read the answers file: {problem}").format(problem=os_problem(exc)),
            file=str(path),
            hint=_("check the path; 'ovpkit questionnaire > answers.yaml' writes a template"),
        ) from exc
    return parse_answer_set(text, file=str(path), questionnaire=questionnaire)


def parse_answer_set(
    text: str, *, file: str = "<answers>", questionnaire: Questionnaire | None = None
) -> AnswerSet:
    """Like :func:`load_answers`, from a string (for the web layer and for tests)."""
    questionnaire = questionnaire or load_questionnaire()
    root = compose(text, file)
    if root is None:
        raise AnswersError(_("the answers file is empty"), file=file, hint=_(_TEMPLATE_HINT))
    what = _("the file must be a mapping of names to values")
    items = {key: (node, line) for key, node, line in mapping_items(root, file, what)}
    _check_keys(items, file)
    slugs = _slugs(items["office_slug"][0]) if "office_slug" in items else ()
    header = {key: _text(items[key][0]) for key in HEADER_KEYS if key in items}
    if not header.get("office"):
        raise AnswersError(
            _("the file must say which office (or city) it is about"),
            file=file,
            field="office",
            hint=_("add a first line such as 'office: Office of Violence Prevention of <city>'"),
        )
    language = _language_tag(header.get("language"), file)
    problems: list[AnswersError] = []
    reading = _Reading(questionnaire, file, language, problems)
    respondents = _respondents(items, reading)
    agreed = _agreed(items, reading)
    raise_all(problems)
    return AnswerSet(
        office=header["office"],
        city=header.get("city"),
        office_slug=slugs[0] if slugs else None,
        office_slugs=slugs,
        assessed_on=header.get("assessed_on"),
        respondents=respondents,
        agreed=agreed,
        file=file,
        language=language,
    )


@dataclass(frozen=True)
class _Reading:
    """What every answers block of a file is read with; problems are collected here."""

    questionnaire: Questionnaire
    file: str
    language: str | None
    problems: list[AnswersError]

    def answers(self, node: yaml.Node) -> dict[str, Answer]:
        return parse_answers(
            node, self.questionnaire, self.file, language=self.language, problems=self.problems
        )


_TEMPLATE_HINT = N_("start from the template that 'ovpkit questionnaire' writes")


def _check_keys(items: dict[str, tuple[yaml.Node, int]], file: str) -> None:
    known = HEADER_KEYS + BODY_KEYS
    for key, (_node, line) in items.items():
        if key not in known:
            close = difflib.get_close_matches(key, known, n=1)
            hint = (
                _("did you mean '{key}'?").format(key=close[0])
                if close
                else _("the keys are {keys}").format(keys=", ".join(known))
            )
            raise AnswersError(
                _("unknown key '{key}'").format(key=key), file=f"{file}:{line}", hint=hint
            )
    if ("answers" in items) == ("respondents" in items):
        raise AnswersError(
            _("write either 'answers:' (one respondent) or 'respondents:' (several), not both")
            if "answers" in items
            else _("the file has no answers"),
            file=file,
            hint=_(_TEMPLATE_HINT),
        )


def _respondents(
    items: dict[str, tuple[yaml.Node, int]], reading: _Reading
) -> tuple[Respondent, ...]:
    file = reading.file
    if "answers" in items:
        answers = reading.answers(items["answers"][0])
        return (Respondent(id="respondent", role=RespondentRole.OFFICE_STAFF, answers=answers),)
    node, line = items["respondents"]
    if not isinstance(node, yaml.SequenceNode) or not node.value:
        raise AnswersError(
            _("'respondents' must be a list, one entry per respondent"),
            file=f"{file}:{line}",
            hint=_("each entry has id, role and answers"),
        )
    respondents = tuple(_respondent(item, reading) for item in node.value)
    ids = [r.id for r in respondents]
    if len(set(ids)) != len(ids):
        raise AnswersError(_("respondent ids must be unique"), file=f"{file}:{line}")
    return respondents


def _respondent(node: yaml.Node, reading: _Reading) -> Respondent:
    file = reading.file
    what = _("a respondent must be a mapping of names to values")
    fields = {key: (value, line) for key, value, line in mapping_items(node, file, what)}
    start = f"{file}:{node.start_mark.line + 1}"
    extra = sorted(set(fields) - set(RESPONDENT_KEYS))
    if extra or "id" not in fields or "answers" not in fields:
        raise AnswersError(
            _("unknown key '{key}' in a respondent").format(key=extra[0])
            if extra
            else _("a respondent needs id and answers"),
            file=start,
            hint=_("a respondent has {keys}").format(keys=", ".join(RESPONDENT_KEYS)),
        )
    role_text = _text(fields["role"][0]) if "role" in fields else RespondentRole.OTHER.value
    try:
        role = RespondentRole(role_text)
    except ValueError:
        raise AnswersError(
            _("unknown respondent role '{role}'").format(role=role_text),
            file=f"{file}:{fields['role'][1]}",
            field="role",
            hint=_("use one of {roles}").format(roles=", ".join(r.value for r in RespondentRole)),
        ) from None
    name = _text(fields["name"][0]) if "name" in fields else None
    answers = reading.answers(fields["answers"][0])
    return Respondent(id=_text(fields["id"][0]), role=role, answers=answers, name=name)


def _agreed(items: dict[str, tuple[yaml.Node, int]], reading: _Reading) -> dict[str, Agreement]:
    file = reading.file
    if "agreed" not in items:
        return {}
    node = items["agreed"][0]
    reasons: dict[str, str] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            raw = to_python(value_node)
            reason = raw.get("reason") if isinstance(raw, dict) else None
            if not reason:
                raise AnswersError(
                    _("the agreed answer to '{question}' needs a reason").format(
                        question=to_python(key_node)
                    ),
                    file=f"{file}:{key_node.start_mark.line + 1}",
                    field=str(to_python(key_node)),
                    hint=_("write 'value: ...' and 'reason: why the office settled on it'"),
                )
            reasons[str(to_python(key_node))] = str(reason)
            _drop_key(value_node, "reason")
    answers = reading.answers(node)
    return {qid: Agreement(answer=a, reason=reasons[qid]) for qid, a in answers.items()}


def _drop_key(node: yaml.Node, key: str) -> None:
    if isinstance(node, yaml.MappingNode):
        node.value = [(k, v) for k, v in node.value if to_python(k) != key]


def _slugs(node: yaml.Node) -> tuple[str, ...]:
    """``office_slug: cali-ssj`` or, for offices assessed together, a list of slugs."""
    value = to_python(node)
    values = value if isinstance(value, list) else [value]
    return tuple(str(v).strip() for v in values if v is not None and str(v).strip())


def _text(node: yaml.Node) -> str:
    value = to_python(node)
    return "" if value is None else str(value).strip()


def merge_answer_sets(sets: list[AnswerSet]) -> AnswerSet:
    """Combine files from several respondents of the same office into one answer set.

    Each file keeps its respondents (a single-respondent file's respondent is named after
    the file); agreed answers are pooled, and the first file's header wins.
    """
    if len(sets) == 1:
        return sets[0]
    offices = {s.office for s in sets}
    if len(offices) > 1:
        raise AnswersError(
            _("the files are about different offices: {offices}").format(
                offices=", ".join(sorted(offices))
            ),
            hint=_("combine answers of one office only; use 'ovpkit compare' for several offices"),
        )
    respondents: list[Respondent] = []
    agreed: dict[str, Agreement] = {}
    for answer_set in sets:
        for respondent in answer_set.respondents:
            rid = respondent.id
            if rid == "respondent" or rid in {r.id for r in respondents}:
                rid = f"{Path(answer_set.file).stem}:{respondent.id}"
            respondents.append(
                Respondent(
                    id=rid, role=respondent.role, answers=respondent.answers, name=respondent.name
                )
            )
        agreed.update(answer_set.agreed)
    first = sets[0]
    return AnswerSet(
        office=first.office,
        city=first.city,
        office_slug=first.office_slug,
        office_slugs=first.office_slugs,
        assessed_on=first.assessed_on,
        language=first.language,
        respondents=tuple(respondents),
        agreed=agreed,
        file=" + ".join(s.file for s in sets),
    )


def _language_tag(value: str | None, file: str) -> str | None:
    """A BCP 47 language tag ("es", "pt-BR"), checked by Babel, or None when not given."""
    if not value:
        return None
    try:
        Locale.parse(value.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        raise AnswersError(
            _("'{value}' is not a language").format(value=value),
            file=file,
            field="language",
            hint=_("write the language of the file's own words as a code: en, es or pt"),
        ) from None
    return value
