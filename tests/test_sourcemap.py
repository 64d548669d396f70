"""Positions kept per container: the same answers as a table of paths, in less memory."""

from __future__ import annotations

from partnerplan.plan.load import load_text

TEXT = """\
version: 1
planner:
  name: Школа
partners:
  - id: a
    name: Библиотека
    activities:
      - form: беседа
        period: Октябрь
  - &b
    id: b
    name: Музей
  - *b
"""


def test_values_keys_and_the_nearest_known_ancestor() -> None:
    smap = load_text(TEXT, "p.yaml").source_map
    assert smap.find(()) == (1, 1)
    assert smap.find(("planner", "name")) == (3, 9)
    assert smap.find(("planner", "name"), key=True) == (3, 3)
    assert smap.find(("partners", 0, "activities", 0, "period")) == (9, 17)
    assert smap.find(("partners", 0, "activities", 0, "period"), key=True) == (9, 9)
    # Not in the file: the nearest ancestor that is (a missing key, an index too far).
    assert smap.find(("partners", 0, "activities", 0, "title")) == (8, 9)
    assert smap.find(("partners", 7, "name")) == (5, 3)  # the list of partners
    assert smap.find(("partners", 0, "activities", 0, "period", "deeper")) == (9, 17)
    assert smap.find(("nowhere",)) == (1, 1)


def test_an_alias_is_found_where_it_stands_and_its_insides_where_the_anchor_is() -> None:
    smap = load_text(TEXT, "p.yaml").source_map
    assert smap.find(("partners", 2)) == (13, 5)
    assert smap.find(("partners", 2, "name")) == (12, 11)  # the anchored mapping's own line


def test_items_lists_every_position_once() -> None:
    loaded = load_text(TEXT, "p.yaml")
    items = list(loaded.source_map.items())
    assert ((), (1, 1), False) in items
    assert (("planner", "name"), (3, 3), True) in items
    assert (("partners", 0, "activities", 0, "form"), (8, 15), False) in items
    assert len(items) == len({(p, k) for p, _, k in items})


def test_a_container_that_is_not_the_loaded_one_has_no_positions() -> None:
    loaded = load_text(TEXT, "p.yaml")
    smap = loaded.source_map
    smap.root = {"partners": [{"name": "x"}]}  # new objects: their ids were never recorded
    assert smap.find(("partners", 0, "name")) == (1, 1)
