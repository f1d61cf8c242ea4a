"""The native structurer gives exactly the converter's typed events, or leaves a message to it.

``Structurer.structure_json`` builds from JSON bytes as a route's ``drain`` does from the reader
thread's parse. Equality here is strict: same classes, same Python types all the way down (attrs
``==`` alone would take ``1 == 1.0 == True``).
"""

from __future__ import annotations

import gc
import json
import sys
import weakref
from pathlib import Path
from typing import Any

import attrs
import pytest
import trio
from hypothesis import given, settings
from hypothesis import strategies as st

from orchestra import _native
from orchestra.protocol import (
    SERVER_NOTIFICATIONS,
    AgentMessageDeltaNotification,
    ItemCompletedNotification,
    UnknownVariant,
    UnparsedEvent,
    structure_notification,
    unstructure,
)
from orchestra.protocol._plan import compile_plan, native_structurer

from .strategies import JSON, for_type
from .test_properties import SETTINGS, damaged_notification


def same(a: Any, b: Any, path: str = "$") -> list[str]:
    """Where ``a`` and ``b`` differ in value or in type (empty: identical)."""
    if type(a) is not type(b):
        return [f"{path}: {type(a).__name__} != {type(b).__name__}"]
    if attrs.has(type(a)):
        return [
            d
            for f in attrs.fields(type(a))
            for d in same(getattr(a, f.name), getattr(b, f.name), f"{path}.{f.name}")
        ]
    if isinstance(a, list):
        if len(a) != len(b):
            return [f"{path}: {len(a)} items != {len(b)}"]
        return [d for i, (x, y) in enumerate(zip(a, b, strict=True)) for d in same(x, y, f"{path}[{i}]")]
    if isinstance(a, dict):
        if list(a) != list(b):
            return [f"{path}: keys {list(a)} != {list(b)}"]
        return [d for k in a for d in same(a[k], b[k], f"{path}.{k}")]
    return [] if a == b else [f"{path}: {a!r:.60} != {b!r:.60}"]


def native(method: str, params: Any) -> object | None:
    return native_structurer().structure_json(method, json.dumps(params).encode())


def check_parity(method: str, params: Any) -> object | None:
    """The native result is None or identical to the converter's; never a success where it fails."""
    built = native(method, params)
    expected = structure_notification(method, params)
    if built is not None:
        assert not isinstance(expected, UnparsedEvent), (method, params, built)
        assert same(expected, built) == [], (method, same(expected, built))
    return built


def test_the_plan_covers_every_notification_method() -> None:
    nodes, roots = compile_plan(SERVER_NOTIFICATIONS)
    assert set(roots) == set(SERVER_NOTIFICATIONS)
    assert native_structurer().methods == sorted(SERVER_NOTIFICATIONS)
    assert all(nodes[i][0] == "class" for i in roots.values())


def test_every_recorded_notification_is_built_natively_and_identically(
    transcripts: dict[str, list[dict[str, Any]]],
) -> None:
    notifications = [
        line["msg"]
        for lines in transcripts.values()
        for line in lines
        if line["dir"] == "s2c" and "method" in line["msg"] and "id" not in line["msg"]
    ]
    assert len(notifications) > 100
    left_to_python = []
    for msg in notifications:
        if check_parity(msg["method"], msg.get("params")) is None:
            left_to_python.append(msg["method"])
    # Real traffic never needs the converter's fallback: every recorded shape is in the plan.
    assert left_to_python == []


def left_to_python(nodes: list[tuple[Any, ...]], root: int) -> bool:
    """Whether a value of node ``root`` can need the converter (a ``never`` node or a union told
    apart by shape is reachable from it)."""
    seen: set[int] = set()
    todo = [root]
    while todo:
        i = todo.pop()
        if i in seen:
            continue
        seen.add(i)
        node = nodes[i]
        kind = node[0]
        if kind == "never" or (kind == "union" and node[2] == "shape"):
            return True
        if kind in ("list", "dict"):
            todo.append(node[1])
        elif kind == "class":
            todo.extend(field[2] for field in node[2])
        elif kind == "union":
            todo.extend(node[4].values())
            todo.extend(j for j in (node[6], node[7]) if j is not None)
    return False


NODES, ROOTS = compile_plan(SERVER_NOTIFICATIONS)


@pytest.mark.parametrize("method", sorted(SERVER_NOTIFICATIONS))
def test_generated_notifications_are_built_identically(method: str) -> None:
    always = not left_to_python(NODES, ROOTS[method])
    built_some = []

    @SETTINGS
    @given(for_type(SERVER_NOTIFICATIONS[method]))
    def check(obj: Any) -> None:
        built = check_parity(method, unstructure(obj))
        # Without a shape-told union anywhere below it, every valid value is built natively.
        assert built is not None or not always, (method, unstructure(obj))
        built_some.append(built is not None)

    check()
    assert any(built_some), f"{method}: the plan built none of the generated values"


def test_every_valid_notification_is_built_natively() -> None:
    # No method can reach a type the plan leaves to the converter: the generated test above then
    # requires every valid value of every method to be built natively. Externally tagged unions
    # (a failed turn's ``codexErrorInfo: {"httpConnectionFailed": {...}}``) are keyed by their
    # one key.
    assert sorted(m for m, root in ROOTS.items() if left_to_python(NODES, root)) == []
    assert any(node[0] == "union" and node[2] == "keyed" for node in NODES)


def test_externally_tagged_unions_match_the_converter() -> None:
    base = {"threadId": "t", "turnId": "u", "willRetry": False}
    for info in (
        {"httpConnectionFailed": {"httpStatusCode": 502}},
        {"somethingNew": {"x": 1}},  # an unknown key: UnknownVariant, in both
        "contextWindowExceeded",
        None,
    ):
        params = {**base, "error": {"message": "boom", "codexErrorInfo": info}}
        assert check_parity("error", params) is not None, info
    for odd in ({}, {"httpConnectionFailed": {}, "other": 1}):  # not one key: left to Python
        params = {**base, "error": {"message": "boom", "codexErrorInfo": odd}}
        assert check_parity("error", params) is None


@settings(SETTINGS, max_examples=300)
@given(damaged_notification())
def test_damaged_notifications_are_never_built_differently(case: tuple[str, Any]) -> None:
    check_parity(*case)


@settings(SETTINGS, max_examples=300)
@given(method=st.sampled_from(sorted(SERVER_NOTIFICATIONS)), params=JSON)
def test_arbitrary_json_is_never_built_differently(method: str, params: Any) -> None:
    check_parity(method, params)


def test_scalars_are_checked_not_coerced() -> None:
    ok = {"threadId": "t", "turnId": "u", "itemId": "i", "delta": "d"}
    assert native("item/agentMessage/delta", ok) == AgentMessageDeltaNotification(
        thread_id="t", turn_id="u", item_id="i", delta="d"
    )
    for bad in (1, 1.5, True, None, ["d"], {"d": 1}):
        assert check_parity("item/agentMessage/delta", {**ok, "delta": bad}) is None
    missing = {k: v for k, v in ok.items() if k != "delta"}
    assert check_parity("item/agentMessage/delta", missing) is None
    assert native("item/agentMessage/delta", [ok]) is None
    assert native("no/such/method", ok) is None
    assert native_structurer().structure_json("item/agentMessage/delta", b'{"threadId": ') is None


def test_an_unknown_item_type_becomes_unknown_variant_as_in_python() -> None:
    item = {"type": "hologram", "id": "h1", "frames": [1, 2.5, None]}
    params = {"threadId": "t", "turnId": "u", "item": item, "completedAtMs": 5}
    built = check_parity("item/completed", params)
    assert isinstance(built, ItemCompletedNotification)
    assert built.item == UnknownVariant(tag="hologram", raw=item)


def test_extra_keys_are_ignored_and_defaults_filled() -> None:
    params = {"threadId": "t", "turnId": "u", "itemId": "i", "delta": "d", "newField": {"x": 1}}
    assert check_parity("item/agentMessage/delta", params) is not None
    item = {"type": "agentMessage", "id": "m", "text": "hi"}  # optional fields absent
    built = check_parity("item/completed", {"threadId": "t", "turnId": "u", "item": item, "completedAtMs": 1})
    assert built is not None and built.item.phase is None  # type: ignore[attr-defined]


def test_a_bad_plan_is_refused() -> None:
    with pytest.raises(ValueError, match="refers to node 5"):
        _native.Structurer([("list", 5)], {}, UnknownVariant)
    with pytest.raises(ValueError, match="unknown node kind"):
        _native.Structurer([("tuple",)], {}, UnknownVariant)
    with pytest.raises(ValueError, match='root of "m" refers to node 1'):
        _native.Structurer([("any",)], {"m": 1}, UnknownVariant)


# --- through a connection's routes -------------------------------------------------------------

EMIT = r"""
import sys
sys.stdin.readline()
sys.stdout.write(sys.argv[1])
sys.stdout.flush()
sys.stdin.readline()
"""


async def test_a_route_drains_typed_events_with_lazy_params(tmp_path: Path) -> None:
    delta = {"threadId": "t1", "turnId": "u1", "itemId": "i", "delta": "hello"}
    odd = {"threadId": "t1", "turnId": "u1", "itemId": "i", "delta": 7}  # not the schema's shape
    started = {"threadId": "t1", "turn": {"id": "u2"}}
    lines = "".join(
        json.dumps({"method": m, "params": p}) + "\n"
        for m, p in [("item/agentMessage/delta", delta), ("item/agentMessage/delta", odd), ("x/y", started)]
    )
    script = tmp_path / "emit.py"
    script.write_text(EMIT)
    conn = _native.Connection([sys.executable, str(script), lines], structurer=native_structurer())
    try:
        route = conn.open_route()
        route.bind_thread("t1")
        conn.send_raw(b"go")
        got: list[_native.Message] = []
        with trio.fail_after(10):
            while len(got) < 3:
                await trio.lowlevel.wait_readable(route.fileno())
                got.extend(route.drain(10))
        typed, untyped, unknown = got
        assert typed.event == AgentMessageDeltaNotification(
            thread_id="t1", turn_id="u1", item_id="i", delta="hello"
        )
        assert typed.params == delta and typed.params is typed.params  # built once, on demand
        assert (typed.turn_id, typed.thread_id) == ("u1", "t1")
        assert untyped.event is None and untyped.params == odd
        assert isinstance(structure_notification("item/agentMessage/delta", untyped.params), UnparsedEvent)
        assert (unknown.event, unknown.turn_id, unknown.params) == (None, "u2", started)
    finally:
        conn.close(1.0)


def test_events_holding_only_atomic_values_are_left_to_reference_counting() -> None:
    """Such events cannot be part of a cycle, so the cycle collector need not scan them (as CPython
    does for tuples and dicts of atomic values); an event holding a list stays tracked."""
    delta = native("item/agentMessage/delta", {"threadId": "t", "turnId": "u", "itemId": "i", "delta": "d"})
    item = {"type": "agentMessage", "id": "m", "text": "hi"}
    completed = native("item/completed", {"threadId": "t", "turnId": "u", "item": item, "completedAtMs": 1})
    turn = {"id": "u", "items": [], "status": "inProgress"}
    started = native("turn/started", {"threadId": "t", "turn": turn})
    assert delta is not None and completed is not None and started is not None
    assert not gc.is_tracked(delta) and not gc.is_tracked(completed)
    assert gc.is_tracked(started)  # its turn holds a list
    assert started == structure_notification("turn/started", {"threadId": "t", "turn": turn})


def test_natively_built_events_are_freed_when_dropped() -> None:
    """Untracked by the cycle collector, still reference counted: nothing built natively leaks."""
    item = {"type": "agentMessage", "id": "m", "text": "hi"}
    params = {"threadId": "t", "turnId": "u", "item": item, "completedAtMs": 1}
    built = native("item/completed", params)
    assert built is not None
    gone = weakref.ref(built)
    item_gone = weakref.ref(built.item)  # type: ignore[attr-defined]
    del built
    assert gone() is None and item_gone() is None


# --- how fields are stored ---------------------------------------------------------------------

SHARED_DEFAULT = ("a default shared by every instance",)


@attrs.frozen
class _SlottedBase:
    a: str
    b: int = 0


@attrs.frozen
class _SlottedChild(_SlottedBase):
    c: tuple[str, ...] = SHARED_DEFAULT


@attrs.frozen(slots=False)
class _DictBacked:
    a: str
    c: tuple[str, ...] = SHARED_DEFAULT


def _structurer(classes: dict[str, type]) -> _native.Structurer:
    nodes, roots = compile_plan(classes)
    assert set(roots) == set(classes)
    return _native.Structurer(nodes, roots, UnknownVariant)


@pytest.mark.parametrize("cls", [_SlottedBase, _SlottedChild, _DictBacked])
def test_fields_are_stored_where_python_stores_them(cls: type) -> None:
    """Slots (inherited ones too) are written straight at their offset in the instance, anything
    else through ``object.__setattr__``; either way the instance is the one ``__init__`` makes."""
    structurer = _structurer({"m": cls})
    built = structurer.structure_json("m", b'{"a": "x", "b": 3}')
    expected = cls(a="x", b=3) if "b" in attrs.fields_dict(cls) else cls(a="x")
    assert same(expected, built) == []
    assert built == expected and hash(built) == hash(expected)


def test_stored_values_are_reference_counted() -> None:
    structurer = _structurer({"slotted": _SlottedChild, "dict": _DictBacked})
    before = sys.getrefcount(SHARED_DEFAULT)
    built = [structurer.structure_json(m, b'{"a": "x"}') for m in ("slotted", "dict") for _ in range(50)]
    assert all(b is not None and b.c is SHARED_DEFAULT for b in built)  # type: ignore[attr-defined]
    assert sys.getrefcount(SHARED_DEFAULT) == before + 100
    del built
    assert sys.getrefcount(SHARED_DEFAULT) == before
