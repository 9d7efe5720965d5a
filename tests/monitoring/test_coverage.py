"""Coverage audit: participants' shares against victims' shares."""

from __future__ import annotations

import pytest

from ovpkit.monitoring import CoverageVerdict, coverage_audit
from ovpkit.monitoring.records import CoverageAudit


def audit(participants: list[dict[str, object]], victims: list[dict[str, object]]) -> CoverageAudit:
    return CoverageAudit.model_validate(
        {"id": "a", "participants": participants, "victims": victims}
    )


def test_coverage_representation_and_gap_by_hand() -> None:
    # victims: area A 60, B 30, C 10; participants: A 30, B 50, C 20
    result = coverage_audit(
        audit(
            [{"area": "A", "count": 30}, {"area": "B", "count": 50}, {"area": "C", "count": 20}],
            [{"area": "A", "count": 60}, {"area": "B", "count": 30}, {"area": "C", "count": 10}],
        )
    )
    (dimension,) = result.dimensions
    assert dimension.most_affected.group == "A"
    assert dimension.most_affected.representation == pytest.approx(0.3 / 0.6)
    assert dimension.under_reached == ("A",)
    assert dimension.gap == pytest.approx(0.6 - 0.3)
    assert dimension.dissimilarity == pytest.approx(0.5 * (0.3 + 0.2 + 0.1))
    assert dimension.verdict is CoverageVerdict.MISSING


def test_coverage_focused_program_is_not_penalised_for_over_reaching() -> None:
    result = coverage_audit(
        audit(
            [{"sex": "male", "count": 95}, {"sex": "female", "count": 5}],
            [{"sex": "male", "count": 80}, {"sex": "female", "count": 20}],
        )
    )
    (dimension,) = result.dimensions
    assert dimension.under_reached == ("female",)
    assert dimension.gap == pytest.approx(0.15)
    assert dimension.verdict is CoverageVerdict.PARTLY


def test_coverage_cross_classified_cells_are_summed_per_dimension() -> None:
    cells = [
        {"sex": "male", "age_group": "15-24", "count": 40},
        {"sex": "male", "age_group": "25-34", "count": 20},
        {"sex": "female", "age_group": "15-24", "count": 10},
    ]
    result = coverage_audit(audit(cells, cells))
    assert [d.dimension for d in result.dimensions] == ["age_group", "sex"]
    assert all(d.gap == 0 for d in result.dimensions)
    assert result.verdict is CoverageVerdict.REACHING


def test_coverage_few_victims_are_not_judged() -> None:
    result = coverage_audit(audit([{"area": "A", "count": 9}], [{"area": "B", "count": 4}]))
    assert result.verdict is CoverageVerdict.TOO_FEW
    assert result.gap is None
