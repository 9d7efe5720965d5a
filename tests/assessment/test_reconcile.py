"""Several respondents: agreement, disagreement per question, and the agreed answer."""

from __future__ import annotations

import pytest

from ovpkit.assessment.answersfile import merge_answer_sets, parse_answer_set
from ovpkit.assessment.reconcile import reconcile
from ovpkit.errors import AnswersError

THREE_RESPONDENTS = """\
office: Office of Violence Prevention
respondents:
  - id: director
    role: office_staff
    answers:
      mandate.public: yes
      mandate.written: yes
      partners.mechanism: yes
  - id: partner-ngo
    role: partner_organisation
    answers:
      mandate.public: yes
      partners.mechanism: partly
  - id: resident
    role: community_member
    answers:
      mandate.public: unknown
      partners.mechanism: no
      partners.feedback: no
agreed:
  partners.mechanism:
    value: partly
    reason: The forum meets, but partners have no say in the annual plan.
"""


def test_reconcile_settles_questions_on_which_known_answers_agree() -> None:
    result = reconcile(parse_answer_set(THREE_RESPONDENTS))
    assert result.answers["mandate.public"].value == "yes"
    assert result.answers["mandate.written"].value == "yes"
    assert result.answers["partners.feedback"].value == "no"


def test_reconcile_shows_each_disagreement_with_every_respondent() -> None:
    result = reconcile(parse_answer_set(THREE_RESPONDENTS))
    (disagreement,) = result.disagreements
    assert disagreement.question == "partners.mechanism"
    assert dict(disagreement.values) == {
        "director": "yes",
        "partner-ngo": "partly",
        "resident": "no",
    }


def test_reconcile_uses_the_agreed_answer_and_keeps_its_reason() -> None:
    result = reconcile(parse_answer_set(THREE_RESPONDENTS))
    assert result.answers["partners.mechanism"].value == "partly"
    assert result.disagreements[0].reason.startswith("The forum meets")
    assert result.unresolved == ()


def test_reconcile_unresolved_disagreement_counts_as_unknown() -> None:
    text = THREE_RESPONDENTS.split("agreed:")[0]
    result = reconcile(parse_answer_set(text))
    assert result.answers["partners.mechanism"].value is None
    assert [d.question for d in result.unresolved] == ["partners.mechanism"]


def test_reconcile_agreed_answer_without_reason_is_refused() -> None:
    text = THREE_RESPONDENTS.replace(
        "    reason: The forum meets, but partners have no say in the annual plan.\n", ""
    )
    with pytest.raises(AnswersError, match="needs a reason"):
        parse_answer_set(text)


def test_reconcile_unknown_role_is_refused_with_the_roles() -> None:
    text = THREE_RESPONDENTS.replace("role: community_member", "role: neighbour")
    with pytest.raises(AnswersError, match="community_member"):
        parse_answer_set(text)


def test_merge_files_of_one_office_makes_respondents_of_each_file() -> None:
    staff = parse_answer_set("office: OVP\nanswers:\n  mandate.public: yes\n", file="staff.yaml")
    partner = parse_answer_set("office: OVP\nanswers:\n  mandate.public: no\n", file="ngo.yaml")
    merged = merge_answer_sets([staff, partner])
    result = reconcile(merged)
    assert [r.id for r in merged.respondents] == ["staff:respondent", "ngo:respondent"]
    assert result.disagreements[0].question == "mandate.public"


def test_merge_files_of_different_offices_is_refused() -> None:
    one = parse_answer_set("office: A\nanswers:\n  mandate.public: yes\n")
    two = parse_answer_set("office: B\nanswers:\n  mandate.public: yes\n")
    with pytest.raises(AnswersError, match="different offices"):
        merge_answer_sets([one, two])
