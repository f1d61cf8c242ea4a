"""Properties of the wire format and of the server's robustness (hypothesis)."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scripted_client import request

from orchestra.testing import reply
from orchestra.testing.model_server import ScriptedModel
from orchestra.testing.sse import encode_events, parse_sse

json_scalars = st.none() | st.booleans() | st.integers() | st.text()
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)
events = st.lists(
    st.builds(
        lambda kind, rest: {**rest, "type": kind},
        st.text(min_size=1),
        st.dictionaries(st.text(), json_values, max_size=4),
    ),
    max_size=5,
)


@given(events)
def test_sse_roundtrip(evs: list[dict[str, Any]]) -> None:
    assert parse_sse(encode_events(evs)) == evs


def _render(stream: reply.StreamReply) -> list[dict[str, Any]]:
    counter = itertools.count()
    ctx = reply.RenderContext("resp_x", lambda prefix: f"{prefix}_{next(counter)}")
    return stream.render(ctx)


@given(st.text(), st.integers(min_value=1, max_value=50))
def test_text_deltas_rebuild_the_text(text: str, chunks: int) -> None:
    rendered = _render(reply.text(text, chunks=chunks))
    deltas = [e["delta"] for e in rendered if e["type"] == "response.output_text.delta"]
    assert "".join(deltas) == text
    assert all(deltas)
    assert len(deltas) == min(chunks, len(text))
    assert rendered[-1]["type"] == "response.completed"


@given(st.integers(min_value=0, max_value=20))
def test_cut_sends_a_prefix_without_completed(after: int) -> None:
    full = _render(reply.text("some text", chunks=4))
    cut = _render(reply.cut(after=after, reply=reply.text("some text", chunks=4)))
    assert [e["type"] for e in cut] == [e["type"] for e in full][:after]
    if after < len(full):
        assert "response.completed" not in [e["type"] for e in cut]


@pytest.fixture(scope="module")
def shared_model() -> Iterator[ScriptedModel]:
    with ScriptedModel() as model:
        yield model


@settings(max_examples=60, deadline=None)
@given(body=st.binary(max_size=300) | json_values.map(lambda v: json.dumps(v).encode()))
def test_any_body_gets_an_answer_and_the_server_lives_on(shared_model: ScriptedModel, body: bytes) -> None:
    answer = request(shared_model, body)
    assert answer.status in (200, 400)
    assert request(shared_model, b'{"input": []}').status == 200
