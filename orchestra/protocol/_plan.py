"""The converter's rules for notifications, compiled into a plan the native layer executes.

A runtime route drains each notification straight into its typed class (``Message.event``)
without building a params dict and without running Python per field. The plan below says how,
type by type, following exactly the rules of :mod:`._converter`; whatever it cannot follow
exactly (a union told apart by shape, a class with validators) is a ``never`` node, and such
messages, like any that do not match the plan, are structured by the converter in Python. So the
native result is always the converter's result, only cheaper (``tests/protocol/test_plan.py``
checks that on every recorded notification and on generated ones).

Node shapes (tuples, indexed by position in the node list):

- ``("any",)``: plain JSON as Python;
- ``("kinds", mask)``: a scalar whose JSON kind is in ``mask`` (:data:`STR` | :data:`INT` ...);
- ``("list", item)``, ``("dict", item)``: containers of node ``item``;
- ``("class", cls, [(attr, wire, node, required, default), ...])``;
- ``("union", scalars, mode, tag_key, {tag: node}, open, list, dict, takes_any)`` with ``mode``
  ``"none"`` (no classes), ``"one"`` (one class, the table's only node), ``"tagged"`` (the table
  keyed by the value of ``tag_key``), ``"keyed"`` (externally tagged: a one-key object, the table
  keyed by that key) or ``"shape"`` (classes told apart otherwise by their keys: left to Python);
- ``("never",)``: always left to Python.
"""

from __future__ import annotations

import functools
import types
import typing
from collections.abc import Mapping
from typing import Any, Literal, get_args, get_origin

import attrs

from .. import _native
from ._converter import _tag_key, _tags, _wire, structure_notification
from ._fallback import UnknownVariant
from ._generated import SERVER_NOTIFICATIONS

__all__ = ["BOOL", "FLOAT", "INT", "NULL", "STR", "compile_plan", "native_structurer", "notification_event"]

# The JSON kinds a scalar node accepts (must match bindings/src/structure.rs).
STR, INT, FLOAT, BOOL, NULL = 1, 2, 4, 8, 16
_KIND = {str: STR, int: INT, bool: BOOL, types.NoneType: NULL, float: FLOAT}

Node = tuple[Any, ...]
#: The native builder tracks a class's fields in a 64-bit set (the schema's largest has 33).
_MAX_FIELDS = 64


class _Compiler:
    def __init__(self) -> None:
        self.nodes: list[Node] = []
        self._index: dict[Any, int] = {}

    def node(self, tp: Any) -> int:
        """The index of ``tp``'s node, compiling it (and what it refers to) on first use."""
        key = tp if _hashable(tp) else id(tp)
        index = self._index.get(key)
        if index is None:
            index = self._index[key] = len(self.nodes)
            self.nodes.append(("never",))  # a placeholder: class graphs are recursive
            self.nodes[index] = self._compile(tp)
        return index

    def _compile(self, tp: Any) -> Node:
        if tp is Any:
            return ("any",)
        if tp is float:
            return ("kinds", FLOAT | INT)  # the converter takes an integer for a float, as given
        if tp in _KIND:
            return ("kinds", _KIND[tp])
        origin = get_origin(tp)
        if origin is Literal:
            mask = _literal_mask(tp)
            return ("kinds", mask) if mask is not None else ("never",)
        if origin is list:
            return ("list", self.node(get_args(tp)[0]))
        if origin is dict:
            return ("dict", self.node(get_args(tp)[1]))
        if origin in (typing.Union, types.UnionType):
            return self._union(tp)
        if isinstance(tp, type) and attrs.has(tp) and tp is not UnknownVariant:
            return self._class(tp)
        return ("never",)

    def _class(self, cls: type) -> Node:
        if hasattr(cls, "__attrs_post_init__") or hasattr(cls, "__attrs_pre_init__"):
            return ("never",)
        if getattr(cls, "__new__") is not object.__new__:  # noqa: B009  (mypy cannot compare them)
            return ("never",)  # built natively as object.__new__(cls) would build it
        attrs.resolve_types(cls)
        if len(attrs.fields(cls)) > _MAX_FIELDS:
            return ("never",)
        fields = []
        for a in attrs.fields(cls):
            # Building a class natively mirrors an __init__ that only assigns: anything more is
            # left to Python.
            if a.validator is not None or a.converter is not None or not a.init:
                return ("never",)
            if isinstance(a.default, attrs.Factory):  # type: ignore[arg-type]
                return ("never",)
            required = a.default is attrs.NOTHING
            fields.append((a.name, _wire(a), self.node(a.type), required, None if required else a.default))
        return ("class", cls, fields)

    def _union(self, tp: Any) -> Node:
        # Mirrors the converter's _union_hook member by member.
        scalars = 0
        classes: list[type] = []
        open_ = takes_any = False
        list_node: int | None = None
        dict_node: int | None = None
        for member in get_args(tp):
            if member is UnknownVariant:
                open_ = True
            elif member is Any:
                takes_any = True
            elif get_origin(member) is Literal:
                mask = _literal_mask(member)
                if mask is None:
                    return ("never",)
                scalars |= mask
            elif isinstance(member, type) and attrs.has(member):
                classes.append(member)
            elif get_origin(member) is list:
                list_node = self.node(member) if list_node is None else list_node
            elif get_origin(member) is dict:
                dict_node = self.node(member) if dict_node is None else dict_node
            elif member is float:
                scalars |= FLOAT | INT
            elif member in _KIND:
                scalars |= _KIND[member]
            else:
                return ("never",)
        mode, key, table = "none", None, {}
        if len(classes) == 1 and not open_:
            # The converter's shape dispatch with one candidate builds that class or fails.
            mode, table = "one", {"": self.node(classes[0])}
        elif classes or open_:
            key = _tag_key(classes)
            if key is not None:
                mode = "tagged"
                table = {_tags(c)[key]: self.node(c) for c in classes}
            elif (keys := _external_tags(classes)) is not None:
                mode = "keyed"
                table = {k: self.node(c) for k, c in zip(keys, classes, strict=True)}
            else:
                mode = "shape"
        return ("union", scalars, mode, key, table, open_, list_node, dict_node, takes_any)


def _hashable(tp: Any) -> bool:
    try:
        hash(tp)
    except TypeError:
        return False
    return True


def _literal_mask(tp: Any) -> int | None:
    """The converter takes a Literal's values by exact type (``_exact(*{type(v)})``)."""
    mask = 0
    for value in get_args(tp):
        kind = _KIND.get(type(value))
        if kind is None:
            return None
        mask |= kind
    return mask


def _external_tags(classes: list[type]) -> list[str] | None:
    """The wire names of ``classes`` if the union is externally tagged (``{"custom": {...}}``):
    every class has exactly one field, required, and no two share its name. The converter's shape
    dispatch then takes a one-key object as the class named by its key, and nothing else."""
    if not classes:
        return None
    keys = []
    for cls in classes:
        fields = attrs.fields(cls)
        if len(fields) != 1 or fields[0].default is not attrs.NOTHING:
            return None
        keys.append(_wire(fields[0]))
    return keys if len(set(keys)) == len(keys) else None


def compile_plan(classes: Mapping[str, type]) -> tuple[list[Node], dict[str, int]]:
    """Nodes for ``classes`` (method -> params class) and the root node of each method that the
    plan can build at all."""
    compiler = _Compiler()
    roots = {}
    for method, cls in classes.items():
        index = compiler.node(cls)
        if compiler.nodes[index][0] == "class":
            roots[method] = index
    return compiler.nodes, roots


@functools.cache
def native_structurer(exclude: frozenset[str] = frozenset()) -> _native.Structurer:
    """The structurer for every server notification but the ``exclude``d methods (left as plain
    params); compiled once per process and set of exclusions, on first use."""
    nodes, roots = compile_plan({m: c for m, c in SERVER_NOTIFICATIONS.items() if m not in exclude})
    return _native.Structurer(nodes, roots, UnknownVariant)


def notification_event(message: _native.Message) -> object:
    """The typed params of a notification: built natively as it was drained, else by the
    converter (the plan left it, or the connection has no structurer)."""
    event = message.event
    if event is None:
        event = structure_notification(message.method or "", message.params)
    return event
