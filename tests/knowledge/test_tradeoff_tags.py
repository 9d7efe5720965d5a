"""Tradeoff tags: every tradeoff is tagged, with the tag vocabulary of the practices."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from ovpkit.knowledge import KnowledgeBase, load_knowledge_base
from ovpkit.knowledge.models import Tradeoff


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge_base()


def test_tradeoffs_every_one_has_a_tag(kb: KnowledgeBase) -> None:
    untagged = [t.id for t in kb.tradeoffs if not t.tags]

    assert len(kb.tradeoffs) == 36
    assert not untagged


def test_tradeoff_tags_are_in_the_practice_tag_vocabulary(kb: KnowledgeBase) -> None:
    # The rubric's tags are a subset of the practices' (tests/assessment/test_rubric_data.py),
    # so the practices' tags are the whole vocabulary the assessment matches on.
    vocabulary = {tag for practice in kb.practices for tag in practice.tags}

    unknown = {(t.id, tag) for t in kb.tradeoffs for tag in t.tags if tag not in vocabulary}

    assert not unknown, sorted(unknown)


def test_tradeoff_tags_name_each_tag_once(kb: KnowledgeBase) -> None:
    repeated = [t.id for t in kb.tradeoffs if len(set(t.tags)) != len(t.tags)]

    assert not repeated


def test_tradeoff_tag_that_is_not_a_slug_is_refused(kb: KnowledgeBase) -> None:
    record = kb.tradeoffs[0].model_dump(exclude={"citation": {"title"}})

    with pytest.raises(ValidationError, match="tags"):
        Tradeoff.model_validate({**record, "tags": ["Police Coordination"]})
