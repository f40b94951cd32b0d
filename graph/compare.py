"""Side-by-side comparison of two regimes (e.g. Option 1 and Option 2), built from named queries.

Four aspects are compared, each row carrying the evidence (quotes and fact ids) that puts it there:

- ``duties``: for each duty, power or function, who holds it under each regime;
- ``bodies``: bodies and offices that have a role (hold something, sit on a board, are created,
  abolished or replaced) under one regime and not the other;
- ``boards``: who sits on which board under each regime;
- ``changes``: what each regime creates, abolishes, merges, transfers, repeals, revokes, retains...

A row is *shared* when both sides say the same thing; by default only differences are kept, so a
researcher sees what choosing one regime over the other changes. The CLI, the viewer and the server
all render :class:`Comparison` through :meth:`Comparison.to_result`, like any query result.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import Literal, URIRef

from nhskg.errors import QueryError
from nhskg.graph.engine import DEFAULT_TIMEOUT, Engine, Result
from nhskg.graph.resolve import Resolver, _key
from nhskg.namespaces import FACT
from nhskg.queries.run import run_named

ASPECTS = ("duties", "bodies", "boards", "changes")
COLUMNS = ["aspect", "item", "kind", "underA", "underB", "same", "evidence", "facts"]
ABSENT = "—"
_IS_REGIME = "SELECT ?regime WHERE { ?regime a nhs:Regime }"


@dataclass(frozen=True)
class Row:
    """One compared item: what regime A and regime B each say about it, and why we believe it."""

    aspect: str
    item: str
    kind: str
    under_a: str
    under_b: str
    evidence: tuple[str, ...] = ()
    facts: tuple[str, ...] = ()

    @property
    def same(self) -> bool:
        return self.under_a == self.under_b


@dataclass
class Comparison:
    a: URIRef
    b: URIRef
    a_label: str
    b_label: str
    rows: list[Row] = field(default_factory=list)

    def differences(self) -> list[Row]:
        return [r for r in self.rows if not r.same]

    def shared(self) -> list[Row]:
        return [r for r in self.rows if r.same]

    def to_result(self, include_shared: bool = False) -> Result:
        """As a SELECT-style result, so every output format of ``nhskg query`` works here too."""
        rows = self.rows if include_shared else self.differences()
        out = []
        for r in rows:
            out.append({"aspect": Literal(r.aspect), "item": Literal(r.item), "kind": Literal(r.kind),
                        "underA": Literal(r.under_a), "underB": Literal(r.under_b),
                        "same": Literal("yes" if r.same else "no"),
                        "evidence": Literal(" | ".join(r.evidence)), "facts": Literal(" ".join(r.facts))})
        return Result("select", list(COLUMNS), out)


def compare(engine: Engine, a: str, b: str, timeout: float = DEFAULT_TIMEOUT,
            resolver: Resolver | None = None) -> Comparison:
    """Compare regimes ``a`` and ``b`` (labels, slugs or IRIs) on every aspect."""
    resolver = resolver or Resolver(engine)
    ia, ib = resolve_regime(engine, resolver, a), resolve_regime(engine, resolver, b)
    if ia == ib:
        raise QueryError(f"'{a}' and '{b}' are the same regime: give two different ones")
    cmp = Comparison(ia, ib, resolver.label(ia), resolver.label(ib))
    sides = {side: _Side.load(engine, iri, timeout, resolver) for side, iri in (("a", ia), ("b", ib))}
    cmp.rows += _duties(sides["a"], sides["b"])
    cmp.rows += _bodies(sides["a"], sides["b"])
    cmp.rows += _boards(sides["a"], sides["b"])
    cmp.rows += _changes(sides["a"], sides["b"])
    return cmp


def resolve_regime(engine: Engine, resolver: Resolver, text: str) -> URIRef:
    """A regime by label, alternative label, slug or IRI; a name shared with a non-regime means the regime."""
    regimes = {str(r["regime"]) for r in engine.run(_IS_REGIME).rows}
    hits = resolver.by_key.get(_key(text), set()) & regimes
    if len(hits) == 1:
        return URIRef(next(iter(hits)))
    iri = resolver.resolve(text)
    if str(iri) not in regimes:
        names = sorted(resolver.label(r) for r in regimes)
        raise QueryError(f"'{text}' is not a regime; regimes are: {', '.join(names)}")
    return iri


# ---------------------------------------------------------------- one regime's facts
@dataclass
class _Fact:
    label: str
    evidence: set[str] = field(default_factory=set)
    facts: set[str] = field(default_factory=set)

    def add(self, quote: object, fact: object) -> None:
        for q in str(quote or "").split(" | "):
            if q.strip():
                self.evidence.add(q.strip())
        if fact is not None:
            self.facts.add(str(fact).removeprefix(str(FACT)))


@dataclass
class _Side:
    """What one regime says, keyed by IRIs so labels never decide identity."""

    holdings: dict[str, dict[str, _Fact]]      # position -> holder -> fact
    positions: dict[str, tuple[str, str]]      # position -> (label, kind)
    seats: dict[str, dict[tuple[str, str], _Fact]]  # member -> (board, role) -> fact
    changes: dict[str, dict[str, _Fact]]       # target -> action (with result) -> fact
    targets: dict[str, tuple[str, str]]        # target -> (label, kind)
    labels: dict[str, str]

    @classmethod
    def load(cls, engine: Engine, regime: URIRef, timeout: float, resolver: Resolver) -> _Side:
        side = cls(defaultdict(dict), {}, defaultdict(dict), defaultdict(dict), {}, {})
        params = {"regime": str(regime)}
        for r in run_named(engine, "duty-matrix", params, timeout, resolver).rows:
            pos, holder = str(r["position"]), str(r["holder"])
            side.positions[pos] = (str(r["positionLabel"]), str(r["positionKind"]))
            side.labels[holder] = str(r["holderLabel"])
            side.holdings[pos].setdefault(holder, _Fact(str(r["holderLabel"]))).add(r["evidence"], r["fact"])
        for r in run_named(engine, "board-membership", params, timeout, resolver).rows:
            member, board = str(r["member"]), str(r["board"])
            side.labels[member], side.labels[board] = str(r["memberLabel"]), str(r["boardLabel"])
            role = f" as {r['roleLabel']}" if r.get("roleLabel") is not None else ""
            side.seats[member].setdefault((board, role), _Fact(f"{r['boardLabel']}{role}")).add(r["quote"], r["fact"])
        for r in run_named(engine, "regime-changes", params, timeout, resolver).rows:
            target = str(r["target"])
            side.targets[target] = (str(r["targetLabel"]), str(r["targetKind"]))
            side.labels[target] = str(r["targetLabel"])
            what = str(r["action"]) + (f" (to {r['resultLabel']})" if r.get("resultLabel") is not None else "")
            side.changes[target].setdefault(what, _Fact(what)).add(r["evidence"], r["fact"])
        return side

    def roles(self) -> dict[str, dict[str, _Fact]]:
        """Body or office -> what it does under this regime (holds, sits on, is created/abolished...)."""
        out: dict[str, dict[str, _Fact]] = defaultdict(dict)
        for pos, holders in self.holdings.items():
            for holder, f in holders.items():
                role = out[holder].setdefault("holds", _Fact("holds"))
                role.evidence |= f.evidence
                role.facts |= f.facts
        for member, boards in self.seats.items():
            for (board, _role), f in boards.items():
                out[member].setdefault("member", _Fact("sits on a board")).facts.update(f.facts)
                out[board].setdefault("board", _Fact("is a board")).facts.update(f.facts)
        for target, actions in self.changes.items():
            if self.targets[target][1] != "body":
                continue
            for what, f in actions.items():
                verb = what.split(" ")[0]
                role = out[target].setdefault(verb, _Fact(_PASSIVE.get(verb, verb)))
                role.evidence |= f.evidence
                role.facts |= f.facts
        return out


_PASSIVE = {"creates": "created", "abolishes": "abolished", "renames": "renamed", "replaces": "replaced",
            "merges": "merged", "transfers": "transferred", "removes-from": "removed from"}


# ---------------------------------------------------------------- the four aspects
def _side_text(items: dict) -> str:
    return "; ".join(sorted(f.label for f in items.values())) or ABSENT


def _evidence(*groups: dict, only: set | None = None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    quotes, facts = set(), set()
    for g in groups:
        for key, f in g.items():
            if only is None or key in only:
                quotes |= f.evidence
                facts |= f.facts
    return tuple(sorted(quotes)), tuple(sorted(facts))


def _duties(a: _Side, b: _Side) -> list[Row]:
    rows = []
    for pos in set(a.holdings) | set(b.holdings):
        label, kind = a.positions.get(pos) or b.positions[pos]
        ha, hb = a.holdings.get(pos, {}), b.holdings.get(pos, {})
        moved = set(ha) ^ set(hb)
        ev, facts = _evidence(ha, hb, only=moved or None)
        rows.append(Row("duties", label, kind, _side_text(ha), _side_text(hb), ev, facts))
    return sorted(rows, key=lambda r: (r.kind, r.item))


def _bodies(a: _Side, b: _Side) -> list[Row]:
    ra, rb = a.roles(), b.roles()
    rows = []
    for body in set(ra) | set(rb):
        label = a.labels.get(body) or b.labels.get(body) or body
        da, db = ra.get(body, {}), rb.get(body, {})
        ta = "; ".join(sorted(f.label for f in da.values())) or ABSENT
        tb = "; ".join(sorted(f.label for f in db.values())) or ABSENT
        # present on both sides with no change of status counts as the same, whatever the detail
        same_status = bool(da) and bool(db) and not ({k for k in da if k in _PASSIVE} ^ {k for k in db if k in _PASSIVE})
        ev, facts = _evidence(da, db)
        rows.append(Row("bodies", label, "actor", "present" if same_status else ta,
                        "present" if same_status else tb, ev[:3], facts))
    return sorted(rows, key=lambda r: r.item.casefold())


def _boards(a: _Side, b: _Side) -> list[Row]:
    rows = []
    for member in set(a.seats) | set(b.seats):
        label = a.labels.get(member) or b.labels.get(member) or member
        sa, sb = a.seats.get(member, {}), b.seats.get(member, {})
        ev, facts = _evidence(sa, sb, only=(set(sa) ^ set(sb)) or None)
        rows.append(Row("boards", label, "member", _side_text(sa), _side_text(sb), ev, facts))
    return sorted(rows, key=lambda r: r.item.casefold())


def _changes(a: _Side, b: _Side) -> list[Row]:
    rows = []
    for target in set(a.changes) | set(b.changes):
        label, kind = a.targets.get(target) or b.targets[target]
        ca, cb = a.changes.get(target, {}), b.changes.get(target, {})
        ev, facts = _evidence(ca, cb, only=(set(ca) ^ set(cb)) or None)
        rows.append(Row("changes", label, kind, _side_text(ca), _side_text(cb), ev, facts))
    return sorted(rows, key=lambda r: (r.kind, r.item.casefold()))

