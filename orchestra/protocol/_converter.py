"""The one cattrs converter for every protocol class, and the functions built on it.

Rules, wire <-> Python:

- Field names: snake_case in Python, the exact wire name on the wire (read from the generated field
  metadata ``{"wire": ...}``; fields without it are spelled the same on both sides).
- Unknown keys are ignored: a newer runtime may add fields.
- Optional fields (default ``None``) are left out when unstructuring if they are ``None``: the
  runtime may treat an explicit ``null`` and a missing key differently. Required nullable fields are
  sent as ``null``.
- Scalars are checked, not coerced: a ``str`` field takes only a string, an ``int`` field only an
  integer (not a bool), a ``float`` field an integer or a float (kept as given).
- ``Literal`` enums are lenient: any string is kept, so a value added by a newer runtime is not an
  error. (Type checkers still see the Literal; treat unknown values as "other".)
- Unions of tagged classes dispatch on the tag (``{"type": "agentMessage", ...}``); a tag this
  schema does not know becomes ``UnknownVariant`` when the union admits it. Other unions are told
  apart by shape: the JSON type, then the class whose required keys are present (and whose literal
  fields accept the values), preferring the class that recognises most keys.

Nothing here blocks or does I/O; hooks are built once per type, on first use.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, Literal, get_args, get_origin

import attrs
import cattrs
from cattrs.errors import ClassValidationError, IterableValidationError, IterableValidationNote
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from ._fallback import UnknownEvent, UnknownRequest, UnknownVariant, UnparsedEvent, UnparsedResponseError
from ._generated import CLIENT_REQUESTS, SERVER_NOTIFICATIONS, SERVER_REQUESTS

__all__ = [
    "converter",
    "structure_notification",
    "structure_response",
    "structure_server_request",
    "unstructure",
]

StructureHook = Callable[[Any, Any], Any]

converter = cattrs.Converter()
"""The protocol converter. ``converter.structure(data, SomeClass)`` / ``converter.unstructure(obj)``."""


# --------------------------------------------------------------------------------------------------
# Scalars and containers: checked, never coerced


_JSON_KINDS = {
    dict: "object",
    list: "array",
    str: "string",
    int: "integer",
    float: "number",
    bool: "boolean",
    types.NoneType: "null",
}


def _kind_name(kind: type) -> str:
    return _JSON_KINDS.get(kind, kind.__name__)


def _json_kind(value: Any) -> str:
    return _kind_name(type(value))


def _exact(*kinds: type) -> StructureHook:
    expected = " or ".join(sorted({_kind_name(k) for k in kinds}))

    def hook(value: Any, _: Any) -> Any:
        if type(value) in kinds:
            return value
        raise TypeError(f"expected {expected}, got {_json_kind(value)}")

    return hook


converter.register_structure_hook(str, _exact(str))
converter.register_structure_hook(int, _exact(int))
converter.register_structure_hook(float, _exact(float, int))
converter.register_structure_hook(bool, _exact(bool))
converter.register_structure_hook(types.NoneType, _exact(types.NoneType))


def _lazy(tp: Any) -> Callable[[Any], Any]:
    """Structure into ``tp``, looking its hook up on first call (class graphs are recursive)."""
    hook: StructureHook | None = None

    def call(value: Any) -> Any:
        nonlocal hook
        if hook is None:
            hook = converter.get_structure_hook(tp)
        return hook(value, tp)

    return call


def _is_list(tp: Any) -> bool:
    return get_origin(tp) is list


def _is_dict(tp: Any) -> bool:
    return get_origin(tp) is dict


def _item_errors(tp: Any, items: Iterable[tuple[int | str, Any]], each: Callable[[Any], Any]) -> Exception:
    """Find the failing items again (the fast path does not track them), noting where they are."""
    errors = []
    for index, item in items:
        try:
            each(item)
        except Exception as exc:
            exc.add_note(IterableValidationNote(f"Structuring {tp} @ {index!r}", index, tp))
            errors.append(exc)
    return IterableValidationError(f"While structuring {tp}", errors, tp)


@converter.register_structure_hook_factory(_is_list)
def _list_hook(tp: Any) -> StructureHook:
    (item,) = get_args(tp)
    each = _lazy(item)

    def hook(value: Any, _: Any) -> list[Any]:
        if type(value) is not list:
            raise TypeError(f"expected array, got {_json_kind(value)}")
        try:
            return [each(v) for v in value]
        except Exception:
            raise _item_errors(tp, enumerate(value), each) from None

    return hook


@converter.register_structure_hook_factory(_is_dict)
def _dict_hook(tp: Any) -> StructureHook:
    _, item = get_args(tp)
    each = _lazy(item)

    def hook(value: Any, _: Any) -> dict[str, Any]:
        if type(value) is not dict:
            raise TypeError(f"expected object, got {_json_kind(value)}")
        try:
            return {k: each(v) for k, v in value.items()}
        except Exception:
            raise _item_errors(tp, value.items(), each) from None

    return hook


# --------------------------------------------------------------------------------------------------
# Literal enums: lenient


def _is_literal(tp: Any) -> bool:
    return get_origin(tp) is Literal


@converter.register_structure_hook_factory(_is_literal)
def _literal_hook(tp: Any) -> StructureHook:
    return _exact(*{type(v) for v in get_args(tp)})


# --------------------------------------------------------------------------------------------------
# Generated classes: wire names, extra keys ignored, None-valued optionals omitted


def _wire(a: attrs.Attribute[Any]) -> str:
    return str(a.metadata.get("wire", a.name))


def _is_protocol_class(tp: Any) -> bool:
    return isinstance(tp, type) and attrs.has(tp)


@converter.register_structure_hook_factory(_is_protocol_class)
def _class_structure_hook(cls: type) -> StructureHook:
    attrs.resolve_types(cls)
    # typed dict[str, Any]: mypy would check the overrides against make_dict_structure_fn's flags
    renames: dict[str, Any] = {
        a.name: override(rename=_wire(a)) for a in attrs.fields(cls) if _wire(a) != a.name
    }
    build: Callable[[Any, Any], Any] = make_dict_structure_fn(cls, converter, **renames)

    def hook(value: Any, _: Any) -> Any:
        if type(value) is not dict:
            raise TypeError(f"expected object, got {_json_kind(value)}")
        return build(value, cls)

    return hook


@converter.register_unstructure_hook_factory(_is_protocol_class)
def _class_unstructure_hook(cls: type) -> Callable[[Any], Any]:
    attrs.resolve_types(cls)
    overrides: dict[str, Any] = {}
    for a in attrs.fields(cls):
        rename = _wire(a) if _wire(a) != a.name else None
        omit = True if a.default is None else None
        if rename is not None or omit is not None:
            overrides[a.name] = override(rename=rename, omit_if_default=omit)
    return make_dict_unstructure_fn(cls, converter, **overrides)


def _structure_unknown_variant(value: Any, _: Any) -> UnknownVariant:
    if type(value) is not dict:
        raise TypeError(f"expected object, got {_json_kind(value)}")
    return UnknownVariant(tag="", raw=value)


converter.register_structure_hook(UnknownVariant, _structure_unknown_variant)
converter.register_unstructure_hook(UnknownVariant, lambda v: v.raw)


# --------------------------------------------------------------------------------------------------
# Unions


def _is_union(tp: Any) -> bool:
    return get_origin(tp) in (typing.Union, types.UnionType)


def _tags(cls: type) -> dict[str, Any]:
    """wire key -> fixed value, for the class's tag fields."""
    return {_wire(a): a.default for a in attrs.fields(cls) if a.metadata.get("tag")}


@attrs.frozen
class _Shape:
    """What a dict must look like to be structured as ``cls`` in an untagged union."""

    cls: type
    required: frozenset[str]
    known: frozenset[str]
    literals: tuple[tuple[str, frozenset[Any]], ...]
    build: Callable[[Any], Any]

    @classmethod
    def of(cls, target: type) -> _Shape:
        attrs.resolve_types(target)
        fields = attrs.fields(target)
        required = frozenset(_wire(a) for a in fields if a.default is attrs.NOTHING or a.metadata.get("tag"))
        literals = tuple((_wire(a), frozenset(get_args(a.type))) for a in fields if _is_literal(a.type))
        return cls(target, required, frozenset(_wire(a) for a in fields), literals, _lazy(target))

    def score(self, value: Mapping[str, Any], *, strict: bool) -> int:
        """How many keys of ``value`` this class knows, or -1 if it cannot take ``value``."""
        keys = value.keys()
        if not self.required <= keys:
            return -1
        if strict and any(k in value and value[k] not in allowed for k, allowed in self.literals):
            return -1
        return len(self.known & keys)


def _tag_key(classes: list[type]) -> str | None:
    """The wire key that tells ``classes`` apart: a tag field all of them have, with a different
    value in each (the first such key by name); ``None`` if there is none."""
    tags = [_tags(c) for c in classes]
    common = set.intersection(*(set(t) for t in tags)) if tags else set()
    return next((k for k in sorted(common) if len({t[k] for t in tags}) == len(tags)), None)


def _dict_dispatch(classes: list[type], open_: bool) -> Callable[[dict[str, Any]], Any]:
    tags = [_tags(c) for c in classes]
    key = _tag_key(classes)

    if key is not None:
        table = {t[key]: _lazy(c) for t, c in zip(tags, classes, strict=True)}

        def by_tag(value: dict[str, Any]) -> Any:
            tag = value.get(key)
            if type(tag) is not str:
                raise ValueError(f"expected a string {key!r} tag, got {_json_kind(tag)}")
            build = table.get(tag)
            if build is not None:
                return build(value)
            if open_:
                return UnknownVariant(tag=tag, raw=value)
            raise ValueError(f"unknown {key} {tag!r}; expected one of {sorted(table)}")

        return by_tag

    shapes: list[_Shape] = []  # built on first use: classes may not be resolvable yet

    def by_shape(value: dict[str, Any]) -> Any:
        if not shapes and classes:
            shapes.extend(_Shape.of(c) for c in classes)
        # Candidates whose literal fields accept the values first, then the rest (a newer runtime's
        # enum value); within each, the class that knows most keys first. Nested shapes can still
        # differ, so a candidate that fails to structure gives way to the next.
        ranked = sorted(
            (-score, not strict, i)
            for strict in (True, False)
            for i, shape in enumerate(shapes)
            if (score := shape.score(value, strict=strict)) >= 0
        )
        first_error: Exception | None = None
        tried: set[int] = set()
        for _, _, i in ranked:
            if i in tried:
                continue
            tried.add(i)
            try:
                return shapes[i].build(value)
            except Exception as exc:
                first_error = first_error or exc
        if first_error is not None:
            raise first_error
        if open_:
            return UnknownVariant(tag=next(iter(value)) if len(value) == 1 else "", raw=value)
        names = ", ".join(c.__name__ for c in classes)
        raise ValueError(f"object with keys {sorted(value)} matches none of {names}")

    return by_shape


@converter.register_structure_hook_factory(_is_union)
def _union_hook(tp: Any) -> StructureHook:
    scalars: set[type] = set()
    classes: list[type] = []
    open_ = False
    takes_any = False
    list_type: Any = None
    dict_type: Any = None
    for member in get_args(tp):
        if member is UnknownVariant:
            open_ = True
        elif member is Any:
            takes_any = True
        elif _is_literal(member):
            scalars.update(type(v) for v in get_args(member))
        elif _is_protocol_class(member):
            classes.append(member)
        elif _is_list(member):
            list_type = list_type or member
        elif _is_dict(member):
            dict_type = dict_type or member
        elif member is float:
            scalars.update((float, int))
        elif isinstance(member, type):
            scalars.add(member)
        else:
            raise TypeError(f"cannot structure union member {member!r} of {tp!r}")
    by_dict = _dict_dispatch(classes, open_) if classes or open_ else None
    as_list = _lazy(list_type) if list_type is not None else None
    as_dict = _lazy(dict_type) if dict_type is not None else None
    kinds = {_kind_name(k) for k in scalars}
    if by_dict is not None or as_dict is not None:
        kinds.add("object")
    if as_list is not None:
        kinds.add("array")
    expected = " or ".join(sorted(kinds))

    def hook(value: Any, _: Any) -> Any:
        kind = type(value)
        if kind in scalars:
            return value
        if kind is dict:
            if by_dict is not None:
                return by_dict(value)
            if as_dict is not None:
                return as_dict(value)
        elif kind is list and as_list is not None:
            return as_list(value)
        if takes_any:
            return value
        raise TypeError(f"expected {expected}, got {_json_kind(value)}")

    return hook


# --------------------------------------------------------------------------------------------------
# Entry points


_hooks: dict[Any, StructureHook] = {}


def _structure(params: Any, tp: Any) -> Any:
    hook = _hooks.get(tp)
    if hook is None:
        hook = _hooks[tp] = converter.get_structure_hook(tp)
    return hook(params, tp)


def _problems(exc: BaseException, path: str) -> Iterator[str]:
    """One line per leaf error, located by wire names: ``expected string, got integer @ $.turn.id``."""
    if isinstance(exc, ClassValidationError):
        wire = {a.name: _wire(a) for a in attrs.fields(exc.cl)} if _is_protocol_class(exc.cl) else {}
        noted, plain = exc.group_exceptions()
        for sub, note in noted:
            yield from _problems(sub, f"{path}.{wire.get(note.name, note.name)}")
        for sub in plain:
            yield from _problems(sub, path)
    elif isinstance(exc, IterableValidationError):
        noted_items, plain = exc.group_exceptions()
        for sub, item in noted_items:
            index = item.index
            yield from _problems(sub, f"{path}[{index}]" if isinstance(index, int) else f"{path}.{index}")
        for sub in plain:
            yield from _problems(sub, path)
    elif isinstance(exc, KeyError):
        yield f"required field missing @ {path}"
    else:
        yield f"{exc} @ {path}"


def _describe(exc: Exception) -> str:
    return "\n".join(_problems(exc, "$"))


def structure_notification(method: str, params: Any) -> object:
    """The typed params of a server notification. Never raises.

    An unknown method gives ``UnknownEvent(method, params)``; params a known method's class cannot
    take give ``UnparsedEvent(method, params, error)``. Both keep the payload as received.
    """
    cls = SERVER_NOTIFICATIONS.get(method)
    if cls is None:
        return UnknownEvent(method, params)
    try:
        return _structure(params, cls)
    except Exception as exc:
        return UnparsedEvent(method, params, _describe(exc))


def structure_server_request(method: str, params: Any) -> object:
    """The typed params of a server -> client request. Never raises.

    An unknown method gives ``UnknownRequest(method, params)``; unparsable params give
    ``UnparsedEvent(method, params, error)``. Either way the request still needs an answer.
    """
    entry = SERVER_REQUESTS.get(method)
    if entry is None:
        return UnknownRequest(method, params)
    try:
        return _structure(params, entry[0])
    except Exception as exc:
        return UnparsedEvent(method, params, _describe(exc))


def structure_response(method: str, result: Any) -> Any:
    """The typed result of the client request ``method``.

    The result is returned as received when the method, or its response type, is unknown.
    Raises ``UnparsedResponseError`` when the result does not match the response type.
    """
    entry = CLIENT_REQUESTS.get(method)
    if entry is None or entry[1] is None:
        return result
    try:
        return _structure(result, entry[1])
    except Exception as exc:
        raise UnparsedResponseError(method, result, _describe(exc)) from exc


def unstructure(obj: Any) -> Any:
    """JSON-ready data for ``obj`` (params to send, or any protocol object): wire names, no Nones."""
    return converter.unstructure(obj)
