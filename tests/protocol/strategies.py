"""Hypothesis strategies derived from the generated attrs classes' own type annotations."""

from __future__ import annotations

import types
import typing
from typing import Any, Literal, get_args, get_origin

import attrs
from hypothesis import strategies as st

from orchestra.protocol import UnknownVariant

#: Any JSON value (small).
JSON: st.SearchStrategy[Any] = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**53), 2**53)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=8,
)

_cache: dict[Any, st.SearchStrategy[Any]] = {}


def for_type(tp: Any) -> st.SearchStrategy[Any]:
    """Values of ``tp`` as the generated classes annotate it (``UnknownVariant`` is left out)."""
    try:
        return _cache[tp]
    except KeyError:
        pass
    _cache[tp] = strategy = st.deferred(lambda: _build(tp))
    return strategy


def _build(tp: Any) -> st.SearchStrategy[Any]:
    if tp is Any:
        return JSON
    if tp is types.NoneType or tp is None:
        return st.none()
    if tp is str:
        return st.text(max_size=10)
    if tp is bool:
        return st.booleans()
    if tp is int:
        return st.integers(-(2**53), 2**53)
    if tp is float:
        return st.floats(allow_nan=False, allow_infinity=False)
    origin = get_origin(tp)
    if origin is Literal:
        return st.sampled_from(get_args(tp))
    if origin is list:
        return st.lists(for_type(get_args(tp)[0]), max_size=2)
    if origin is dict:
        return st.dictionaries(st.text(max_size=5), for_type(get_args(tp)[1]), max_size=2)
    if origin in (typing.Union, types.UnionType):
        return st.one_of([for_type(m) for m in get_args(tp) if m is not UnknownVariant])
    if isinstance(tp, type) and attrs.has(tp):
        attrs.resolve_types(tp)
        fields: dict[str, st.SearchStrategy[Any]] = {}
        for a in attrs.fields(tp):
            if a.metadata.get("tag"):
                continue  # the default is the only value
            value = for_type(a.type)
            fields[a.name] = st.none() | value if a.default is None else value
        return st.builds(tp, **fields)
    raise TypeError(f"no strategy for {tp!r}")
