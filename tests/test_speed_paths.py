"""The fast paths of issue #14 give exactly what the full paths give.

A. `diff` schedules only the partners that changed: its changes equal those of the
   whole schedules of both sides, on the shipped plans under many kinds of edits.
B. `schedule --format json` is `json.dumps(rows, ensure_ascii=False, indent=2)` to the
   byte, on the shipped plans, a 40,000-activity plan and hostile text.
C. `report` counts a network one organisation at a time (and in two processes): its
   Report equals the one the previous, all-events-in-memory code built (kept below as
   the reference), and the documents are the same bytes.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from partnerplan.dates.events import event_rows, events_json
from partnerplan.dates.schedule import plan_schedule
from partnerplan.documents.build import Network, load_network, report
from partnerplan.documents.report import (
    Booking,
    Conflict,
    OrgFigures,
    OrgPlan,
    Outcome,
    Report,
    build_report,
)
from partnerplan.git.diff import _match_activities, diff_events, diff_plans, partners_to_schedule
from partnerplan.git.revisions import diff_bytes
from partnerplan.plan.load import load_text
from partnerplan.plan.loader import load_plan
from partnerplan.plan.network import registry_for

from .conftest import PLANS, ROOT

NETWORK_PLANS = sorted(p for p in (PLANS / "elbrus").glob("*.yaml") if p.name != "partners.yaml")
# The shipped plans that have activities (school_volgograd.yaml lists partners only; it
# is in the report tests below, which read the whole plans/ folder).
ALL_PLANS = [PLANS / "rukodelnitsa.yaml", *NETWORK_PLANS]


def _registry(path: Path) -> Any:
    found = registry_for(str(path))
    return found.registry if found is not None and found.registry is not None else "ids"


# --- A. diff: only changed partners are scheduled ------------------------------------


def _data(path: Path) -> dict[str, Any]:
    """The plan as plain data (text stays text), before a network's details are merged."""
    data = load_text(path.read_text(encoding="utf-8"), str(path)).data
    assert isinstance(data, dict)
    return data


def _raw(data: dict[str, Any]) -> bytes:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8")


def _with_activities(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [p for p in data["partners"] if p.get("activities")]


def _edit_period(d: dict[str, Any]) -> None:
    act = _with_activities(d)[0]["activities"][0]
    act.pop("dates", None)
    act["period"] = "Май" if act.get("period") != "Май" else "Октябрь"


def _rename_partner(d: dict[str, Any]) -> None:
    p = d["partners"][-1]
    p["name"] = (p.get("name") or p["id"]) + " (новое имя)"


def _add_partner(d: dict[str, Any]) -> None:
    p = copy.deepcopy(_with_activities(d)[0])
    p["id"], p["name"] = "added_partner", "Новый партнёр"
    d["partners"].append(p)


def _remove_partner(d: dict[str, Any]) -> None:
    d["partners"].remove(_with_activities(d)[-1])


def _new_partner_id(d: dict[str, Any]) -> None:
    p = _with_activities(d)[0]
    p.setdefault("name", p["id"])  # a network partner keeps its details under its new id
    p["id"] = p["id"] + "_renamed"


def _move_activity(d: dict[str, Any]) -> None:
    a, b = _with_activities(d)[:2]
    b["activities"].append(a["activities"].pop())


def _add_activity_and_reorder(d: dict[str, Any]) -> None:
    p = _with_activities(d)[-1]
    p["activities"].insert(0, {"form": "беседа", "title": "Новая беседа", "period": "Ноябрь"})
    d["partners"].reverse()  # order alone changes no event


def _calendar(d: dict[str, Any]) -> None:
    d["calendar"] = {**(d.get("calendar") or {}), "days_off": ["2025-10-06", "2026-05-14"]}


def _year(d: dict[str, Any]) -> None:
    d["year"] = "2026/2027"


def _vocabulary(d: dict[str, Any]) -> None:
    d["forms"] = [*(d.get("forms") or []), {"id": "talk", "name": "разговор"}]


def _planner(d: dict[str, Any]) -> None:
    d["planner"] = {**d["planner"], "name": d["planner"]["name"] + " (переименована)"}


def _title_only(d: dict[str, Any]) -> None:
    d["title"] = "Другой заголовок"


LOCAL_EDITS: dict[str, Callable[[dict[str, Any]], None]] = {
    "partner changed": _edit_period,
    "partner renamed": _rename_partner,
    "partner added": _add_partner,
    "partner removed": _remove_partner,
    "partner id renamed": _new_partner_id,
    "activity moved": _move_activity,
    "activity added, partners reordered": _add_activity_and_reorder,
    "title only": _title_only,
}
GLOBAL_EDITS: dict[str, Callable[[dict[str, Any]], None]] = {
    "calendar changed": _calendar,
    "year changed": _year,
    "vocabulary changed": _vocabulary,
    "planner renamed": _planner,
}


def _both(path: Path, edit: Callable[[dict[str, Any]], None]) -> tuple[bytes, bytes]:
    old = _data(path)
    new = copy.deepcopy(old)
    edit(new)
    return _raw(old), _raw(new)


def _full_diff(path: Path, old: bytes, new: bytes) -> tuple[list[Any], list[Any]]:
    """What `diff` gave before: both sides scheduled whole."""
    reg = _registry(path)
    a, b = load_plan(old, path=str(path), registry=reg), load_plan(new, path=str(path), registry=reg)
    assert a.ok and b.ok, (a.first_error(), b.first_error())
    assert a.plan is not None and b.plan is not None
    return diff_plans(a.plan, b.plan), diff_events(plan_schedule(a).events, plan_schedule(b).events)


def _fast_diff(path: Path, old: bytes, new: bytes) -> tuple[list[Any], list[Any]]:
    reg = _registry(path)
    found = diff_bytes(str(path), old, new, ("", ""), (reg, reg))
    assert found.problems == []
    return found.changes, found.schedule


def _scope(path: Path, old: bytes, new: bytes) -> frozenset[str] | None:
    reg = _registry(path)
    a, b = load_plan(old, path=str(path), registry=reg), load_plan(new, path=str(path), registry=reg)
    assert a.plan and b.plan and a.vocabulary and b.vocabulary
    return partners_to_schedule(a.plan, b.plan, a.vocabulary, b.vocabulary)


@pytest.mark.parametrize("path", ALL_PLANS, ids=lambda p: p.name)
@pytest.mark.parametrize("edit", [*LOCAL_EDITS, *GLOBAL_EDITS])
def test_diff_schedules_only_changed_partners_and_says_the_same(path: Path, edit: str) -> None:
    old, new = _both(path, {**LOCAL_EDITS, **GLOBAL_EDITS}[edit])
    assert old != new
    assert _fast_diff(path, old, new) == _full_diff(path, old, new)
    scope = _scope(path, old, new)
    if edit in GLOBAL_EDITS:
        assert scope is None  # everything is rescheduled
    else:
        assert scope is not None and len(scope) <= 2  # the edited partners, nothing else


def test_the_edits_do_move_events() -> None:
    """The comparison above is not empty-to-empty: edits add, remove and move events."""
    path = PLANS / "rukodelnitsa.yaml"
    kinds: Counter[str] = Counter()
    for edit in (_edit_period, _add_partner, _remove_partner, _new_partner_id, _calendar):
        _, schedule = _fast_diff(path, *_both(path, edit))
        kinds.update(c.kind for c in schedule)
    assert kinds["event_moved"] and kinds["event_added"] and kinds["event_removed"]


def test_scope_names_exactly_the_changed_partners() -> None:
    path = PLANS / "rukodelnitsa.yaml"
    old = _data(path)
    new = copy.deepcopy(old)
    first, second = _with_activities(new)[:2]
    _edit_period({"partners": [first]})
    new["partners"].remove(second)
    assert _scope(path, _raw(old), _raw(new)) == {first["id"], second["id"]}
    assert _scope(path, _raw(old), _raw(old)) == frozenset()


def test_partners_whose_events_could_share_an_identity_are_scheduled_together() -> None:
    """Partner «p0» with activity id «x.y» and partner «p0.x» with activity id «y» give
    events one identity: the diff of such a plan is left to the whole schedules."""
    path = PLANS / "rukodelnitsa.yaml"
    old = _data(path)
    first = _with_activities(old)[0]
    first["activities"][0]["id"] = "x.y"
    twin = {"id": first["id"] + ".x", "name": "Другой", "activities": [{"form": "беседа", "id": "y"}]}
    twin["activities"][0]["period"] = "Май"
    old["partners"].append(twin)
    new = copy.deepcopy(old)
    _edit_period({"partners": [new["partners"][-1]]})
    assert _scope(path, _raw(old), _raw(new)) is None
    assert _fast_diff(path, _raw(old), _raw(new)) == _full_diff(path, _raw(old), _raw(new))


def test_equal_partners_would_give_no_changes() -> None:
    """diff_plans passes over a partner equal on both sides; matching its activities
    would pair each with an equal one and leave none over, so nothing is lost."""
    for path in ALL_PLANS:
        checked = load_plan(path)
        assert checked.plan is not None
        for p in checked.plan.partners:
            twin = p.model_copy(deep=True)
            assert twin == p
            pairs, gone, came = _match_activities(p.activities, twin.activities)
            assert gone == [] and came == [] and all(x == y for x, y in pairs)
            assert len(pairs) == len(p.activities)


def test_cli_diff_of_two_files_is_unchanged(tmp_path: Path, run: Any) -> None:
    path = PLANS / "rukodelnitsa.yaml"
    old, new = _both(path, _edit_period)
    (tmp_path / "a.yaml").write_bytes(old)
    (tmp_path / "b.yaml").write_bytes(new)
    code, out, err = run("diff", str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml"), "--format", "json")
    assert code == 0, err
    changes, schedule = _full_diff(path, old, new)
    assert [c["kind"] for c in json.loads(out)[0]["changes"]] == [c.kind for c in changes]
    assert [c["kind"] for c in json.loads(out)[0]["schedule"]] == [c.kind for c in schedule]


# --- B. schedule --format json --------------------------------------------------------


def _reference_json(events: Any) -> str:
    return json.dumps(_reference_rows(events), ensure_ascii=False, indent=2) + "\n"


def _reference_rows(events: Any) -> list[dict[str, Any]]:
    """The records as `event_rows` wrote them before (a dict literal per event)."""
    return [
        {
            "date": e.date.isoformat() if e.date else None,
            "partner": e.partner,
            "partner_name": e.partner_name,
            "title": e.title,
            "form": e.form,
            "period": e.period,
            "kind": e.kind,
            "directions": list(e.directions),
            "responsible": e.responsible,
            "time": e.clock or None,
            "place": e.place,
            "note": e.note,
            "uid": e.uid,
            "line": e.line,
        }
        for e in events
    ]


@pytest.mark.parametrize("path", ALL_PLANS, ids=lambda p: p.name)
def test_schedule_json_is_byte_identical_on_shipped_plans(path: Path) -> None:
    events = plan_schedule(load_plan(path)).events
    assert events
    assert events_json(events).decode() == _reference_json(events)
    assert event_rows(events) == _reference_rows(events)


def test_schedule_json_is_byte_identical_on_a_40000_activity_plan() -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from genplan import plan_text
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    checked = load_plan(plan_text(40_000).encode("utf-8"), path="big.yaml", registry=None)
    events = plan_schedule(checked).events
    assert len(events) > 40_000
    assert events_json(events).decode() == _reference_json(events)


HOSTILE = [
    'кавычки " и \\ обратная черта',
    "строка\nс переводом\r\nи\tтабуляцией\x00\x1f",
    '"directions": ["x"], "line": 1}',
    "],\n    {",
    "\u2028\u2029 эмодзи 🎉 и суррогат-пара",
    "",
]


def test_schedule_json_is_byte_identical_for_hostile_text() -> None:
    base = plan_schedule(load_plan(PLANS / "rukodelnitsa.yaml")).events[0]
    events = [
        dataclasses.replace(
            base,
            title=text,
            partner_name=text or "x",
            note=text or None,
            place=None if i % 2 else text,
            directions=tuple(HOSTILE[: i % 4]),
            time=dt.time(9, 30) if i % 3 else None,
            end_time=dt.time(10, 0) if i % 3 == 1 else None,
            date=None if i == 2 else base.date,
            line=10**i,
        )
        for i, text in enumerate(HOSTILE)
    ]
    assert events_json(events).decode() == _reference_json(events)
    assert events_json([]).decode() == _reference_json([]) == "[]\n"
    assert json.loads(events_json(events).decode())[1]["title"] == HOSTILE[1]


def test_cli_schedule_json_is_the_reference(run: Any) -> None:
    path = PLANS / "rukodelnitsa.yaml"
    code, out, err = run("schedule", str(path), "--format", "json")
    assert code == 0, err
    assert out == _reference_json(plan_schedule(load_plan(path)).events)


# --- C. report: one organisation at a time --------------------------------------------


def _reference_report(orgs: list[OrgPlan], *, year_end: bool = False) -> Report:
    """build_report as it was before issue #14, every event of the network at hand."""
    r = Report(orgs=[o.name for o in orgs])
    months: Counter[date] = Counter()
    directions: Counter[str] = Counter()
    partner_events: Counter[str] = Counter()
    partner_orgs: dict[str, set[str]] = defaultdict(set)
    partner_names: dict[str, str] = {}
    bookings: dict[tuple[str, date], list[Booking]] = defaultdict(list)
    calendars: dict[str, list[Booking]] = defaultdict(list)
    for o in orgs:
        plan, voc = o.plan, o.vocabulary
        activities = sum(len(p.activities) for p in plan.partners)
        dated = [e for e in o.events if e.date is not None]
        r.events_total += len(dated)
        r.undated_total += sum(1 for e in o.events if e.date is None)
        r.activities_total += activities
        r.partners_total += len(plan.partners)
        r.by_org.append((o.name, len(plan.partners), activities, len(dated)))
        for p in plan.partners:
            partner_orgs[p.id].add(o.name)
            partner_names.setdefault(p.id, p.name)
            if not p.activities:
                r.idle_partners.append((o.name, p.name))
        for e in dated:
            assert e.date is not None
            months[e.date.replace(day=1)] += 1
            for d in e.directions or ("без направления",):
                directions[d] += 1
            partner_events[e.partner] += 1
            b = Booking(e.date, o.name, e.partner, e.partner_name, e.title)
            bookings[(e.partner, e.date)].append(b)
            calendars[e.partner].append(b)
        used = {d for p in plan.partners for d in p.directions}
        used |= {d.id for d in plan.directions}
        busy = {d for p in plan.partners if p.activities for d in p.directions}
        for d in sorted(used - busy):
            r.idle_directions.append((o.name, voc.directions.get(d, d)))
    r.by_month = sorted(months.items())
    r.by_direction = sorted(directions.items(), key=lambda x: (-x[1], x[0]))
    r.by_partner = sorted(
        ((pid, partner_names[pid], len(partner_orgs[pid]), partner_events[pid]) for pid in partner_names),
        key=lambda x: (-x[2], -x[3], x[1]),
    )
    for pid, found in calendars.items():
        if len(partner_orgs[pid]) > 1:
            r.shared[pid] = sorted(found, key=lambda b: (b.date, b.org, b.title))
            r.shared_names[pid] = partner_names[pid]
    for (pid, day), found in sorted(bookings.items(), key=lambda x: (x[0][1], x[0][0])):
        if len({b.org for b in found}) > 1:
            r.conflicts.append(Conflict(pid, partner_names[pid], day, tuple(found)))
    if year_end:
        _reference_year_end(r, orgs)
    return r


def _reference_year_end(r: Report, orgs: list[OrgPlan]) -> None:
    rows: dict[str, dict[str, Counter[str]]] = {
        k: defaultdict(Counter) for k in ("directions", "partners", "orgs")
    }
    total: Counter[str] = Counter()
    for o in orgs:
        dated: dict[tuple[str, int], list[date]] = defaultdict(list)
        for e in o.events:
            if e.date is not None:
                dated[(e.partner, e.activity)].append(e.date)
        for p in o.plan.partners:
            for ai, a in enumerate(p.activities):
                c: Counter[str] = Counter()
                c["planned"] = len(dated.get((p.id, ai), [])) or (1 if a.log else 0)
                for entry in a.log:
                    c[entry.status] += 1
                    c["participants"] += entry.participants or 0
                c["unmarked"] = max(c["planned"] - c["done"] - c["moved"] - c["cancelled"], 0)
                keys = {
                    "directions": [o.vocabulary.directions.get(d, d) for d in p.directions]
                    or ["без направления"],
                    "partners": [p.name],
                    "orgs": [o.name],
                }
                for table, names in keys.items():
                    for name in names:
                        rows[table][name].update(c)
                total.update(c)

    def outcome(name: str, c: Counter[str]) -> Outcome:
        return Outcome(
            name, c["planned"], c["done"], c["moved"], c["cancelled"], c["unmarked"], c["participants"]
        )

    r.year_end = {
        table: sorted((outcome(n, c) for n, c in found.items()), key=lambda x: (-x.planned, x.name))
        for table, found in rows.items()
    }
    r.year_end_total = outcome("Итого", total)


def _plans_with_events(folder: Path) -> list[OrgPlan]:
    """The network as the previous load_network kept it: every plan with all its events."""
    out = []
    for f in sorted(folder.rglob("*.y*ml")):
        if f.name == "partners.yaml":
            continue
        checked = load_plan(f)
        if not checked.ok:
            continue
        sched = plan_schedule(checked)
        if any(d.severity == "error" for d in sched.diagnostics):
            continue
        assert checked.plan is not None and checked.vocabulary is not None
        out.append(OrgPlan(str(f), checked.plan, checked.vocabulary, sched.events))
    return out


REGISTRY = """\
version: 1
partners:
  - {id: gibdd, name: ГИБДД, group: law, directions: [law, prevent]}
  - {id: lib, name: Библиотека, directions: [sociocult]}
"""

ORG = """\
version: 1
planner: {{name: {name}}}
year: 2025/2026
directions:
  - {{id: eco, name: экологическое}}
partners:
  - id: gibdd
    activities:
      - form: соревнование
        title: «Безопасное колесо»
        dates: [{day}]
        log:
          - {{planned: {day}, status: {status}, participants: {people}}}
      - form: беседа
        title: Беседы
        period: Один раз в четверть
  - id: lib
    activities:
      - form: экскурсия
        title: В библиотеку
        period: В течение года
        log:
          - {{status: done, participants: 5}}
          - {{status: cancelled}}
  - id: museum
    name: Музей {name}
    directions: [art, art]
    activities:
      - form: акция
        period: Октябрь
      - form: выставка
        period: Декабрь-январь
        log:
          - {{status: moved}}
  - id: idle{n}
    name: Без мероприятий
"""

TWIN = """  - id: twin
    name: Партнёр одной организации
    activities:
      - form: консультация
        period: Ноябрь
"""


def _network(tmp_path: Path, orgs: int = 5) -> Path:
    """Shared partners from partners.yaml and a museum id every plan defines itself, a
    conflict on one day, two plans of one organisation's name (with a partner only they
    have), idle partners and directions, an invalid plan, execution logs of every kind."""
    folder = tmp_path / "net"
    folder.mkdir()
    (folder / "partners.yaml").write_text(REGISTRY, encoding="utf-8")
    for n in range(orgs):
        name = "Школа № 2" if n == 3 else f"Школа № {n + 1}"  # plans 2 and 4: one organisation's name
        text = ORG.format(
            name=name, n=n, day="2026-05-14" if n < 3 else f"2026-04-{10 + n}",
            status=("done", "moved", "cancelled")[n % 3], people=10 + n,
        )  # fmt: skip
        (folder / f"org{n}.yaml").write_text(text + (TWIN if name == "Школа № 2" else ""), encoding="utf-8")
    (folder / "broken.yaml").write_text("version: 1\nplaner: {}\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("year_end", [False, True])
@pytest.mark.parametrize("where", ["elbrus", "plans", "network"])
def test_report_counted_per_organisation_equals_the_reference(
    where: str, year_end: bool, tmp_path: Path
) -> None:
    folder = {"elbrus": PLANS / "elbrus", "plans": PLANS, "network": None}[where] or _network(tmp_path)
    expected = _reference_report(_plans_with_events(folder), year_end=year_end)
    net = load_network([str(folder)])
    got = build_report(net.orgs, year_end=year_end)
    assert got == expected
    assert build_report(_plans_with_events(folder), year_end=year_end) == expected  # the web's way in
    if where == "network":
        assert expected.conflicts and expected.shared and expected.idle_partners and expected.idle_directions
        assert [s[0] for s in net.skipped] == [str(folder / "broken.yaml")]
    if year_end:
        assert expected.year_end_total is not None and expected.year_end_total.participants > 0


def test_the_network_keeps_no_events_and_only_shared_bookings(tmp_path: Path) -> None:
    net = load_network([str(_network(tmp_path))])
    assert net.orgs and all(type(o) is OrgFigures for o in net.orgs)
    twins = 0
    for o in net.orgs:
        assert not hasattr(o, "events") and not hasattr(o, "plan")
        assert set(o.bookings) == {"gibdd", "museum"}  # shared and dated (lib's are undated)
        twins += o.partner_events["twin"]  # a partner of one organisation: only counted
    # Plans 2 and 4 are one organisation by name: their «twin» is not shared.
    assert twins == 2
    r = build_report(net.orgs)
    assert set(r.shared) == {"gibdd", "museum"}


@pytest.mark.parametrize("to", ["md", "html", "docx", "xlsx"])
def test_report_documents_are_the_same_bytes(to: str, tmp_path: Path) -> None:
    from partnerplan.documents.outputs import report_files

    folder = _network(tmp_path)
    streamed = load_network([str(folder)])
    whole = Network(_plans_with_events(folder), [])  # all events at hand, as before
    for year_end in (False, True):
        out = str(tmp_path / f"r.{to}")
        assert report_files(streamed, out, to, year_end=year_end) == report_files(
            whole, out, to, year_end=year_end
        )
    assert report(streamed, "md").data == report(whole, "md").data


def test_two_processes_count_the_same_as_one(tmp_path: Path) -> None:
    folder = _network(tmp_path, orgs=7)
    seen: list[tuple[int, int]] = []
    one = load_network([str(folder)], jobs=1)
    two = load_network([str(folder)], lambda done, total: seen.append((done, total)), jobs=2)
    assert two.orgs == one.orgs and two.skipped == one.skipped
    assert seen == [(i, 8) for i in range(1, 9)]
    assert report(two, "docx").data == report(one, "docx").data
