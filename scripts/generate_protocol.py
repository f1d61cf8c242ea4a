"""Generate ``orchestra/protocol/_generated.py`` from the Codex runtime's own JSON Schema.

Regenerate (from the repository root) with::

    python scripts/generate_protocol.py                 # uses codex_cli_bin's bundled binary
    python scripts/generate_protocol.py --codex PATH    # another codex binary
    python scripts/generate_protocol.py --check         # exit 1 if the checked-in file is stale

The script runs ``codex app-server generate-json-schema --experimental --out TMP`` (with an
empty, temporary CODEX_HOME so that no user configuration leaks in), reads
``codex_app_server_protocol.schemas.json`` (the v1 definitions plus every v2 definition nested
under ``definitions.v2``) and writes one Python module: a frozen, slotted attrs class per object
definition, ``Literal`` aliases for string enums, union aliases for ``oneOf``/``anyOf``, and the
method registries. The output depends only on the schema, so regenerating from the same runtime
reproduces the file byte for byte.

Experimental methods and fields are included because orchestra initializes the runtime with
``capabilities.experimentalApi: true``, and the runtime then sends them (``Thread.environments``,
``availableDecisions`` on approvals, ...); ``--stable-only`` leaves them out.

Mapping rules (the converter in ``orchestra/protocol/_converter.py`` relies on them):

- Field names are snake_case; the exact wire name is kept in ``metadata={"wire": ...}`` whenever it
  differs from the Python name. Fields that are not ``required`` default to ``None`` (absent).
- A required property whose schema allows exactly one string is a *tag*: it gets that string as its
  default and ``metadata={"tag": True}``; the converter dispatches unions on tags.
- A union whose object variants are tagged (``{"type": "agentMessage", ...}``) or externally tagged
  (``{"granular": {...}}``) also admits ``UnknownVariant``, so a variant added by a newer runtime
  still structures. Other unions are told apart by shape.
- An object with its own properties plus ``oneOf`` variants (serde's ``#[serde(flatten)]`` of an
  enum) becomes one class per variant carrying the shared properties; an untagged ``anyOf`` of that
  kind is merged into one class whose variant-specific fields are all optional.
- A bare ``{"type": "object"}`` is an empty class when it is a method's params or result, and
  ``dict[str, Any]`` elsewhere (``ThreadExtra``, ``AppToolsConfig``: open maps whose data is kept).
- The schema does not say which result type answers which client method; responses are found by
  name (``FooParams`` -> ``FooResponse``, ``a/bC/read`` -> ``ABCReadResponse``) and a short table
  of exceptions below. A method with no known response maps to ``None``.
"""

from __future__ import annotations

import argparse
import json
import keyword
import os
import re
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "orchestra" / "protocol" / "_generated.py"

#: Client methods whose response type does not follow a naming rule.
RESPONSE_OVERRIDES = {
    "account/gatewayOAuth/cancel": "GatewayOAuthCancelResponse",
    "account/gatewayOAuth/login": "GatewayOAuthLoginResponse",
    "account/gatewayOAuth/read": "GatewayOAuthReadResponse",
    "account/logout": "LogoutAccountResponse",
    "account/rateLimits/read": "GetAccountRateLimitsResponse",
    "account/usage/read": "GetAccountTokenUsageResponse",
    "account/workspaceMessages/read": "GetWorkspaceMessagesResponse",
    "config/batchWrite": "ConfigWriteResponse",
    "config/mcpServer/reload": "McpServerRefreshResponse",
    "config/value/write": "ConfigWriteResponse",
    "externalAgentConfig/import/readHistories": "ExternalAgentConfigImportHistoriesReadResponse",
}

#: The message envelopes: they become registries, not classes.
ENVELOPES = ("ClientNotification", "ClientRequest", "ServerNotification", "ServerRequest")

#: Names a field may not take: keywords, and names the class body itself uses.
RESERVED = {
    "Any",
    "Literal",
    "None",
    "UnknownVariant",
    "attrs",
    "bool",
    "dict",
    "float",
    "int",
    "list",
    "str",
}

Schema = Any  # a JSON Schema node: a dict, or True/False


# --------------------------------------------------------------------------------------------------
# Running the runtime


def default_codex() -> str:
    import codex_cli_bin

    return str(codex_cli_bin.bundled_codex_path())


def runtime_version(codex: str) -> str:
    out = subprocess.run([codex, "--version"], check=True, capture_output=True, text=True).stdout
    match = re.search(r"(\d+\.\d+\.\d+\S*)", out)
    if match is None:
        raise SystemExit(f"cannot read a version from `codex --version`: {out!r}")
    return match.group(1)


def dump_schema(codex: str, *, experimental: bool = True) -> dict[str, Any]:
    """Run generate-json-schema and return the combined schema document."""
    with tempfile.TemporaryDirectory(prefix="orchestra-schema-") as tmp:
        home = Path(tmp, "home")
        home.mkdir()
        out = Path(tmp, "out")
        env = {**os.environ, "CODEX_HOME": str(home)}
        subprocess.run(
            [codex, "app-server", "generate-json-schema", "--out", str(out)]
            + (["--experimental"] if experimental else []),
            check=True,
            capture_output=True,
            env=env,
        )
        doc: dict[str, Any] = json.loads((out / "codex_app_server_protocol.schemas.json").read_text())
    return doc


# --------------------------------------------------------------------------------------------------
# Names and text


def pascal(text: str) -> str:
    parts = re.split(r"[^0-9a-zA-Z]+", text)
    return "".join(p[:1].upper() + p[1:] for p in parts if p)


def snake(wire: str) -> str:
    s = re.sub(r"[^0-9a-zA-Z]+", "_", wire).strip("_")
    s = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", s)
    s = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", s)
    s = s.lower() or "field"
    if s[0].isdigit():
        s = "f_" + s
    if keyword.iskeyword(s) or s in RESERVED:
        s += "_"
    return s


def title_name(title: str) -> str:
    """A schema title as a class name ("ApiKeyv2::LoginAccountParams" -> "ApiKeyLoginAccountParams")."""
    return pascal(re.sub(r"v\d+::", "", title))


def short_doc(description: str | None, limit: int = 300) -> str:
    """The first paragraph of a description, on one line, trimmed."""
    if not description:
        return ""
    first = re.split(r"\n\s*\n", description.strip(), maxsplit=1)[0]
    text = " ".join(first.split())
    if len(text) > limit:
        text = text[: limit - 3].rsplit(" ", 1)[0] + "..."
    return text.replace("\\", "\\\\").replace('"""', "'''")


def docstring(text: str, indent: str) -> list[str]:
    text = text.rstrip('"') + ("." if text.endswith('"') else "")
    if len(indent) + len(text) + 6 <= 110:
        return [f'{indent}"""{text}"""']
    body = textwrap.wrap(text, 106 - len(indent))
    return [f'{indent}"""{body[0]}', *(indent + line for line in body[1:]), f'{indent}"""']


def ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def literal(values: Iterable[str]) -> str:
    return "Literal[" + ", ".join(json.dumps(v) for v in values) + "]"


def join_union(members: list[str]) -> str:
    seen: list[str] = []
    for m in members:
        for part in split_union(m):
            if part not in seen:
                seen.append(part)
    if "None" in seen:  # nullable last, as people write it
        seen.remove("None")
        seen.append("None")
    return " | ".join(seen)


def split_union(expr: str) -> list[str]:
    """Split a union expression at top-level ``|``."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(expr):
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(expr[start:i].strip())
            start = i + 1
    parts.append(expr[start:].strip())
    return parts


# --------------------------------------------------------------------------------------------------
# The model of the output


@dataclass
class FieldSpec:
    name: str
    wire: str
    annotation: str
    required: bool
    tag: str | None = None
    doc: str = ""


@dataclass
class ClassSpec:
    name: str
    doc: str
    fields: list[FieldSpec]


@dataclass
class AliasSpec:
    name: str
    expr: str
    doc: str
    deps: set[str] = field(default_factory=set)


class Generator:
    def __init__(self, doc: dict[str, Any], version: str, experimental: bool) -> None:
        defs = dict(doc["definitions"])
        v2 = defs.pop("v2")
        for name, schema in defs.items():
            if name in v2 and _strip_meta(v2[name]) != _strip_meta(schema):
                raise SystemExit(f"definition {name} differs between v1 and v2")
        self.defs: dict[str, Schema] = {**v2, **defs}
        self.version = version
        self.experimental = experimental
        self.classes: dict[str, ClassSpec] = {}
        self.aliases: dict[str, AliasSpec] = {}
        self.taken: set[str] = set(self.defs)
        self.messages: set[str] = set()  # names of params and results of methods

    # ---- naming

    def fresh(self, name: str) -> str:
        if name not in self.taken:
            self.taken.add(name)
            return name
        n = 2
        while f"{name}{n}" in self.taken:
            n += 1
        self.taken.add(f"{name}{n}")
        return f"{name}{n}"

    # ---- schema predicates

    def resolve(self, s: Schema) -> Schema:
        while isinstance(s, dict) and "$ref" in s:
            s = self.defs[ref_name(s["$ref"])]
        while isinstance(s, dict) and len(s.get("allOf", ())) == 1 and "properties" not in s:
            s = self.resolve(s["allOf"][0])
        return s

    def single_value(self, s: Schema) -> str | None:
        """The one string a schema allows, if it allows exactly one."""
        s = self.resolve(s)
        if isinstance(s, dict):
            if isinstance(s.get("enum"), list) and len(s["enum"]) == 1 and isinstance(s["enum"][0], str):
                return str(s["enum"][0])
            if isinstance(s.get("const"), str):
                return str(s["const"])
        return None

    def tag_key(self, variants: list[Schema]) -> str | None:
        """The property every object variant fixes to its own single value, if there is one."""
        objs = [self.resolve(v) for v in variants]
        if not objs or not all(isinstance(o, dict) and "properties" in o for o in objs):
            return None
        keys: set[str] | None = None
        for o in objs:
            mine = {
                k for k, p in o["properties"].items() if k in o.get("required", ()) and self.single_value(p)
            }
            keys = mine if keys is None else keys & mine
        for key in sorted(keys or ()):
            values = [self.single_value(o["properties"][key]) for o in objs]
            if len(set(values)) == len(values):
                return key
        return None

    def externally_tagged(self, variants: list[Schema]) -> bool:
        objs = [self.resolve(v) for v in variants]
        return bool(objs) and all(
            isinstance(o, dict)
            and len(o.get("properties", {})) == 1
            and o.get("required") == list(o["properties"])
            and o.get("additionalProperties") is False
            for o in objs
        )

    @staticmethod
    def is_null(s: Schema) -> bool:
        return isinstance(s, dict) and s.get("type") == "null" and len(s) <= 2

    @staticmethod
    def is_catch_all(s: Schema) -> bool:
        return (
            isinstance(s, dict) and isinstance(s.get("type"), list) and "object" in s["type"] and len(s) == 1
        )

    @staticmethod
    def is_object(s: Schema) -> bool:
        return isinstance(s, dict) and (
            "properties" in s or (s.get("type") == "object" and ("oneOf" in s or "anyOf" in s))
        )

    # ---- definitions

    def run(self) -> None:
        # A bare {"type": "object"} is an empty struct when it is a method's params or result, and
        # an open map of anything elsewhere (ThreadExtra, AppToolsConfig): keep that data.
        self.messages = set()
        for envelope in ENVELOPES:
            for method, params in self.envelope(envelope):
                p = self.params_type(params).removesuffix(" | None")
                self.messages |= {p, p.removesuffix("Params") + "Response", self.response_for(method, p) or p}
        for name in sorted(self.defs):
            if name not in ENVELOPES:
                self.define(name, self.defs[name])

    def define(self, name: str, s: Schema) -> None:
        doc = short_doc(s.get("description")) if isinstance(s, dict) else ""
        if isinstance(s, dict) and self.is_object(s):
            expr = self.object_type(s, name, doc)
            if expr != name:  # a flattened tagged enum: the name is a union of variant classes
                self.alias(name, expr, doc)
        elif isinstance(s, dict) and s.get("type") == "object" and name in self.messages:
            self.classes[name] = ClassSpec(name, doc, [])
        else:
            self.alias(name, self.type_of(s, name), doc)

    def alias(self, name: str, expr: str, doc: str) -> None:
        bare = re.sub(r'"[^"]*"', "", expr)
        deps = set(re.findall(r"\b[A-Z][A-Za-z0-9_]*\b", bare)) - {"Any", "Literal", "None", "UnknownVariant"}
        self.aliases[name] = AliasSpec(name, expr, doc, deps)

    # ---- types

    def type_of(self, s: Schema, hint: str) -> str:
        """The annotation for schema ``s``; ``hint`` names anything that has to be hoisted."""
        if s is True or s == {} or not isinstance(s, dict):
            return "Any"
        if "$ref" in s:
            return ref_name(s["$ref"])
        if "allOf" in s and len(s["allOf"]) == 1 and "properties" not in s:
            return self.type_of(s["allOf"][0], hint)
        if self.is_object(s):
            return self.object_type(s, self.fresh(title_name(s["title"]) if "title" in s else hint), "")
        if "oneOf" in s or "anyOf" in s:
            return self.union_of(s.get("oneOf") or s["anyOf"], hint)
        t = s.get("type")
        if isinstance(t, list):
            members = [self.type_of({**s, "type": x}, hint) for x in t if x != "null"]
            if "null" in t:
                members.append("None")
            return join_union(members)
        if "enum" in s:
            return literal(s["enum"])
        if t == "string":
            return "str"
        if t == "integer":
            return "int"
        if t == "number":
            return "float"
        if t == "boolean":
            return "bool"
        if t == "null":
            return "None"
        if t == "array":
            items = s.get("items", True)
            if isinstance(items, list):
                return "list[Any]"
            return f"list[{self.type_of(items, hint + 'Item')}]"
        if t == "object":
            extra = s.get("additionalProperties", True)
            if isinstance(extra, dict):
                return f"dict[str, {self.type_of(extra, hint + 'Value')}]"
            return "dict[str, Any]"
        return "Any"

    def union_of(self, variants: list[Schema], hint: str) -> str:
        nullable = any(self.is_null(v) for v in variants)
        variants = [v for v in variants if not self.is_null(v)]
        literals: list[str] = []
        members: list[str] = []
        catch_all: set[str] = set()
        objects = [v for v in variants if self.is_object(self.resolve(v))]
        others = [v for v in variants if v not in objects and not self.is_catch_all(v)]
        closed = any(not isinstance(r := self.resolve(v), dict) or "enum" not in r for v in others)
        tag = self.tag_key(objects)
        open_union = bool(objects) and not closed and (tag is not None or self.externally_tagged(objects))
        for i, v in enumerate(variants):
            r = self.resolve(v)
            if isinstance(r, dict) and "$ref" not in v and isinstance(r.get("enum"), list):
                literals.extend(x for x in r["enum"] if x not in literals)
            elif isinstance(v, dict) and "$ref" not in v and self.is_object(v):
                name = self.variant_name(v, hint, tag, objects)
                members.append(self.object_type(v, name, short_doc(v.get("description"))))
            elif self.is_catch_all(v):
                catch_all.update(v["type"])  # "anything else": {"type": ["string", "object"]}
            else:
                members.append(self.type_of(v, f"{hint}Variant{i}"))
        if catch_all:
            if "string" in catch_all and not literals:
                members.append("str")
            if "object" in catch_all and not open_union:
                members.append("dict[str, Any]")
        if open_union:
            members.append("UnknownVariant")
        if literals:
            members.insert(0, literal(literals))
        if nullable:
            members.append("None")
        return join_union(members)

    def variant_name(self, v: Schema, parent: str, tag: str | None, siblings: list[Schema]) -> str:
        if "title" in v:
            return self.fresh(title_name(v["title"]))
        props = v.get("properties", {})
        if tag and tag in props and (value := self.single_value(props[tag])):
            return self.fresh(pascal(value) + parent)
        shared = set.intersection(*(set(self.resolve(o).get("required", ())) for o in siblings))
        own = [k for k in v.get("required", ()) if k not in shared]
        if own:  # named after the first required key no sibling requires
            return self.fresh(pascal(own[0]) + parent)
        return self.fresh(f"{parent}Variant{siblings.index(v)}")

    def object_type(self, s: Schema, name: str, doc: str) -> str:
        """Emit the class(es) for an object schema; return the annotation naming them."""
        variants = s.get("oneOf") or s.get("anyOf")
        if not variants:
            self.emit_class(name, s, doc)
            return name
        base = {k: v for k, v in s.items() if k not in ("oneOf", "anyOf")}
        tag = self.tag_key(variants)
        if tag is None:  # untagged: one class, the variants' own fields optional
            merged = dict(base.get("properties", {}))
            for v in variants:
                merged.update(self.resolve(v).get("properties", {}))
            self.emit_class(name, {**base, "properties": dict(sorted(merged.items()))}, doc)
            return name
        members = []
        for v in variants:
            r = self.resolve(v)
            props = {**base.get("properties", {}), **r.get("properties", {})}
            required = sorted({*base.get("required", ()), *r.get("required", ())})
            vdoc = short_doc(r.get("description")) or doc
            vname = self.variant_name(r, name, tag, [self.resolve(x) for x in variants])
            self.emit_class(vname, {"properties": dict(sorted(props.items())), "required": required}, vdoc)
            members.append(vname)
        self.taken.add(name)
        return join_union([*members, "UnknownVariant"])

    def emit_class(self, name: str, s: Schema, doc: str) -> None:
        if name in self.classes:
            raise SystemExit(f"class {name} emitted twice")
        self.taken.add(name)
        required = set(s.get("required", ()))
        used: set[str] = set()
        fields = []
        for wire, ps in s.get("properties", {}).items():
            py = snake(wire)
            while py in used:
                py += "_"
            used.add(py)
            hint = name + ("Body" if name.startswith(pascal(wire)) else pascal(wire))
            annotation = self.type_of(ps, hint)
            tag = self.single_value(ps) if wire in required else None
            fdoc = short_doc(ps.get("description"), 200) if isinstance(ps, dict) else ""
            fields.append(FieldSpec(py, wire, annotation, wire in required, tag, fdoc))
        self.classes[name] = ClassSpec(name, doc, fields)

    # ---- registries

    def envelope(self, name: str) -> Iterator[tuple[str, Schema | None]]:
        for variant in self.defs[name]["oneOf"]:
            (method,) = variant["properties"]["method"]["enum"]
            yield method, variant["properties"].get("params")

    def params_type(self, s: Schema | None) -> str:
        if s is None or self.is_null(s):
            return "NoneType"
        if "$ref" in s:
            return ref_name(s["$ref"])
        refs = [v for v in s.get("anyOf", ()) if "$ref" in v]
        if len(refs) == 1 and len(s["anyOf"]) == 2:  # optional params: anyOf [X, null]
            return ref_name(refs[0]["$ref"]) + " | None"
        raise SystemExit(f"unexpected params schema {s!r}")

    def response_for(self, method: str, params: str) -> str | None:
        params = params.removesuffix(" | None")
        candidates = [RESPONSE_OVERRIDES.get(method)]
        if params.endswith("Params"):
            candidates.append(params.removesuffix("Params") + "Response")
        candidates.append(pascal(method) + "Response")
        for c in candidates:
            if c and c in self.defs:
                return c
        return None

    # ---- output

    def render(self) -> str:
        out: list[str] = [
            f"# Generated from the JSON Schema of codex-cli {self.version}"
            f" (`codex app-server generate-json-schema{' --experimental' if self.experimental else ''}`).",
            "# DO NOT EDIT. Regenerate with: python scripts/generate_protocol.py"
            + ("" if self.experimental else " --stable-only"),
            f'"""Typed messages of the Codex app-server protocol, runtime {self.version} (generated)."""',
            "",
            "from __future__ import annotations",
            "",
            "from types import NoneType",
            "from typing import Any, Final, Literal, TypeAlias",
            "",
            "import attrs",
            "",
            "from ._fallback import UnknownVariant",
            "",
            f'RUNTIME_VERSION: Final = "{self.version}"',
        ]
        for name in sorted(self.classes):
            out += ["", "", *self.render_class(self.classes[name])]
        out += ["", "", "# " + "-" * 98, "# Aliases: enums, unions, and names for plain values", ""]
        for alias in self.ordered_aliases():
            if alias.doc:
                out += textwrap.wrap(alias.doc, 106, initial_indent="#: ", subsequent_indent="#: ")
            out.append(f"{alias.name}: TypeAlias = {alias.expr}")
        out += ["", "", "# " + "-" * 98, "# Registries: method -> types", ""]
        out += self.render_registries()
        names = sorted({*self.classes, *self.aliases, "RUNTIME_VERSION", *REGISTRY_NAMES})
        out += ["", "__all__ = ["] + [f'    "{n}",' for n in names] + ["]", ""]
        return "\n".join(out)

    def render_class(self, c: ClassSpec) -> list[str]:
        lines = ["@attrs.frozen(kw_only=True)", f"class {c.name}:"]
        if c.doc:
            lines += docstring(c.doc, "    ")
            if c.fields:
                lines.append("")
        if not c.fields and not c.doc:
            lines.append('    """An empty object."""')
        for f in c.fields:
            if f.doc:
                lines += textwrap.wrap(f.doc, 102, initial_indent="    #: ", subsequent_indent="    #: ")
            args = []
            annotation = f.annotation
            if f.tag is not None:
                args.append(f"default={json.dumps(f.tag)}")
            elif not f.required:
                args.append("default=None")
                if "None" not in split_union(annotation) and annotation != "Any":
                    annotation += " | None"
            meta = []
            if f.wire != f.name:
                meta.append(f'"wire": {json.dumps(f.wire)}')
            if f.tag is not None:
                meta.append('"tag": True')
            if meta:
                args.append("metadata={" + ", ".join(meta) + "}")
            if args == ["default=None"]:
                lines.append(f"    {f.name}: {annotation} = None")
            elif args:
                lines.append(f"    {f.name}: {annotation} = attrs.field({', '.join(args)})")
            else:
                lines.append(f"    {f.name}: {annotation}")
        return lines

    def ordered_aliases(self) -> list[AliasSpec]:
        done: set[str] = set()
        order: list[AliasSpec] = []

        def visit(name: str, path: tuple[str, ...]) -> None:
            if name in done or name not in self.aliases:
                return
            if name in path:
                raise SystemExit(f"recursive type alias: {' -> '.join((*path, name))}")
            for dep in sorted(self.aliases[name].deps):
                visit(dep, (*path, name))
            done.add(name)
            order.append(self.aliases[name])

        for name in sorted(self.aliases):
            visit(name, ())
        return order

    def render_registries(self) -> list[str]:
        out = [
            "#: Server notification method -> params class.",
            "SERVER_NOTIFICATIONS: Final[dict[str, type]] = {",
        ]
        for method, params in sorted(self.envelope("ServerNotification")):
            out.append(f'    "{method}": {self.params_type(params)},')
        out += [
            "}",
            "",
            "#: Server -> client request method -> (params type, response type). A type is a class or,",
            "#: for a few methods, a union alias; hence ``Any``.",
            "SERVER_REQUESTS: Final[dict[str, tuple[Any, Any]]] = {",
        ]
        for method, params in sorted(self.envelope("ServerRequest")):
            p = self.params_type(params)
            r = p.removesuffix("Params") + "Response"
            if r not in self.defs:
                raise SystemExit(f"no response type for server request {method}")
            out.append(f'    "{method}": ({p}, {r}),')
        out += [
            "}",
            "",
            "#: Client request method -> (params type, response type or None if the schema names none).",
            "#: ``NoneType`` params: the method takes no params.",
            "CLIENT_REQUESTS: Final[dict[str, tuple[Any, Any]]] = {",
        ]
        used: set[str | None] = set()
        for method, params in sorted(self.envelope("ClientRequest")):
            p = self.params_type(params)
            response = self.response_for(method, p)
            used.add(response)
            if response is None:
                print(f"warning: no response type found for client request {method}", file=sys.stderr)
            out.append(f'    "{method}": ({p}, {response}),')
        out += [
            "}",
            "",
            "#: Client notification method -> params class, or None when it carries no params.",
            "CLIENT_NOTIFICATIONS: Final[dict[str, type | None]] = {",
        ]
        for method, params in sorted(self.envelope("ClientNotification")):
            out.append(f'    "{method}": {None if params is None else self.params_type(params)},')
        out.append("}")
        server_responses = {p.removesuffix("Params") + "Response" for p in self.defs if p.endswith("Params")}
        for name in sorted(self.defs):
            unmapped = name not in used and name not in server_responses and name != "JSONRPCResponse"
            if name.endswith("Response") and unmapped:
                print(f"warning: response type {name} is not mapped to a method", file=sys.stderr)
        return out


REGISTRY_NAMES = ("CLIENT_NOTIFICATIONS", "CLIENT_REQUESTS", "SERVER_NOTIFICATIONS", "SERVER_REQUESTS")


def _strip_meta(s: Schema) -> Schema:
    if isinstance(s, dict):
        return {k: v for k, v in s.items() if k not in ("$schema", "title")}
    return s


def generate(codex: str, *, experimental: bool = True) -> str:
    gen = Generator(dump_schema(codex, experimental=experimental), runtime_version(codex), experimental)
    gen.run()
    return gen.render()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--codex", help="codex binary (default: the one codex_cli_bin bundles)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output file (default: {DEFAULT_OUT})")
    parser.add_argument("--check", action="store_true", help="do not write; exit 1 if --out differs")
    parser.add_argument(
        "--stable-only",
        action="store_true",
        help="leave out experimental methods and fields (orchestra initializes with experimentalApi: true)",
    )
    args = parser.parse_args(argv)
    text = generate(args.codex or default_codex(), experimental=not args.stable_only)
    if args.check:
        current = args.out.read_text() if args.out.exists() else ""
        if current != text:
            print(f"{args.out} is stale: run python scripts/generate_protocol.py", file=sys.stderr)
            return 1
        return 0
    args.out.write_text(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
