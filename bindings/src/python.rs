//! The Python classes of `orchestra._native`: thin wrappers over the core in `connection.rs` and
//! `routing.rs`. No logic lives here beyond argument checking and conversion; nothing here runs on
//! the native threads, and nothing on the native threads calls into Python.

use std::collections::HashMap;
use std::ffi::OsString;
use std::io;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyOSError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyDict, PyList, PyString};
use serde_json::Value;

use crate::connection::{Closed, Connection, SpawnOptions};
use crate::message::{ExitStatus, Message, Payload};
use crate::pyconv::{id_from_py, id_to_py, key_to_py, opt_to_json, to_json, value_to_py};
use crate::reclaim;
use crate::routing::{OnSuccess, Route, Router};
use crate::structure::{untrack, PyStructurer, StringReuse};

create_exception!(
    orchestra._native,
    ConnectionClosedError,
    PyException,
    "Raised by the send methods of a Connection after the runtime process exited or its stdin was closed."
);

fn closed_error(e: Closed) -> PyErr {
    ConnectionClosedError::new_err(e.to_string())
}

/// An OSError of the right subclass (FileNotFoundError, PermissionError, ...) naming `filename`.
fn os_error(e: io::Error, filename: Option<String>) -> PyErr {
    match e.raw_os_error() {
        Some(errno) => {
            let text = e.to_string();
            let strerror = match text.rfind(" (os error ") {
                Some(pos) => text[..pos].to_owned(),
                None => text,
            };
            match filename {
                Some(f) => PyOSError::new_err((errno, strerror, f)),
                None => PyOSError::new_err((errno, strerror)),
            }
        }
        None => PyOSError::new_err(e.to_string()),
    }
}

fn status_tuple(s: ExitStatus) -> (Option<i32>, Option<i32>) {
    (s.code, s.signal)
}

/// One message from the runtime (or the exit of its process). Immutable.
#[pyclass(frozen, name = "Message", module = "orchestra._native")]
pub struct PyMessage {
    kind: &'static str,
    #[pyo3(get)]
    id: Option<Py<PyAny>>,
    #[pyo3(get)]
    method: Option<Py<PyString>>,
    /// The params as Python, built on first access when `event` was built natively from them.
    params: PyOnceLock<Py<PyAny>>,
    /// The parse `params` is built from on first access (empty if it was built at once).
    params_json: KeptJson,
    /// The typed params of a notification, when the connection's structurer built them.
    #[pyo3(get)]
    event: Option<Py<PyAny>>,
    /// ``notification``: ``params.turnId``, else ``params.turn.id``; None if neither is a string.
    #[pyo3(get)]
    turn_id: Option<Py<PyString>>,
    #[pyo3(get)]
    result: Option<Py<PyAny>>,
    #[pyo3(get)]
    error: Option<Py<PyAny>>,
    #[pyo3(get)]
    thread_id: Option<Py<PyString>>,
    #[pyo3(get)]
    raw: Option<Py<PyBytes>>,
    #[pyo3(get)]
    reason: Option<Py<PyString>>,
    #[pyo3(get)]
    exit_code: Option<i32>,
    #[pyo3(get)]
    exit_signal: Option<i32>,
}

impl PyMessage {
    fn blank(kind: &'static str, thread_id: Option<Py<PyString>>) -> Self {
        PyMessage {
            kind,
            id: None,
            method: None,
            params: PyOnceLock::new(),
            params_json: KeptJson(None),
            event: None,
            turn_id: None,
            result: None,
            error: None,
            thread_id,
            raw: None,
            reason: None,
            exit_code: None,
            exit_signal: None,
        }
    }

    fn from_message<'py>(
        py: Python<'py>,
        msg: Message,
        structurer: Option<&PyStructurer>,
        strings: &mut StringReuse<'py>,
    ) -> PyResult<Self> {
        let kind = msg.kind();
        let thread_id = msg.thread_id.map(|t| strings.remember(py, &t).unbind());
        Ok(match msg.payload {
            Payload::Response { id, result } => PyMessage {
                id: Some(id_to_py(py, &id)?.unbind()),
                result: Some(to_py_then_free(py, result)?),
                ..Self::blank(kind, thread_id)
            },
            Payload::Error { id, error } => PyMessage {
                id: id
                    .map(|id| id_to_py(py, &id).map(Bound::unbind))
                    .transpose()?,
                error: Some(to_py_then_free(py, error)?),
                ..Self::blank(kind, thread_id)
            },
            Payload::Notification { method, params } => {
                let turn_id = msg.turn_id.map(|t| strings.remember(py, &t).unbind());
                let event = structurer.and_then(|s| s.build(py, &method, params.as_ref(), strings));
                let mut message = PyMessage {
                    method: Some(key_to_py(py, &method).unbind()),
                    turn_id,
                    ..Self::blank(kind, thread_id)
                };
                match event {
                    // Typed natively: the plain params are built only if someone asks for them.
                    Some(event) => {
                        message.event = Some(event.unbind());
                        message.params_json = KeptJson(params);
                    }
                    None => message.set_params(py, params)?,
                }
                message
            }
            Payload::Request { id, method, params } => {
                let mut message = PyMessage {
                    id: Some(id_to_py(py, &id)?.unbind()),
                    method: Some(key_to_py(py, &method).unbind()),
                    ..Self::blank(kind, thread_id)
                };
                message.set_params(py, params)?;
                message
            }
            Payload::Malformed { raw, reason } => PyMessage {
                raw: Some(PyBytes::new(py, &raw).unbind()),
                reason: Some(PyString::new(py, &reason).unbind()),
                ..Self::blank(kind, thread_id)
            },
            Payload::Exit(status) => PyMessage {
                exit_code: status.code,
                exit_signal: status.signal,
                ..Self::blank(kind, thread_id)
            },
        })
    }

    fn set_params(&mut self, py: Python<'_>, params: Option<Value>) -> PyResult<()> {
        let value = match params {
            Some(v) => to_py_then_free(py, v)?,
            None => py.None(),
        };
        // A fresh cell: it cannot already be set.
        let _ = self.params.set(py, value);
        Ok(())
    }
}

#[pymethods]
impl PyMessage {
    /// "response", "error", "notification", "request", "malformed" or "exit".
    #[getter]
    fn kind<'py>(&self, py: Python<'py>) -> &Bound<'py, PyString> {
        // Interned once per kind: `msg.kind == "notification"` stays a cheap comparison.
        match self.kind {
            "response" => intern!(py, "response"),
            "error" => intern!(py, "error"),
            "notification" => intern!(py, "notification"),
            "request" => intern!(py, "request"),
            "malformed" => intern!(py, "malformed"),
            _ => intern!(py, "exit"),
        }
    }

    /// ``notification``/``request``: the params as plain Python; None if absent.
    #[getter]
    fn params(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        self.params
            .get_or_try_init(py, || match &self.params_json.0 {
                Some(v) => value_to_py(py, v).map(Bound::unbind),
                None => Ok(py.None()),
            })
            .map(|p| p.clone_ref(py))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let mut parts = vec![format!("kind='{}'", self.kind)];
        let fields: [(&str, Option<&Bound<'_, PyAny>>); 5] = [
            ("id", self.id.as_ref().map(|v| v.bind(py))),
            ("method", self.method.as_ref().map(|v| v.bind(py).as_any())),
            (
                "thread_id",
                self.thread_id.as_ref().map(|v| v.bind(py).as_any()),
            ),
            ("error", self.error.as_ref().map(|v| v.bind(py))),
            ("reason", self.reason.as_ref().map(|v| v.bind(py).as_any())),
        ];
        for (name, value) in fields {
            if let Some(v) = value {
                parts.push(format!("{name}={}", v.repr()?));
            }
        }
        if let Some(raw) = &self.raw {
            let bytes = raw.bind(py).as_bytes();
            let shown = PyBytes::new(py, &bytes[..bytes.len().min(80)]).repr()?;
            let more = if bytes.len() > 80 { "..." } else { "" };
            parts.push(format!("raw={shown}{more}"));
        }
        if self.kind == "exit" {
            parts.push(format!(
                "exit_code={}, exit_signal={}",
                opt_repr(self.exit_code),
                opt_repr(self.exit_signal)
            ));
        }
        Ok(format!("Message({})", parts.join(", ")))
    }
}

/// The parse as Python; the parse itself is freed on the reclaim thread, not this one.
fn to_py_then_free(py: Python<'_>, value: Value) -> PyResult<Py<PyAny>> {
    let converted = value_to_py(py, &value)?.unbind();
    reclaim::defer(value);
    Ok(converted)
}

/// A parse kept for later, freed on the reclaim thread (see `reclaim.rs`) when dropped.
#[derive(Default)]
struct KeptJson(Option<Value>);

impl Drop for KeptJson {
    fn drop(&mut self) {
        if let Some(value) = self.0.take() {
            reclaim::defer(value);
        }
    }
}

fn opt_repr(v: Option<i32>) -> String {
    v.map_or_else(|| "None".to_owned(), |v| v.to_string())
}

/// A per-destination queue with a wakeup fd. Readable fd <=> messages waiting.
#[pyclass(frozen, name = "Route", module = "orchestra._native")]
pub struct PyRoute {
    route: Arc<Route>,
    router: Arc<Router>,
    /// Builds typed events for notifications as they are drained (the connection's, if any).
    structurer: Option<Py<PyStructurer>>,
}

impl PyRoute {
    fn check_open(&self) -> PyResult<()> {
        if self.route.is_closed() {
            return Err(PyValueError::new_err(format!(
                "route {:?} is closed",
                self.route.key()
            )));
        }
        Ok(())
    }
}

#[pymethods]
impl PyRoute {
    #[getter]
    fn key(&self) -> &str {
        self.route.key()
    }

    fn fileno(&self) -> PyResult<i32> {
        self.route
            .fileno()
            .ok_or_else(|| PyValueError::new_err(format!("route {:?} is closed", self.route.key())))
    }

    #[pyo3(signature = (max = 1024))]
    fn drain<'py>(&self, py: Python<'py>, max: usize) -> PyResult<Bound<'py, PyList>> {
        // The route lock is only ever held for a queue operation, so this does not wait; keeping
        // the GIL is cheaper than releasing and re-acquiring it.
        let messages = self.route.drain(max);
        let structurer = self.structurer.as_ref().map(|s| s.get());
        let mut strings = StringReuse::default();
        let list = PyList::empty(py);
        for msg in messages {
            let message = Bound::new(
                py,
                PyMessage::from_message(py, msg, structurer, &mut strings)?,
            )?;
            // A message only refers to values parsed from the runtime, which never refer back to
            // it: it cannot be part of a cycle, so the collector need not scan it.
            untrack(message.as_any());
            list.append(message)?;
        }
        Ok(list)
    }

    fn bind_thread(&self, thread_id: &str) -> PyResult<()> {
        self.check_open()?;
        self.router.bind_thread(thread_id, &self.route);
        Ok(())
    }

    fn statistics<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let s = self.route.stats();
        let d = PyDict::new(py);
        d.set_item("queued", s.queued)?;
        d.set_item("delivered", s.delivered)?;
        d.set_item("high_water", s.high_water)?;
        Ok(d)
    }

    fn close(&self) {
        self.router.close_route(&self.route);
    }

    fn __repr__(&self) -> String {
        let state = if self.route.is_closed() {
            "closed".to_owned()
        } else {
            format!("queued={}", self.route.stats().queued)
        };
        format!("Route(key='{}', {state})", self.route.key())
    }
}

impl Drop for PyRoute {
    /// A route nobody can reach from Python can never be drained: unregister it so its traffic
    /// falls back to control instead of piling up unseen. (Control itself lives as long as the
    /// router; `close_route` on it only happens through an explicit `close()`.)
    fn drop(&mut self) {
        if !Arc::ptr_eq(&self.route, self.router.control()) {
            self.router.close_route(&self.route);
        }
    }
}

/// A runtime process (`codex app-server --listen stdio://`) and the JSON-RPC traffic with it.
#[pyclass(frozen, name = "Connection", module = "orchestra._native")]
pub struct PyConnection {
    conn: Arc<Connection>,
    control: Py<PyRoute>,
    structurer: Option<Py<PyStructurer>>,
}

impl PyConnection {
    fn route_arg(&self, route: Option<&Bound<'_, PyRoute>>) -> PyResult<Option<Arc<Route>>> {
        let Some(route) = route else {
            return Ok(None);
        };
        let r = route.get();
        if !Arc::ptr_eq(&r.router, self.conn.router()) {
            return Err(PyValueError::new_err(
                "the route belongs to another connection",
            ));
        }
        r.check_open()?;
        Ok(Some(r.route.clone()))
    }
}

#[pymethods]
impl PyConnection {
    #[new]
    #[pyo3(signature = (argv, env = None, cwd = None, *, max_line_bytes = 64 * 1024 * 1024, stderr_tail_bytes = 65536, structurer = None))]
    #[allow(clippy::too_many_arguments)] // Python keyword arguments, each with a default
    fn new(
        py: Python<'_>,
        // PathBuf accepts str and os.PathLike alike; arguments are just OS strings to us.
        argv: Vec<PathBuf>,
        env: Option<HashMap<OsString, OsString>>,
        cwd: Option<PathBuf>,
        max_line_bytes: usize,
        stderr_tail_bytes: usize,
        structurer: Option<Py<PyStructurer>>,
    ) -> PyResult<Self> {
        let Some(program) = argv.first() else {
            return Err(PyValueError::new_err("argv must not be empty"));
        };
        if max_line_bytes == 0 {
            return Err(PyValueError::new_err("max_line_bytes must be positive"));
        }
        let program = program.to_string_lossy().into_owned();
        let opts = SpawnOptions {
            argv: argv.into_iter().map(PathBuf::into_os_string).collect(),
            env: env.map(|e| e.into_iter().collect()),
            cwd,
            max_line_bytes,
            stderr_tail_bytes,
        };
        // fork/exec can take a while on a big process: do it without the GIL.
        let conn = py
            .detach(|| Connection::spawn(opts))
            .map_err(|e| os_error(e, Some(program)))?;
        let conn = Arc::new(conn);
        let control = Py::new(
            py,
            PyRoute {
                route: conn.control().clone(),
                router: conn.router().clone(),
                structurer: structurer.as_ref().map(|s| s.clone_ref(py)),
            },
        )?;
        Ok(PyConnection {
            conn,
            control,
            structurer,
        })
    }

    #[getter]
    fn pid(&self) -> u32 {
        self.conn.pid()
    }

    fn control(&self, py: Python<'_>) -> Py<PyRoute> {
        self.control.clone_ref(py)
    }

    fn open_route(&self, py: Python<'_>) -> PyResult<PyRoute> {
        let route = self.conn.open_route().map_err(|e| os_error(e, None))?;
        Ok(PyRoute {
            route,
            router: self.conn.router().clone(),
            structurer: self.structurer.as_ref().map(|s| s.clone_ref(py)),
        })
    }

    fn start_handshake(&self, params: &Bound<'_, PyAny>) -> PyResult<u64> {
        let params = opt_to_json(Some(params))?;
        self.conn
            .start_handshake(params.as_deref())
            .map_err(closed_error)
    }

    #[pyo3(signature = (method, params = None, *, route = None, bind_thread = false))]
    fn request(
        &self,
        method: &str,
        params: Option<&Bound<'_, PyAny>>,
        route: Option<&Bound<'_, PyRoute>>,
        bind_thread: bool,
    ) -> PyResult<u64> {
        let params = opt_to_json(params)?;
        let route = self.route_arg(route)?;
        let on_success = if bind_thread {
            OnSuccess::BindThread
        } else {
            OnSuccess::Nothing
        };
        self.conn
            .request(method, params.as_deref(), route.as_ref(), on_success)
            .map_err(closed_error)
    }

    #[pyo3(signature = (method, params = None))]
    fn notify(&self, method: &str, params: Option<&Bound<'_, PyAny>>) -> PyResult<()> {
        let params = opt_to_json(params)?;
        self.conn
            .notify(method, params.as_deref())
            .map_err(closed_error)
    }

    fn respond(&self, id: &Bound<'_, PyAny>, result: &Bound<'_, PyAny>) -> PyResult<()> {
        let id = id_from_py(id)?;
        let result = to_json(result)?;
        self.conn.respond(&id, &result).map_err(closed_error)
    }

    #[pyo3(signature = (id, code, message, data = None))]
    fn respond_error(
        &self,
        id: &Bound<'_, PyAny>,
        code: i64,
        message: &str,
        data: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let id = id_from_py(id)?;
        let data = opt_to_json(data)?;
        self.conn
            .respond_error(&id, code, message, data.as_deref())
            .map_err(closed_error)
    }

    fn send_raw(&self, line: &[u8]) -> PyResult<()> {
        self.conn.send_raw(line).map_err(closed_error)
    }

    fn exit_status(&self) -> Option<(Option<i32>, Option<i32>)> {
        self.conn.exit_status().map(status_tuple)
    }

    fn stderr_tail<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, &self.conn.stderr_tail())
    }

    #[pyo3(signature = (signal = 9))]
    fn kill(&self, signal: i32) -> PyResult<()> {
        self.conn.kill(signal).map_err(|e| os_error(e, None))
    }

    #[pyo3(signature = (grace = 2.0))]
    fn close(&self, py: Python<'_>, grace: f64) -> PyResult<(Option<i32>, Option<i32>)> {
        let grace = Duration::try_from_secs_f64(grace).map_err(|_| {
            PyValueError::new_err("grace must be a non-negative, finite number of seconds")
        })?;
        let conn = self.conn.clone();
        Ok(status_tuple(py.detach(move || conn.close(grace))))
    }

    fn statistics<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let s = self.conn.stats();
        let d = PyDict::new(py);
        d.set_item("lines_read", s.lines_read)?;
        d.set_item("bytes_read", s.bytes_read)?;
        d.set_item("malformed", s.malformed)?;
        d.set_item("lines_written", s.lines_written)?;
        d.set_item("routes", s.routes)?;
        d.set_item("pending_requests", s.pending_requests)?;
        Ok(d)
    }

    fn __repr__(&self) -> String {
        let state = match self.conn.exit_status() {
            None => "running".to_owned(),
            Some(status) => status.to_string(),
        };
        format!("Connection(pid={}, {state})", self.conn.pid())
    }
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add(
        "ConnectionClosedError",
        py.get_type::<ConnectionClosedError>(),
    )?;
    m.add_class::<PyMessage>()?;
    m.add_class::<PyRoute>()?;
    m.add_class::<PyConnection>()?;
    m.add_class::<PyStructurer>()?;
    crate::jsonl::python::register(m)?;
    crate::http::python::register(m)?;
    Ok(())
}
