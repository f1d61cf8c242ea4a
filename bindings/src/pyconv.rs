//! JSON <-> Python, by hand: `serde_json::Value` to plain Python objects (for `drain`), and Python
//! objects straight to JSON bytes through serde (for sends, with no intermediate `Value`).

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use pyo3::exceptions::{PyOverflowError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::Value;

use crate::message::Id;

/// Deeper than this is almost certainly a reference cycle; refuse rather than overflow the stack.
const MAX_DEPTH: u32 = 512;

/// Convert a parsed JSON value to dict/list/str/int/float/bool/None.
///
/// Recursion is bounded by serde_json's own parse depth limit (128).
pub fn value_to_py<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any()
            } else if let Some(u) = n.as_u64() {
                u.into_pyobject(py)?.into_any()
            } else {
                // Without arbitrary_precision every other number is an f64.
                n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any()
            }
        }
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(value_to_py(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (k, item) in map {
                dict.set_item(key_to_py(py, k), value_to_py(py, item)?)?;
            }
            dict.into_any()
        }
    })
}

/// Keys longer than this are built fresh each time (they are not protocol field names).
const CACHED_KEY_MAX: usize = 64;
/// A bound on the key cache: a peer inventing keys cannot grow it without limit.
const KEY_CACHE_MAX: usize = 4096;

/// Protocol messages repeat the same few dozen object keys (and method names) on every line:
/// build each Python string once. A cached key also carries its hash, which every dict insert and
/// lookup reuses. Only ever used with the GIL held (from `drain`), so the mutex is never
/// contended; a `static` is never dropped, so no Python object is released without the GIL.
pub fn key_to_py<'py>(py: Python<'py>, key: &str) -> Bound<'py, PyString> {
    static KEYS: OnceLock<Mutex<HashMap<Box<str>, Py<PyString>>>> = OnceLock::new();
    if key.len() > CACHED_KEY_MAX {
        return PyString::new(py, key);
    }
    let Ok(mut keys) = KEYS.get_or_init(Mutex::default).lock() else {
        return PyString::new(py, key); // poisoned: no cache, still correct
    };
    if let Some(cached) = keys.get(key) {
        return cached.bind(py).clone();
    }
    let fresh = PyString::new(py, key);
    if keys.len() < KEY_CACHE_MAX {
        keys.insert(key.into(), fresh.clone().unbind());
    }
    fresh
}

pub fn id_to_py<'py>(py: Python<'py>, id: &Id) -> PyResult<Bound<'py, PyAny>> {
    Ok(match id {
        Id::Int(n) => n.into_pyobject(py)?.into_any(),
        Id::Str(s) => PyString::new(py, s).into_any(),
    })
}

pub fn id_from_py(obj: &Bound<'_, PyAny>) -> PyResult<Id> {
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Id::Str(s.to_str()?.to_owned()));
    }
    if obj.is_instance_of::<PyInt>() && !obj.is_instance_of::<PyBool>() {
        return Ok(Id::Int(obj.extract()?));
    }
    Err(PyTypeError::new_err(format!(
        "a JSON-RPC id must be int or str, not {}",
        obj.get_type().name()?
    )))
}

/// Serialize a Python object (dict/list/tuple/str/int/float/bool/None, subclasses included) to
/// JSON bytes. Raises TypeError for other types or non-str keys, ValueError for NaN/infinity and
/// cycles, OverflowError for ints outside the 64-bit range.
pub fn to_json(obj: &Bound<'_, PyAny>) -> PyResult<Vec<u8>> {
    let err = RefCell::new(None);
    let mut out = Vec::with_capacity(128);
    let value = PyJson {
        obj,
        depth: 0,
        err: &err,
    };
    match serde_json::to_writer(&mut out, &value) {
        Ok(()) => Ok(out),
        Err(e) => Err(err
            .take()
            .unwrap_or_else(|| PyValueError::new_err(e.to_string()))),
    }
}

/// `None` stays `None` (the field is omitted); anything else becomes JSON bytes.
pub fn opt_to_json(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Vec<u8>>> {
    match obj {
        Some(o) if !o.is_none() => to_json(o).map(Some),
        _ => Ok(None),
    }
}

struct PyJson<'a, 'py> {
    obj: &'a Bound<'py, PyAny>,
    depth: u32,
    /// serde errors cannot carry a PyErr, so the real exception waits here.
    err: &'a RefCell<Option<PyErr>>,
}

impl<'py> PyJson<'_, 'py> {
    fn fail<E: serde::ser::Error>(&self, e: PyErr) -> E {
        *self.err.borrow_mut() = Some(e);
        E::custom("Python object is not JSON serializable")
    }

    fn child<'b>(&'b self, obj: &'b Bound<'py, PyAny>) -> PyJson<'b, 'py> {
        PyJson {
            obj,
            depth: self.depth + 1,
            err: self.err,
        }
    }
}

impl Serialize for PyJson<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let obj = self.obj;
        if self.depth > MAX_DEPTH {
            return Err(self.fail(PyValueError::new_err(format!(
                "nesting deeper than {MAX_DEPTH} levels (circular reference?)"
            ))));
        }
        if obj.is_none() {
            return s.serialize_unit();
        }
        // bool before int: bool is a subclass of int (and cannot itself be subclassed).
        if let Ok(b) = obj.cast_exact::<PyBool>() {
            return s.serialize_bool(b.is_true());
        }
        if obj.is_instance_of::<PyInt>() {
            if let Ok(v) = obj.extract::<i64>() {
                return s.serialize_i64(v);
            }
            if let Ok(v) = obj.extract::<u64>() {
                return s.serialize_u64(v);
            }
            return Err(self.fail(PyOverflowError::new_err(
                "int out of range for JSON (must fit in 64 bits)",
            )));
        }
        if let Ok(f) = obj.cast::<PyFloat>() {
            let v = f.value();
            if !v.is_finite() {
                return Err(self.fail(PyValueError::new_err(format!(
                    "out of range float values are not JSON compliant: {v}"
                ))));
            }
            return s.serialize_f64(v);
        }
        if let Ok(st) = obj.cast::<PyString>() {
            let text = st.to_str().map_err(|e| self.fail(e))?;
            return s.serialize_str(text);
        }
        if let Ok(dict) = obj.cast::<PyDict>() {
            let mut map = s.serialize_map(Some(dict.len()))?;
            for (k, v) in dict.iter() {
                let Ok(key) = k.cast::<PyString>() else {
                    let name = k
                        .get_type()
                        .name()
                        .map(|n| n.to_string())
                        .unwrap_or_default();
                    return Err(self.fail(PyTypeError::new_err(format!(
                        "JSON object keys must be str, not {name}"
                    ))));
                };
                let key = key.to_str().map_err(|e| self.fail(e))?;
                map.serialize_entry(key, &self.child(&v))?;
            }
            return map.end();
        }
        if let Ok(list) = obj.cast::<PyList>() {
            let mut seq = s.serialize_seq(Some(list.len()))?;
            for item in list.iter() {
                seq.serialize_element(&self.child(&item))?;
            }
            return seq.end();
        }
        if let Ok(tuple) = obj.cast::<PyTuple>() {
            let mut seq = s.serialize_seq(Some(tuple.len()))?;
            for item in tuple.iter() {
                seq.serialize_element(&self.child(&item))?;
            }
            return seq.end();
        }
        let name = obj
            .get_type()
            .name()
            .map(|n| n.to_string())
            .unwrap_or_default();
        Err(self.fail(PyTypeError::new_err(format!(
            "Object of type {name} is not JSON serializable"
        ))))
    }
}
