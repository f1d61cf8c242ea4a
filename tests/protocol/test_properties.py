"""Property tests: generated objects survive the wire, and no payload makes structuring raise."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orchestra.protocol import (
    CLIENT_REQUESTS,
    SERVER_NOTIFICATIONS,
    SERVER_REQUESTS,
    UnknownEvent,
    UnparsedEvent,
    _generated,
    converter,
    structure_notification,
    unstructure,
)

from .strategies import JSON, for_type

SETTINGS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)

#: Every class and union the generated module exports.
EVERY_TYPE = {
    name: value
    for name in _generated.__all__
    if (value := getattr(_generated, name)) is not None and not name.isupper()
}
REGISTRY_TYPES = {
    *SERVER_NOTIFICATIONS.values(),
    *(t for pair in SERVER_REQUESTS.values() for t in pair),
    *(t for pair in CLIENT_REQUESTS.values() for t in pair),
}


#: Classes some of whose values are, on the wire, exactly a value of another member of the same
#: union: they cannot come back as themselves, only as equal JSON.
WIRE_TWINS = (
    # without ``enumNames`` it is an McpElicitationUntitledSingleSelectEnumSchema
    _generated.McpElicitationLegacyTitledEnumSchema,
)


def assert_round_trip(obj: Any, tp: Any) -> None:
    wire = unstructure(obj)
    json.dumps(wire)  # JSON-ready
    again = converter.structure(wire, tp)
    assert unstructure(again) == wire
    if again != obj:
        assert any(isinstance(o, WIRE_TWINS) for o in walk(obj)), (again, obj)


def walk(obj: Any) -> Iterator[Any]:
    yield obj
    if attrs.has(type(obj)):
        for a in attrs.fields(type(obj)):
            yield from walk(getattr(obj, a.name))
    elif isinstance(obj, list | dict):
        for v in obj.values() if isinstance(obj, dict) else obj:
            yield from walk(v)


@pytest.mark.parametrize("method", sorted(SERVER_NOTIFICATIONS))
def test_notification_params_round_trip(method: str) -> None:
    cls = SERVER_NOTIFICATIONS[method]

    @SETTINGS
    @given(for_type(cls))
    def check(obj: Any) -> None:
        assert_round_trip(obj, cls)
        assert structure_notification(method, unstructure(obj)) == obj

    check()


@pytest.mark.parametrize("name", sorted(EVERY_TYPE))
def test_every_generated_type_round_trips(name: str) -> None:
    tp = EVERY_TYPE[name]

    @settings(SETTINGS, max_examples=5 if tp not in REGISTRY_TYPES else 15)
    @given(for_type(tp))
    def check(obj: Any) -> None:
        assert_round_trip(obj, tp)

    check()


@settings(SETTINGS, max_examples=300)
@given(
    method=st.sampled_from(sorted(SERVER_NOTIFICATIONS)) | st.text(max_size=20),
    params=JSON,
)
def test_structure_notification_never_raises_on_any_json(method: str, params: Any) -> None:
    event = structure_notification(method, params)
    expected = SERVER_NOTIFICATIONS.get(method)
    if expected is None:
        assert event == UnknownEvent(method, params)
    else:
        assert isinstance(event, expected | UnparsedEvent)


@st.composite
def damaged_notification(draw: st.DrawFn) -> tuple[str, Any]:
    """A valid notification with one member, somewhere inside, replaced by arbitrary JSON."""
    method = draw(st.sampled_from(sorted(SERVER_NOTIFICATIONS)))
    wire = unstructure(draw(for_type(SERVER_NOTIFICATIONS[method])))
    node = wire
    while isinstance(node, dict) and node:
        key = draw(st.sampled_from(sorted(node)))
        if not isinstance(node[key], dict) or not node[key] or draw(st.booleans()):
            node[key] = draw(JSON)
            break
        node = node[key]
    return method, wire


@settings(SETTINGS, max_examples=200)
@given(damaged_notification())
def test_structure_notification_never_raises_on_damaged_payloads(case: tuple[str, Any]) -> None:
    method, params = case
    event = structure_notification(method, params)
    assert isinstance(event, SERVER_NOTIFICATIONS[method] | UnparsedEvent)
    if isinstance(event, UnparsedEvent):
        assert event.error and event.params is params


def test_every_class_is_frozen_slotted_and_kw_only() -> None:
    classes = [v for v in EVERY_TYPE.values() if isinstance(v, type) and attrs.has(v)]
    assert len(classes) > 800
    for cls in classes:
        assert "__slots__" in vars(cls), cls
        assert all(a.kw_only for a in attrs.fields(cls)), cls
        instance: Any = object.__new__(cls)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            instance.anything = 1
