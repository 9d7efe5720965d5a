"""A public consultation's published aggregates: kept in an export, worded for a page.

The web site analyses the consultation's answers (:mod:`ovpkit.monitoring.consultation`)
and shows the aggregates that passed disclosure control. A static site has no server to
ask, so the export carries a *snapshot* of the same aggregates (:func:`snapshot`: raw
numbers, only what may be shown; a hidden area's count or share is not in it at all)
and where the consultation takes answers, if it is open. :func:`block` words a snapshot
in the reader's language; the web page and the static site both show its result, so
they say the same thing.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ovpkit import formats
from ovpkit.i18n import LANGUAGES, _, use_language
from ovpkit.monitoring import consultation as core
from ovpkit.monitoring.survey import AreaProportion
from ovpkit.publish.disclosure import MARKER, REASONS, footnote


def snapshot(
    result: core.ConsultationResult,
    consultation: core.OfficeConsultation,
    *,
    is_open: bool,
    address: str | None,
) -> dict[str, Any]:
    """The published aggregates as JSON: raw numbers, question texts in every language."""
    return {
        "open": is_open,
        "address": address if is_open else None,
        "threshold": result.threshold,
        "weighted": result.weighted,
        "answers": result.answers,
        "areas": [{"area": a.area, "answers": a.answers, "reason": a.reason} for a in result.areas],
        "questions": [_question(consultation, q) for q in result.questions]
        if result.published
        else [],
    }


def _question(consultation: core.OfficeConsultation, result: core.QuestionResult) -> dict[str, Any]:
    texts = {}
    for lang in LANGUAGES:
        with use_language(lang):
            texts[lang] = core.question_text(consultation, result.question)
    return {
        "texts": texts,
        "headline": _share(result.headline) if result.headline else None,
        "options": [_share(s) for s in result.options],
    }


def _share(share: core.Share) -> dict[str, Any]:
    return {
        "label": share.label,  # the English message id, translated where shown
        "overall": _proportion(share.overall),
        "areas": [_proportion(a) for a in share.areas],
    }


def _proportion(p: AreaProportion) -> dict[str, Any]:
    """A share and its interval; a hidden one keeps only its area (no count, no share)."""
    if p.suppressed or p.estimate is None:
        return {"area": p.area, "estimate": None}
    return {"area": p.area, "estimate": p.estimate, "lower": p.lower, "upper": p.upper,
            "reliable": p.reliable}  # fmt: skip


def block(kept: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """The snapshot worded for a page in the current language (None: no consultation)."""
    if not kept:
        return None
    threshold = int(kept["threshold"])
    answers = kept["answers"]
    return {
        "open": bool(kept["open"]),
        "address": kept.get("address"),
        "published": answers is not None,
        "answers": formats.count(answers) if answers is not None else None,
        "threshold": formats.count(threshold),
        "weighted": bool(kept["weighted"]),
        "areas": [_area_count(a, threshold) for a in kept["areas"]],
        "questions": [_worded_question(q) for q in kept["questions"]],
        "marker": MARKER,
        "footnote": footnote(threshold),
        "hidden_any": any(a["answers"] is None for a in kept["areas"]),
        "unanswered": [a["area"] for a in kept["areas"] if a["answers"] == 0],
    }


def _area_count(area: Mapping[str, Any], threshold: int) -> dict[str, Any]:
    why = _(REASONS[area["reason"]]).format(n=threshold) if area.get("reason") else ""
    shown = formats.count(area["answers"]) if area["answers"] is not None else MARKER
    return {"name": area["area"], "answers": shown, "why": why}


def _worded_question(question: Mapping[str, Any]) -> dict[str, Any]:
    from ovpkit.i18n import current_language

    texts = question["texts"]
    lang = current_language().split("-")[0]
    return {
        "text": texts.get(lang) or texts.get("en", ""),
        "headline": _worded_share(question["headline"]) if question["headline"] else None,
        "options": [_worded_share(s) for s in question["options"]],
    }


def _worded_share(share: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "label": _(share["label"]),
        "overall": _worded_proportion(share["overall"]),
        "areas": [{"name": a["area"], **_worded_proportion(a)} for a in share["areas"]],
    }


def _worded_proportion(p: Mapping[str, Any]) -> dict[str, Any]:
    if p.get("estimate") is None:
        return {"share": MARKER, "interval": "", "reliable": True}
    interval = (
        f"{formats.percent(p.get('lower') or 0.0)} – {formats.percent(p.get('upper') or 0.0)}"
    )
    return {"share": formats.percent(p["estimate"]), "interval": interval,
            "reliable": bool(p.get("reliable"))}  # fmt: skip
