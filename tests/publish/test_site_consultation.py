"""The static site says where the consultation is and shows its published aggregates."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ovpkit.monitoring import consultation as core
from ovpkit.publish.public import OfficeText, public_document, write_site
from ovpkit.publish.public.consultation import snapshot

AREAS = (core.Area(name="Norte", population=30_000), core.Area(name="Sur", population=10_000),
         core.Area(name="Isla", population=500))  # fmt: skip
ADDRESS = "https://ovp.example.org/consultation/palmira/"


def _snapshot(is_open: bool, *, isla: int = 3) -> dict[str, Any]:
    """20 answers in Norte (6 "very unsafe" after dark), 20 in Sur, ``isla`` in Isla."""
    doc = core.default_consultation(AREAS)
    base = {"safe_daytime": "fairly_safe", "compared_last_year": "same", "avoided_places": "no"}
    answers = [core.Response(area="Norte", answers={**base, "safe_after_dark":
               "very_unsafe" if i < 6 else "very_safe"}) for i in range(20)]  # fmt: skip
    answers += [core.Response(area="Sur", answers={**base, "safe_after_dark": "fairly_safe"})
                for _ in range(20)]  # fmt: skip
    answers += [core.Response(area="Isla", answers={**base, "safe_after_dark": "very_unsafe"})
                for _ in range(isla)]  # fmt: skip
    result = core.analyse(doc, answers)
    return snapshot(result, doc, is_open=is_open, address=ADDRESS)


def _page(tmp_path: Path, consultation: dict[str, Any] | None, lang: str = "en") -> str:
    office = OfficeText("palmira", "Palmira", "Prevenir la violencia.", "es")
    document = public_document(office)
    if consultation is not None:
        document["consultation"] = json.loads(json.dumps(consultation))  # as an export keeps it
    write_site([document], tmp_path)
    return (tmp_path / lang / "palmira.html").read_text("utf-8")


def test_an_open_consultation_is_linked_at_the_offices_address(tmp_path: Path) -> None:
    page = _page(tmp_path, _snapshot(is_open=True))
    assert f'href="{ADDRESS}"' in page
    assert "not open" not in page


def test_a_closed_or_absent_consultation_is_said_not_open_in_the_readers_language(
    tmp_path: Path,
) -> None:
    for kept in (_snapshot(is_open=False), None):
        english = _page(tmp_path / "en", kept)
        spanish = _page(tmp_path / "es", kept, lang="es")
        assert ADDRESS not in english and "The consultation is not open" in english
        assert "La consulta no está abierta" in spanish


def test_the_aggregates_are_shown_and_a_small_area_stays_hidden(tmp_path: Path) -> None:
    kept = _snapshot(is_open=True, isla=3)
    page = _page(tmp_path, kept, lang="es")
    isla = next(a for a in kept["areas"] if a["area"] == "Isla")
    assert isla["answers"] is None  # 3 answers: below the threshold, not in the export
    assert "3 people" not in json.dumps(kept)
    row = page[page.index("<td>Isla</td>") : page.index("</tr>", page.index("<td>Isla</td>"))]
    assert "<td>x</td>" in row
    assert "Norte" in page and "personas respondieron" in page
