"""The knowledge base's search, as the search page shows it: the core's ranked search
(``ovpkit.knowledge.search``, the one ``ovpkit search`` runs) with each hit's texts in the
reader's language, as the command line words them."""

from __future__ import annotations

from dataclasses import dataclass

from ovpkit.cli.knowledge_text import citation_label, hit_texts, kind_word
from ovpkit.knowledge import KnowledgeBase
from ovpkit.knowledge.search import search

#: at most this many results on the page (the search ranks them, best first)
LIMIT = 20
#: a longer query is cut here: nobody types more, and the index need not read it
MAX_QUERY = 200


@dataclass(frozen=True)
class Hit:
    title: str
    text: str
    kind: str
    criterion: int | None  # the criterion page the hit belongs to, if any
    source: str
    quote: str


def hits(base: KnowledgeBase, query: str) -> list[Hit]:
    """The best matches for ``query``, worded in the current language."""
    found = []
    for hit in search(base, query[:MAX_QUERY], limit=LIMIT):
        title, text = hit_texts(base, hit)
        found.append(
            Hit(
                title=title,
                text=text,
                kind=kind_word(hit.kind),
                criterion=_criterion(hit.kind, hit.key),
                source=citation_label(hit.citation),
                quote=hit.quote,
            )
        )
    return found


def _criterion(kind: str, key: str) -> int | None:
    if kind == "criterion":
        return int(key)
    if kind in ("finding", "takeaway"):
        return int(key.split(".")[0])
    return None
