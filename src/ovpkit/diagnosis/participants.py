"""Packed participant lists: one source row that names several people.

The Gun Violence Archive writes the people of an incident in one cell per
attribute: ``participant_type`` "0::Victim||1::Subject-Suspect",
``participant_age`` "0::25". A mapping's ``unpack:`` block names these
columns; here they become one row per kept participant (each victim, say) in
DuckDB SQL over the ``_clean`` view, so no Python loop touches a row.

Accounting stays per source row. A row with kept participants gives one row
per participant (``_part`` is the participant's index); a row with none, or
with a packed cell that cannot be read, gives one placeholder row that carries
the reason, and the whole source row is set aside.
"""

from __future__ import annotations

from dataclasses import dataclass

from ovpkit.diagnosis.mapping import Syntax, Unpack
from ovpkit.diagnosis.parsers import Compiled, literal, one_of

EXCLUDED = "excluded: "
UNPACK_VIEWS = ("_unpacked", "_people", "_cells", "_lists")


@dataclass(frozen=True)
class Unpacked:
    """The views that unpack a file, and what the parsing SELECT adds for them.

    ``staged`` maps each packed column's name to its staged column (``c<i>``);
    ``problems`` are the row-level reasons, one per packed column (named
    ``u<i>``), with ``raws`` giving the value shown next to each; ``labels``
    names them in the quarantine table (the source column).
    """

    views: tuple[str, ...]
    staged: dict[str, str]
    problems: dict[str, Compiled]
    raws: dict[str, str]
    labels: dict[str, str]

    def item(self, column: str) -> str:
        """The participant's item as written ("2::abc"), shown when its value is bad."""
        return f"i{self.staged[column][1:]}"


def unpack_views(unpack: Unpack, staged: dict[str, str]) -> Unpacked:
    """Compile the ``_lists`` → ``_cells`` → ``_people`` → ``_unpacked`` views.

    ``staged`` maps each packed column to its ``c<i>`` column in ``_clean``.
    """
    keep = staged[unpack.keep.column]
    cols = [staged[c] for c in unpack.columns]
    lists = [f"{_items(c, s)} AS _s{c[1:]}_{j}" for c in cols for j, s in enumerate(unpack.syntax)]
    cells = [_chosen(c, len(unpack.syntax)) for c in cols]
    cells += [_unreadable(c, unpack.syntax) for c in cols]
    # Indices the keep column lists: none when it is empty, unknown (NULL) when unreadable.
    ids = f"CASE WHEN {keep} IS NULL THEN [] ELSE list_transform(_l{keep[1:]}, lambda _q: _q.i) END"
    people = [
        f"list_filter(_l{c[1:]}, lambda _p: NOT list_contains({ids}, _p.i)) AS _mm{c[1:]}"
        for c in cols
        if c != keep
    ]
    wanted = one_of("_p.v", unpack.keep.equals)
    people.append(f"list_transform(list_filter(_l{keep[1:]}, lambda _p: {wanted}), "
                  "lambda _p: _p.i) AS _kept")  # fmt: skip
    broken = [f"_bad{c[1:]} IS NOT NULL" for c in cols]
    broken += [f"len(_mm{c[1:]}) > 0" for c in cols if c != keep]
    people.append(f"COALESCE({' OR '.join(broken)}, FALSE) AS _broken")
    views = (
        f"CREATE OR REPLACE TEMP VIEW _lists AS SELECT *, {', '.join(lists)} FROM _clean",
        f"CREATE OR REPLACE TEMP VIEW _cells AS SELECT *, {', '.join(cells)} FROM _lists",
        f"CREATE OR REPLACE TEMP VIEW _people AS SELECT *, {', '.join(people)} FROM _cells",
        _unpacked_view(unpack, cols, keep),
    )
    problems = {f"u{c[1:]}": Compiled("NULL", f"_pu{c[1:]}") for c in cols}
    raws = {f"u{c[1:]}": f"_ru{c[1:]}" for c in cols}
    labels = {f"u{staged[name][1:]}": name for name in unpack.columns}
    return Unpacked(views, dict(staged), problems, raws, labels)


def _items(cell: str, syntax: Syntax) -> str:
    """The cell as a list of {i: index, v: value, t: item as written}; i is NULL if unreadable."""
    sep = literal(syntax.index)
    head = f"TRIM(substr(_t, 1, strpos(_t, {sep}) - 1))"
    index = f"CASE WHEN regexp_full_match({head}, '[0-9]+') THEN TRY_CAST({head} AS BIGINT) END"
    value = f"NULLIF(TRIM(substr(_t, strpos(_t, {sep}) + {len(syntax.index)})), '')"
    parts = f"list_filter(string_split({cell}, {literal(syntax.items)}), lambda _t: TRIM(_t) <> '')"
    item = f"{{'i': CASE WHEN strpos(_t, {sep}) > 0 THEN {index} END, 'v': {value}, 't': TRIM(_t)}}"
    return f"list_transform({parts}, lambda _t: {item})"


def _indexed(items: str) -> str:
    """SQL true when every item has an index."""
    return f"len(list_filter({items}, lambda _p: _p.i IS NULL)) = 0"


def _distinct(items: str) -> str:
    return f"len(list_distinct(list_transform({items}, lambda _p: _p.i))) = len({items})"


def _chosen(cell: str, syntaxes: int) -> str:
    """The first syntax's reading of the cell in which every index is present and distinct."""
    k = cell[1:]
    whens = " ".join(
        f"WHEN {_indexed(f'_s{k}_{j}')} AND {_distinct(f'_s{k}_{j}')} THEN _s{k}_{j}"
        for j in range(syntaxes)
    )
    return f"CASE {whens} END AS _l{k}"


def _unreadable(cell: str, syntaxes: tuple[Syntax, ...]) -> str:
    """Why a filled cell has no reading: a repeated index, or not a packed list at all."""
    k = cell[1:]
    written = " or ".join(f"0{s.index}value{s.items}1{s.index}value" for s in syntaxes)
    repeated = " OR ".join(f"{_indexed(f'_s{k}_{j}')}" for j in range(len(syntaxes)))
    return (
        f"CASE WHEN {cell} IS NULL OR _l{k} IS NOT NULL THEN NULL "
        f"WHEN {repeated} THEN 'a participant index appears twice' "
        f"ELSE {literal('not a packed list of participants (expected ' + written + ')')} "
        f"END AS _bad{k}"
    )


def _unpacked_view(unpack: Unpack, cols: list[str], keep: str) -> str:
    """One row per kept participant, or one placeholder row carrying the reason."""
    helpers = [f"_s{c[1:]}_{j}" for c in cols for j in range(len(unpack.syntax))]
    helpers += [f"_l{c[1:]}" for c in cols] + [f"_bad{c[1:]}" for c in cols]
    helpers += [f"_mm{c[1:]}" for c in cols if c != keep] + ["_kept", "_broken"]
    mine = {c: f"list_filter(_l{c[1:]}, lambda _p: _p.i = _part)[1]" for c in cols}
    replaced = ", ".join(f"{mine[c]}.v AS {c}" for c in cols)
    extra = [f"{mine[c]}.t AS i{c[1:]}" for c in cols]
    for c in cols:
        reason, raw = _keep_reason(unpack, c) if c == keep else _column_reason(unpack, c)
        extra += [f"{reason} AS _pu{c[1:]}", f"{raw} AS _ru{c[1:]}"]
    parts = "CASE WHEN _broken OR COALESCE(len(_kept), 0) = 0 THEN [NULL] ELSE _kept END"
    return (
        "CREATE OR REPLACE TEMP VIEW _unpacked AS SELECT * "
        f"EXCLUDE ({', '.join(helpers)}, _part) REPLACE ({replaced}), "
        f"CAST(_part AS BIGINT) AS _part, {', '.join(extra)} "
        f"FROM (SELECT *, UNNEST({parts}) AS _part FROM _people)"
    )


def _keep_reason(unpack: Unpack, cell: str) -> tuple[str, str]:
    k, keep = cell[1:], unpack.keep
    none = literal(f"{EXCLUDED}no participants listed in {keep.column}")
    who = " or ".join(keep.equals)
    nobody = literal(f"{EXCLUDED}no participant whose {keep.column} is {who}")
    reason = (
        f"CASE WHEN _bad{k} IS NOT NULL THEN _bad{k} WHEN {cell} IS NULL THEN {none} "
        f"WHEN COALESCE(len(_kept), 0) = 0 THEN {nobody} END"
    )
    return reason, cell


def _column_reason(unpack: Unpack, cell: str) -> tuple[str, str]:
    k = cell[1:]
    stray = literal(f"a participant listed here is not in {unpack.keep.column} (index mismatch)")
    reason = f"CASE WHEN _bad{k} IS NOT NULL THEN _bad{k} WHEN len(_mm{k}) > 0 THEN {stray} END"
    raw = f"CASE WHEN _bad{k} IS NOT NULL THEN {cell} ELSE _mm{k}[1].t END"
    return reason, raw
