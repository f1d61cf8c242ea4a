//! Typed events built natively: the protocol's attrs classes instantiated straight from the parsed
//! JSON, with no intermediate dict and no Python code per field.
//!
//! The plan is compiled in Python (`orchestra/protocol/_plan.py`) from the generated classes and
//! the cattrs converter's rules. Whatever the plan cannot build exactly as the converter would (a
//! type mismatch, a missing required field, a union told apart by shape, any Python error) is not
//! an error here: `build` gives `None` and Python structures that message itself, so the typed
//! result is always the converter's.

use std::collections::HashMap;

use pyo3::exceptions::PyValueError;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyList, PyString, PyTuple, PyType};
use serde_json::{Map, Value};

use crate::pyconv::value_to_py;

/// JSON kinds a scalar node accepts, as a bit set (the converter checks, it never coerces).
pub const STR: u8 = 1;
pub const INT: u8 = 2;
pub const FLOAT: u8 = 4;
pub const BOOL: u8 = 8;
pub const NULL: u8 = 16;

fn kind_of(v: &Value) -> u8 {
    match v {
        Value::Null => NULL,
        Value::Bool(_) => BOOL,
        Value::Number(n) if n.is_i64() || n.is_u64() => INT,
        Value::Number(_) => FLOAT,
        Value::String(_) => STR,
        Value::Array(_) | Value::Object(_) => 0,
    }
}

struct Field {
    name: Py<PyString>,
    /// Where the field's `__slots__` member lives in an instance, found once by [`slot_offset`]:
    /// a direct store there is what `object.__setattr__` ends up doing, without the type lookup
    /// and descriptor call (about 150 instructions per field, a dozen fields per event).
    offset: Option<isize>,
    wire: String,
    node: usize,
    /// `None`: required (a missing key means the converter would fail).
    default: Option<Py<PyAny>>,
}

struct ClassPlan {
    cls: Py<PyType>,
    fields: Vec<Field>,
    /// Wire name -> field, for classes too big to scan (small ones compare names in order).
    by_wire: Option<HashMap<String, usize>>,
}

impl ClassPlan {
    /// Above this many fields a hash lookup beats comparing names one by one.
    const SCAN_MAX: usize = 12;

    /// Fields are tracked in a 64-bit set while an object is built (the schema's largest has 33).
    const MAX_FIELDS: usize = 64;

    fn new(cls: Py<PyType>, fields: Vec<Field>) -> Self {
        let by_wire = (fields.len() > Self::SCAN_MAX).then(|| {
            fields
                .iter()
                .enumerate()
                .map(|(i, f)| (f.wire.clone(), i))
                .collect()
        });
        ClassPlan {
            cls,
            fields,
            by_wire,
        }
    }

    fn field_index(&self, wire: &str) -> Option<usize> {
        match &self.by_wire {
            Some(map) => map.get(wire).copied(),
            None => self.fields.iter().position(|f| f.wire == wire),
        }
    }
}

enum DictMode {
    /// A single class: an object is that class or nothing.
    One(usize),
    /// Tagged classes: `value[key]` picks the class; an unknown tag is `UnknownVariant` if open.
    Tagged {
        key: String,
        table: HashMap<String, usize>,
        open: bool,
    },
    /// Externally tagged: a one-key object is the class its key names (`{"custom": {...}}`);
    /// an unknown key is `UnknownVariant` if open; any other object is left to Python.
    Keyed {
        table: HashMap<String, usize>,
        open: bool,
    },
    /// Classes told apart by their keys otherwise: left to Python.
    Shape,
}

struct UnionPlan {
    scalars: u8,
    dict_mode: Option<DictMode>,
    /// The node of the union's list member (itself a `List` node).
    list: Option<usize>,
    /// The node of the union's dict member, used when there are no classes.
    dict: Option<usize>,
    any: bool,
}

enum Node {
    /// Any JSON, kept as plain Python.
    Any,
    /// A scalar (or a `Literal`): the value as given, if its kind is in the set.
    Kinds(u8),
    List(usize),
    Dict(usize),
    Class(ClassPlan),
    Union(UnionPlan),
    /// A type the plan does not build: always left to Python.
    Never,
}

/// Strings that repeat across a batch (the thread id, the turn id) are built once and shared.
#[derive(Default)]
pub struct StringReuse<'py> {
    /// The most recently remembered texts and their Python strings, oldest first.
    recent: Vec<(String, Bound<'py, PyString>)>,
}

impl<'py> StringReuse<'py> {
    const MAX: usize = 4;

    fn find(&self, text: &str) -> Option<Bound<'py, PyString>> {
        self.recent
            .iter()
            .find(|(t, _)| t == text)
            .map(|(_, s)| s.clone())
    }

    /// `text` as a Python string, reusing one built earlier for the same text.
    pub fn get(&self, py: Python<'py>, text: &str) -> Bound<'py, PyString> {
        self.find(text).unwrap_or_else(|| PyString::new(py, text))
    }

    /// Remember `text` (short identifier-like strings only) for later [`get`](Self::get)s.
    pub fn remember(&mut self, py: Python<'py>, text: &str) -> Bound<'py, PyString> {
        if let Some(s) = self.find(text) {
            return s;
        }
        let s = PyString::new(py, text);
        if self.recent.len() == Self::MAX {
            self.recent.remove(0);
        }
        self.recent.push((text.to_owned(), s.clone()));
        s
    }
}

/// The compiled plan: nodes, plus the node of each notification method's params.
#[pyclass(frozen, name = "Structurer", module = "orchestra._native")]
pub struct PyStructurer {
    nodes: Vec<Node>,
    roots: HashMap<String, usize>,
    unknown_variant: Py<PyType>,
}

impl PyStructurer {
    /// The typed params of notification `method`, or `None` when Python must structure them.
    pub fn build<'py>(
        &self,
        py: Python<'py>,
        method: &str,
        params: Option<&Value>,
        strings: &mut StringReuse<'py>,
    ) -> Option<Bound<'py, PyAny>> {
        let root = *self.roots.get(method)?;
        let params = params?;
        // The converter's class hook takes only an object.
        if !matches!(params, Value::Object(_)) {
            return None;
        }
        let built = self.node(py, root, params, strings);
        if built.is_none() {
            // A Python error met on the way (there should be none) is dropped with the attempt:
            // the converter meets it again, and reports it, on the fallback path.
            let _ = PyErr::take(py);
        }
        built
    }

    fn node<'py>(
        &self,
        py: Python<'py>,
        index: usize,
        v: &Value,
        strings: &mut StringReuse<'py>,
    ) -> Option<Bound<'py, PyAny>> {
        match &self.nodes[index] {
            Node::Any => value_to_py(py, v).ok(),
            Node::Kinds(kinds) => scalar(py, *kinds, v, strings),
            Node::List(item) => self.list(py, *item, v, strings),
            Node::Dict(item) => self.dict(py, *item, v, strings),
            Node::Class(plan) => match v {
                Value::Object(map) => self.class(py, plan, map, strings),
                _ => None,
            },
            Node::Union(plan) => self.union(py, plan, v, strings),
            Node::Never => None,
        }
    }

    fn list<'py>(
        &self,
        py: Python<'py>,
        item: usize,
        v: &Value,
        strings: &mut StringReuse<'py>,
    ) -> Option<Bound<'py, PyAny>> {
        let Value::Array(items) = v else { return None };
        let list = PyList::empty(py);
        for it in items {
            list.append(self.node(py, item, it, strings)?).ok()?;
        }
        Some(list.into_any())
    }

    fn dict<'py>(
        &self,
        py: Python<'py>,
        item: usize,
        v: &Value,
        strings: &mut StringReuse<'py>,
    ) -> Option<Bound<'py, PyAny>> {
        let Value::Object(map) = v else { return None };
        let dict = PyDict::new(py);
        for (k, it) in map {
            dict.set_item(PyString::new(py, k), self.node(py, item, it, strings)?)
                .ok()?;
        }
        Some(dict.into_any())
    }

    fn class<'py>(
        &self,
        py: Python<'py>,
        plan: &ClassPlan,
        map: &Map<String, Value>,
        strings: &mut StringReuse<'py>,
    ) -> Option<Bound<'py, PyAny>> {
        // An empty instance and a generic setattr per field: what attrs' own __init__ does for a
        // frozen class without validators or converters (the plan compiler checks there are none).
        let obj = alloc(plan.cls.bind(py))?;
        // One pass over the object's members, setting the fields they name (extra keys are
        // ignored), then the defaults of the fields none named.
        let mut set: u64 = 0;
        let mut atomic = true;
        for (key, v) in map {
            if let Some(i) = plan.field_index(key) {
                let field = &plan.fields[i];
                let value = self.node(py, field.node, v, strings)?;
                atomic = atomic && !gc_tracked(&value);
                set_field(&obj, field, &value)?;
                set |= 1 << i;
            }
        }
        for (i, field) in plan.fields.iter().enumerate() {
            if set & (1 << i) == 0 {
                // A required field nobody named: the converter fails, so Python gets the message.
                set_field(&obj, field, field.default.as_ref()?.bind(py))?;
            }
        }
        if atomic {
            untrack(&obj);
        }
        Some(obj)
    }

    fn union<'py>(
        &self,
        py: Python<'py>,
        plan: &UnionPlan,
        v: &Value,
        strings: &mut StringReuse<'py>,
    ) -> Option<Bound<'py, PyAny>> {
        // The order of the converter's union hook: scalars, then objects, arrays, then Any.
        if kind_of(v) & plan.scalars != 0 {
            return scalar(py, plan.scalars, v, strings);
        }
        match v {
            Value::Object(map) => {
                if let Some(mode) = &plan.dict_mode {
                    return self.by_dict(py, mode, map, v, strings);
                }
                if let Some(node) = plan.dict {
                    return self.node(py, node, v, strings);
                }
            }
            Value::Array(_) => {
                if let Some(node) = plan.list {
                    return self.node(py, node, v, strings);
                }
            }
            _ => {}
        }
        if plan.any {
            return value_to_py(py, v).ok();
        }
        None
    }

    fn by_dict<'py>(
        &self,
        py: Python<'py>,
        mode: &DictMode,
        map: &Map<String, Value>,
        v: &Value,
        strings: &mut StringReuse<'py>,
    ) -> Option<Bound<'py, PyAny>> {
        let (tag, table, open) = match mode {
            DictMode::One(node) => return self.node(py, *node, v, strings),
            DictMode::Tagged { key, table, open } => match map.get(key) {
                Some(Value::String(tag)) => (tag, table, open),
                _ => return None,
            },
            DictMode::Keyed { table, open } => match map.keys().next() {
                Some(tag) if map.len() == 1 => (tag, table, open),
                _ => return None,
            },
            DictMode::Shape => return None,
        };
        match table.get(tag) {
            Some(&node) => self.node(py, node, v, strings),
            None if *open => {
                let raw = value_to_py(py, v).ok()?;
                self.unknown_variant
                    .bind(py)
                    .call1((PyString::new(py, tag), raw))
                    .ok()
            }
            None => None,
        }
    }
}

fn scalar<'py>(
    py: Python<'py>,
    kinds: u8,
    v: &Value,
    strings: &mut StringReuse<'py>,
) -> Option<Bound<'py, PyAny>> {
    if kind_of(v) & kinds == 0 {
        return None;
    }
    match v {
        Value::String(s) => Some(strings.get(py, s).into_any()),
        other => value_to_py(py, other).ok(),
    }
}

/// `object.__new__(cls)` for a class that does not override `__new__` (the plan compiler checks):
/// the type's allocation with every slot empty, without a call through Python.
fn alloc<'py>(cls: &Bound<'py, PyType>) -> Option<Bound<'py, PyAny>> {
    // SAFETY: a live type object, GIL held; a NULL result (MemoryError) is taken as None.
    unsafe {
        let obj = pyo3::ffi::PyType_GenericAlloc(cls.as_type_ptr(), 0);
        Bound::from_owned_ptr_or_opt(cls.py(), obj)
    }
}

fn gc_tracked(obj: &Bound<'_, PyAny>) -> bool {
    // SAFETY: a live object, GIL held.
    unsafe { pyo3::ffi::PyObject_GC_IsTracked(obj.as_ptr()) != 0 }
}

/// Take a frozen object that holds only atomic values (strings, numbers, None, untracked
/// objects) out of the cycle collector, as CPython does for such tuples and dicts: it can never
/// be part of a cycle. Events waiting in mailboxes then cost full collections nothing.
pub fn untrack(obj: &Bound<'_, PyAny>) {
    // SAFETY: a live object, GIL held; untracking an untracked object is a no-op.
    unsafe { pyo3::ffi::PyObject_GC_UnTrack(obj.as_ptr().cast()) }
}

/// Set `field` of a freshly allocated `obj`: a store at its slot's offset, else
/// `object.__setattr__`.
fn set_field(obj: &Bound<'_, PyAny>, field: &Field, value: &Bound<'_, PyAny>) -> Option<()> {
    match field.offset {
        Some(offset) => {
            // SAFETY: `offset` was found (and checked) by `slot_offset` on an instance of this
            // very class, which `alloc` gave us; the GIL is held. The store takes a new
            // reference and releases whatever the slot held, as the member descriptor does.
            unsafe {
                let slot = obj
                    .as_ptr()
                    .cast::<u8>()
                    .offset(offset)
                    .cast::<*mut pyo3::ffi::PyObject>();
                let old = *slot;
                pyo3::ffi::Py_IncRef(value.as_ptr());
                *slot = value.as_ptr();
                if !old.is_null() {
                    pyo3::ffi::Py_DecRef(old);
                }
            }
            Some(())
        }
        None => set_slot(obj, field.name.bind(obj.py()), value),
    }
}

/// Where attribute `name` of `cls`'s instances is stored, if it is a `__slots__` member: found by
/// setting it to a fresh object on a blank instance and looking for that pointer in the
/// instance's memory, then checked by storing there directly and reading it back through Python.
/// `None` (set through `object.__setattr__` instead) for anything else.
fn slot_offset(cls: &Bound<'_, PyType>, name: &Bound<'_, PyString>) -> PyResult<Option<isize>> {
    let py = cls.py();
    let member = match cls.getattr(name) {
        Ok(member) => member,
        Err(_) => return Ok(None),
    };
    if member.get_type().name()? != "member_descriptor" {
        return Ok(None);
    }
    let size: isize = cls.getattr(intern!(py, "__basicsize__"))?.extract()?;
    let word = std::mem::size_of::<*mut pyo3::ffi::PyObject>() as isize;
    let header = std::mem::size_of::<pyo3::ffi::PyObject>() as isize;
    let marker = py.eval(c"object()", None, None)?;
    let Some(probe) = alloc(cls) else {
        return Err(PyErr::fetch(py));
    };
    if set_slot(&probe, name, &marker).is_none() {
        return Err(PyErr::fetch(py));
    }
    let mut found = None;
    let mut offset = header;
    while offset + word <= size {
        // SAFETY: within the instance's basic size, at pointer alignment, GIL held.
        let at = unsafe {
            *probe
                .as_ptr()
                .cast::<u8>()
                .offset(offset)
                .cast::<*mut pyo3::ffi::PyObject>()
        };
        if at == marker.as_ptr() {
            if found.is_some() {
                return Ok(None);
            }
            found = Some(offset);
        }
        offset += word;
    }
    let Some(offset) = found else { return Ok(None) };
    let Some(check) = alloc(cls) else {
        return Err(PyErr::fetch(py));
    };
    let field = Field {
        name: name.clone().unbind(),
        offset: Some(offset),
        wire: String::new(),
        node: 0,
        default: None,
    };
    set_field(&check, &field, &marker);
    Ok(check.getattr(name)?.is(&marker).then_some(offset))
}

/// `object.__setattr__(obj, name, value)`: a slot of a frozen class, bypassing its __setattr__.
fn set_slot(
    obj: &Bound<'_, PyAny>,
    name: &Bound<'_, PyString>,
    value: &Bound<'_, PyAny>,
) -> Option<()> {
    // SAFETY: all three pointers are live objects we hold references to, and the GIL is held.
    let rc =
        unsafe { pyo3::ffi::PyObject_GenericSetAttr(obj.as_ptr(), name.as_ptr(), value.as_ptr()) };
    (rc == 0).then_some(())
}

fn bad_plan(index: usize, why: impl std::fmt::Display) -> PyErr {
    PyValueError::new_err(format!("structuring plan node {index}: {why}"))
}

fn parse_node(index: usize, t: &Bound<'_, PyTuple>, count: usize) -> PyResult<Node> {
    let check = |i: usize| -> PyResult<usize> {
        if i < count {
            Ok(i)
        } else {
            Err(bad_plan(index, format!("refers to node {i} of {count}")))
        }
    };
    let opt_index = |obj: Bound<'_, PyAny>| -> PyResult<Option<usize>> {
        if obj.is_none() {
            Ok(None)
        } else {
            check(obj.extract()?).map(Some)
        }
    };
    let tag: String = t.get_item(0)?.extract()?;
    Ok(match tag.as_str() {
        "any" => Node::Any,
        "never" => Node::Never,
        "kinds" => Node::Kinds(t.get_item(1)?.extract()?),
        "list" => Node::List(check(t.get_item(1)?.extract()?)?),
        "dict" => Node::Dict(check(t.get_item(1)?.extract()?)?),
        "class" => {
            let cls = t.get_item(1)?.cast_into::<PyType>()?;
            let mut fields = Vec::new();
            for f in t.get_item(2)?.try_iter()? {
                let (name, wire, node, required, default): (
                    Bound<'_, PyString>,
                    String,
                    usize,
                    bool,
                    Bound<'_, PyAny>,
                ) = f?.extract()?;
                fields.push(Field {
                    offset: slot_offset(&cls, &name)?,
                    name: name.unbind(),
                    wire,
                    node: check(node)?,
                    default: (!required).then(|| default.unbind()),
                });
            }
            if fields.len() > ClassPlan::MAX_FIELDS {
                return Err(bad_plan(index, "a class of more than 64 fields"));
            }
            Node::Class(ClassPlan::new(cls.unbind(), fields))
        }
        "union" => {
            let scalars: u8 = t.get_item(1)?.extract()?;
            let mode: String = t.get_item(2)?.extract()?;
            let dict_mode = match mode.as_str() {
                "none" => None,
                "shape" => Some(DictMode::Shape),
                "one" => {
                    let raw: HashMap<String, usize> = t.get_item(4)?.extract()?;
                    match raw.values().next() {
                        Some(&node) if raw.len() == 1 => Some(DictMode::One(check(node)?)),
                        _ => return Err(bad_plan(index, "a one-class union needs one node")),
                    }
                }
                "tagged" | "keyed" => {
                    let raw: HashMap<String, usize> = t.get_item(4)?.extract()?;
                    let mut table = HashMap::with_capacity(raw.len());
                    for (tag, node) in raw {
                        table.insert(tag, check(node)?);
                    }
                    let open: bool = t.get_item(5)?.extract()?;
                    if mode == "keyed" {
                        Some(DictMode::Keyed { table, open })
                    } else {
                        let key: String = t.get_item(3)?.extract()?;
                        Some(DictMode::Tagged { key, table, open })
                    }
                }
                other => return Err(bad_plan(index, format!("unknown union mode {other:?}"))),
            };
            Node::Union(UnionPlan {
                scalars,
                dict_mode,
                list: opt_index(t.get_item(6)?)?,
                dict: opt_index(t.get_item(7)?)?,
                any: t.get_item(8)?.cast::<PyBool>()?.is_true(),
            })
        }
        other => return Err(bad_plan(index, format!("unknown node kind {other:?}"))),
    })
}

#[pymethods]
impl PyStructurer {
    /// `nodes`: the plan (see `orchestra/protocol/_plan.py` for the tuple shapes); `roots`: method
    /// name -> node of its params; `unknown_variant`: the class an open tagged union's unknown
    /// tag becomes (called as `UnknownVariant(tag, raw)`).
    #[new]
    fn new(
        nodes: Vec<Bound<'_, PyTuple>>,
        roots: HashMap<String, usize>,
        unknown_variant: Py<PyType>,
    ) -> PyResult<Self> {
        let count = nodes.len();
        let nodes = nodes
            .iter()
            .enumerate()
            .map(|(i, t)| parse_node(i, t, count))
            .collect::<PyResult<Vec<_>>>()?;
        for (method, &node) in &roots {
            if node >= count {
                return Err(PyValueError::new_err(format!(
                    "root of {method:?} refers to node {node} of {count}"
                )));
            }
        }
        Ok(PyStructurer {
            nodes,
            roots,
            unknown_variant,
        })
    }

    /// The methods this plan builds.
    #[getter]
    fn methods(&self) -> Vec<String> {
        let mut m: Vec<String> = self.roots.keys().cloned().collect();
        m.sort();
        m
    }

    /// The typed params of notification `method` from JSON `data`, or None where Python must
    /// structure them (also for data that is not JSON). For tests and tools; the runtime path
    /// builds from the reader thread's parse.
    fn structure_json<'py>(
        &self,
        py: Python<'py>,
        method: &str,
        data: &[u8],
    ) -> Option<Bound<'py, PyAny>> {
        let value: Value = serde_json::from_slice(data).ok()?;
        self.build(py, method, Some(&value), &mut StringReuse::default())
    }

    fn __repr__(&self) -> String {
        format!(
            "Structurer(nodes={}, methods={})",
            self.nodes.len(),
            self.roots.len()
        )
    }
}
