"""Ranked full-text search over the knowledge base.

Uses SQLite's FTS5 (in Python's standard library) with the Porter stemmer and
BM25 ranking, so "diagnoses" finds "diagnosis" and rare words weigh more than
common ones. The index is built in memory on each search: the knowledge base is
small (hundreds of records), so building it takes milliseconds.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass

from ovpkit.knowledge.base import KnowledgeBase
from ovpkit.knowledge.models import Citation


@dataclass(frozen=True)
class SearchHit:
    kind: str  # criterion, takeaway, finding, practice, tradeoff, fact, office, ...
    key: str
    title: str
    text: str
    citation: Citation
    quote: str
    score: float


@dataclass(frozen=True)
class _Document:
    kind: str
    key: str
    title: str
    text: str
    citation: Citation
    quote: str


def search(base: KnowledgeBase, query: str, *, limit: int = 10) -> list[SearchHit]:
    """Return the best matches for ``query``: records with all its words first, then some."""
    terms = re.findall(r"\w+", query)
    if not terms:
        return []
    documents = list(_documents(base))
    connection = sqlite3.connect(":memory:")
    connection.execute(
        "CREATE VIRTUAL TABLE docs USING fts5(title, text, quote, "
        "tokenize='porter unicode61 remove_diacritics 2')"
    )
    connection.executemany(
        "INSERT INTO docs(rowid, title, text, quote) VALUES (?, ?, ?, ?)",
        [(i, d.title, d.text, d.quote) for i, d in enumerate(documents)],
    )
    quoted = [f'"{term}"' for term in terms]
    rows = _ranked(connection, " AND ".join(quoted), limit)
    if len(rows) < limit and len(terms) > 1:  # then records with only some of the words
        seen = {rowid for rowid, _rank in rows}
        extra = _ranked(connection, " OR ".join(quoted), limit)
        rows += [row for row in extra if row[0] not in seen][: limit - len(rows)]
    connection.close()
    return [_hit(documents[rowid], -rank) for rowid, rank in rows]


def _ranked(connection: sqlite3.Connection, match: str, limit: int) -> list[tuple[int, float]]:
    query = (
        "SELECT rowid, bm25(docs, 5.0, 2.0, 1.0) AS rank FROM docs WHERE docs MATCH ? "
        "ORDER BY rank LIMIT ?"
    )
    return [(int(rowid), float(rank)) for rowid, rank in connection.execute(query, (match, limit))]


def _hit(document: _Document, score: float) -> SearchHit:
    return SearchHit(
        kind=document.kind,
        key=document.key,
        title=document.title,
        text=document.text,
        citation=document.citation,
        quote=document.quote,
        score=round(score, 4),
    )


def _documents(base: KnowledgeBase) -> Iterator[_Document]:
    for c in base.criteria:
        yield _Document(
            "criterion", str(c.id), c.name, f"{c.definition} {c.rationale}", c.citation, c.quote
        )
        for i, f in enumerate(c.findings):
            yield _Document("finding", f"{c.id}.{i + 1}", c.name, f.text, f.citation, f.quote)
        for i, t in enumerate(c.key_takeaways):
            yield _Document("takeaway", f"{c.id}.{i + 1}", c.name, t.text, t.citation, t.quote)
    for p in base.practices:
        yield _Document("practice", p.id, p.title, p.summary, p.citation, p.quote)
    for tradeoff in base.tradeoffs:
        text = f"{tradeoff.gain} {tradeoff.cost}"
        yield _Document(
            "tradeoff", tradeoff.id, tradeoff.topic, text, tradeoff.citation, tradeoff.quote
        )
    for fact in base.facts:
        yield _Document("fact", fact.id, fact.kind.value, fact.statement, fact.citation, fact.quote)
    for o in base.offices:
        title = f"{o.name} ({o.city}, {o.country})"
        yield _Document("office", o.slug, title, o.acronym or "", o.citation, o.quote)
    for n in base.key_notions:
        yield _Document("key notion", n.id, n.title, n.summary, n.citation, n.quote)
    for m in base.office_models:
        text = " ".join((m.description, *m.strengths, *m.risks))
        yield _Document("office model", m.id.value, m.name, text, m.citation, m.quote)
    for level in base.prevention_levels:
        yield _Document(
            "prevention level",
            level.id.value,
            level.name,
            level.definition,
            level.citation,
            level.quote,
        )
