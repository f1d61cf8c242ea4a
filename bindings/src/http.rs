//! HTTP to the cloud backend: a small fixed pool of worker threads doing blocking HTTP/1.1
//! (ureq over rustls) and a completion queue whose eventfd is readable while results wait.
//!
//! The Python thread only ever takes short locks: [`HttpClient::submit`] checks the request and
//! queues it, [`HttpClient::drain`] takes finished results. A worker holds no lock while it talks
//! to the network, and never calls into Python.
//!
//! Cancellation is best effort: a queued request is removed before it starts; a running one keeps
//! its worker until it finishes or its timeout expires, and its result is dropped.
//!
//! Lock order: `Shared.work` before `Shared.done`. A result is pushed with both held, so `cancel`
//! (which also holds both) sees every request in exactly one place: queued, running or done.
//!
//! Secrets: request header values (`Authorization`) appear in no error message, `Debug` output or
//! statistic; only header *names* are ever named.

use std::collections::{HashSet, VecDeque};
use std::fmt;
use std::io;
use std::os::fd::RawFd;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use ureq::http::{self, HeaderMap, HeaderName, HeaderValue, Method, Uri};
use ureq::{Agent, AsSendBody};

use crate::routing::lock;
use crate::sys::EventFd;

/// Worker threads, i.e. requests in flight at once.
pub const DEFAULT_WORKERS: usize = 4;
/// The most worker threads one client may have.
pub const MAX_WORKERS: usize = 256;
/// A response body larger than this is an error (`too_large`) rather than a memory hazard.
pub const DEFAULT_MAX_BODY: u64 = 64 * 1024 * 1024;

/// How a client behaves; see the defaults above.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    pub workers: usize,
    pub max_body_bytes: u64,
    /// Keep idle connections for reuse (at most 15 s; probed before reuse). Off: one connection
    /// per request.
    pub keep_alive: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            workers: DEFAULT_WORKERS,
            max_body_bytes: DEFAULT_MAX_BODY,
            keep_alive: true,
        }
    }
}

/// A request that failed the checks of [`Request::new`]. Never carries a header value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidRequest(pub String);

impl fmt::Display for InvalidRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for InvalidRequest {}

/// [`HttpClient::submit`] after [`HttpClient::close`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Closed;

impl fmt::Display for Closed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the HTTP client is closed")
    }
}

impl std::error::Error for Closed {}

/// A checked request, ready for a worker. Its `Debug` shows the method, URL and header names only.
pub struct Request {
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Option<Vec<u8>>,
    timeout: Duration,
}

impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.headers.keys().map(HeaderName::as_str).collect();
        f.debug_struct("Request")
            .field("method", &self.method.as_str())
            .field("uri", &self.uri.to_string())
            .field("headers", &names)
            .field("body_bytes", &self.body.as_ref().map(Vec::len))
            .field("timeout", &self.timeout)
            .finish()
    }
}

impl Request {
    /// The longest timeout a request is given (a year): longer ones are taken as this.
    pub const MAX_TIMEOUT: Duration = Duration::from_secs(365 * 24 * 3600);

    /// Check a request on the caller's thread, so that a worker can only fail on the network.
    ///
    /// `url` must be `http://` or `https://` with a host. `timeout` bounds everything, from the
    /// submit (waiting for a free worker counts) to the last byte of the body. A `POST`, `PUT` or `PATCH` without a body is sent
    /// with an empty one (`Content-Length: 0`), as Python's `http.client` does.
    pub fn new<'a>(
        method: &str,
        url: &str,
        headers: impl IntoIterator<Item = (&'a str, &'a str)>,
        body: Option<Vec<u8>>,
        timeout: Duration,
    ) -> Result<Request, InvalidRequest> {
        let method = Method::from_bytes(method.as_bytes())
            .map_err(|_| InvalidRequest(format!("invalid HTTP method {method:?}")))?;
        let uri: Uri = url
            .parse()
            .map_err(|e| InvalidRequest(format!("invalid URL {url:?}: {e}")))?;
        let scheme_ok = matches!(uri.scheme_str(), Some("http" | "https"));
        if !scheme_ok || uri.host().is_none_or(str::is_empty) {
            return Err(InvalidRequest(format!(
                "unsupported URL {url:?}: only http:// and https:// URLs with a host"
            )));
        }
        let mut map = HeaderMap::new();
        for (name, value) in headers {
            let header = HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| InvalidRequest(format!("invalid header name {name:?}")))?;
            // The value is never shown: it may be a bearer token.
            let mut value = HeaderValue::from_str(value)
                .map_err(|_| InvalidRequest(format!("invalid value for header {name:?}")))?;
            value.set_sensitive(true);
            map.append(header, value);
        }
        if timeout.is_zero() {
            return Err(InvalidRequest("timeout must be positive".to_owned()));
        }
        // A deadline past this overflows `Instant` arithmetic in the HTTP client (a panic).
        let timeout = timeout.min(Request::MAX_TIMEOUT);
        let body = match body {
            None if [Method::POST, Method::PUT, Method::PATCH].contains(&method) => {
                Some(Vec::new())
            }
            other => other,
        };
        Ok(Request {
            method,
            uri,
            headers: map,
            body,
            timeout,
        })
    }
}

/// Why a request got no HTTP answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// No connection: DNS failure, refused, unreachable.
    Connect,
    /// No complete answer within the request's timeout.
    Timeout,
    /// The TLS handshake failed (certificate, protocol).
    Tls,
    /// The peer spoke something that is not HTTP/1.1, or an oversized header.
    Protocol,
    /// The connection broke mid-exchange (reset, cut off before the end of the body).
    Io,
    /// The body is larger than `max_body_bytes`.
    TooLarge,
    /// The request could not be sent as given.
    Invalid,
    /// A bug: the worker panicked. The worker survives.
    Internal,
}

impl ErrorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Connect => "connect",
            ErrorKind::Timeout => "timeout",
            ErrorKind::Tls => "tls",
            ErrorKind::Protocol => "protocol",
            ErrorKind::Io => "io",
            ErrorKind::TooLarge => "too_large",
            ErrorKind::Invalid => "invalid",
            ErrorKind::Internal => "internal",
        }
    }

    fn of(e: &ureq::Error) -> ErrorKind {
        use ureq::Error as E;
        match e {
            E::Timeout(_) => ErrorKind::Timeout,
            E::HostNotFound | E::ConnectionFailed | E::ConnectProxyFailed(_) => ErrorKind::Connect,
            // rustls reports a refused certificate from inside the stream, as an io::Error.
            E::Io(io)
                if io
                    .get_ref()
                    .is_some_and(|inner| inner.is::<rustls::Error>()) =>
            {
                ErrorKind::Tls
            }
            E::Io(io) => match io.kind() {
                io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => ErrorKind::Timeout,
                io::ErrorKind::ConnectionRefused
                | io::ErrorKind::AddrNotAvailable
                | io::ErrorKind::NetworkUnreachable
                | io::ErrorKind::HostUnreachable => ErrorKind::Connect,
                _ => ErrorKind::Io,
            },
            E::Tls(_) | E::Pem(_) | E::Rustls(_) | E::TlsRequired => ErrorKind::Tls,
            E::BodyExceedsLimit(_) => ErrorKind::TooLarge,
            E::Http(_) | E::BadUri(_) | E::RequireHttpsOnly(_) | E::InvalidProxyUrl => {
                ErrorKind::Invalid
            }
            _ => ErrorKind::Protocol,
        }
    }
}

/// A request that got no HTTP answer. `message` names no header value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpError {
    pub kind: ErrorKind,
    pub message: String,
}

impl From<ureq::Error> for HttpError {
    fn from(e: ureq::Error) -> Self {
        let kind = ErrorKind::of(&e);
        let message = match e {
            // Without ureq's "io: " prefix: the kind says more.
            ureq::Error::Io(io) => io.to_string(),
            other => other.to_string(),
        };
        HttpError { kind, message }
    }
}

/// A whole HTTP answer, any status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    /// In the order received; names lower-case, values decoded as latin-1 (as `http.client` does).
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// The outcome of one submitted request.
#[derive(Debug)]
pub struct HttpResult {
    pub id: u64,
    pub outcome: Result<Response, HttpError>,
    /// From the moment a worker took the request to the end of its body.
    pub elapsed: Duration,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct HttpStats {
    /// Submitted, not yet taken by a worker.
    pub queued: usize,
    /// Being sent or received by a worker now (cancelled ones included until they end).
    pub running: usize,
    /// Results waiting for `drain`.
    pub ready: usize,
    pub submitted: u64,
    /// Results handed out by `drain` so far.
    pub delivered: u64,
    pub cancelled: u64,
    /// Worker threads alive (they end after `close`, once their current request is done).
    pub workers: usize,
}

struct Job {
    id: u64,
    request: Request,
    /// The request's timeout runs from here: time spent waiting for a free worker counts.
    submitted: Instant,
}

struct Work {
    queue: VecDeque<Job>,
    running: HashSet<u64>,
    /// Running requests whose result is to be dropped.
    cancelled: HashSet<u64>,
    closed: bool,
    next_id: u64,
    submitted: u64,
    cancelled_count: u64,
}

struct Done {
    results: VecDeque<HttpResult>,
    /// `None` once closed; the fd is closed with it.
    wake: Option<EventFd>,
    delivered: u64,
}

impl Done {
    /// The fd is signalled on the empty -> non-empty transition, under the lock `drain` uses to
    /// reset it, so a wakeup is never lost nor left dangling (as in `routing::Route`).
    fn push(&mut self, result: HttpResult) {
        let Some(wake) = self.wake.as_ref() else {
            return;
        };
        if self.results.is_empty() {
            let _ = wake.signal();
        }
        self.results.push_back(result);
    }

    fn reset_if_empty(&mut self) {
        if self.results.is_empty() {
            if let Some(wake) = self.wake.as_ref() {
                let _ = wake.reset();
            }
        }
    }
}

struct Shared {
    agent: Agent,
    max_body: u64,
    work: Mutex<Work>,
    /// Signalled when a job is queued or the client closes.
    job_ready: Condvar,
    done: Mutex<Done>,
    workers: AtomicUsize,
}

impl Shared {
    fn next_job(&self) -> Option<Job> {
        let mut work = lock(&self.work);
        loop {
            if work.closed {
                return None;
            }
            if let Some(job) = work.queue.pop_front() {
                work.running.insert(job.id);
                return Some(job);
            }
            work = self
                .job_ready
                .wait(work)
                .unwrap_or_else(|poisoned| poisoned.into_inner());
        }
    }

    fn finish(&self, result: HttpResult) {
        let mut work = lock(&self.work);
        work.running.remove(&result.id);
        if work.cancelled.remove(&result.id) || work.closed {
            return;
        }
        lock(&self.done).push(result);
    }
}

/// Counts a worker as alive from before its spawn until its thread ends, however it ends.
struct Alive(Arc<Shared>);

impl Drop for Alive {
    fn drop(&mut self) {
        self.0.workers.fetch_sub(1, Ordering::SeqCst);
    }
}

fn worker_loop(alive: Alive) {
    let shared = &alive.0;
    while let Some(job) = shared.next_job() {
        let started = Instant::now();
        let Job {
            id,
            mut request,
            submitted,
        } = job;
        let waited = started.saturating_duration_since(submitted);
        let outcome = match request.timeout.checked_sub(waited).filter(|d| !d.is_zero()) {
            None => Err(HttpError {
                kind: ErrorKind::Timeout,
                message: format!(
                    "not sent: no worker was free within the timeout ({:.3} s)",
                    request.timeout.as_secs_f64()
                ),
            }),
            Some(left) => {
                request.timeout = left;
                catch_unwind(AssertUnwindSafe(|| {
                    execute(&shared.agent, request, shared.max_body)
                }))
                .unwrap_or_else(|_| {
                    Err(HttpError {
                        kind: ErrorKind::Internal,
                        message: "the HTTP worker panicked".to_owned(),
                    })
                })
            }
        };
        shared.finish(HttpResult {
            id,
            outcome,
            elapsed: started.elapsed(),
        });
    }
}

fn execute(agent: &Agent, request: Request, max_body: u64) -> Result<Response, HttpError> {
    let Request {
        method,
        uri,
        headers,
        body,
        timeout,
    } = request;
    fn build<S>(body: S, method: Method, uri: Uri, headers: HeaderMap) -> http::Request<S> {
        let mut r = http::Request::new(body);
        *r.method_mut() = method;
        *r.uri_mut() = uri;
        *r.headers_mut() = headers;
        r
    }
    match body {
        Some(body) => run(agent, build(body, method, uri, headers), timeout, max_body),
        None => run(agent, build((), method, uri, headers), timeout, max_body),
    }
}

fn run<S: AsSendBody>(
    agent: &Agent,
    request: http::Request<S>,
    timeout: Duration,
    max_body: u64,
) -> Result<Response, HttpError> {
    let request = agent
        .configure_request(request)
        .timeout_global(Some(timeout))
        .build();
    let (parts, mut body) = agent.run(request)?.into_parts();
    let body = body.with_config().limit(max_body).read_to_vec()?;
    let headers = parts
        .headers
        .iter()
        .map(|(name, value)| {
            let text = value.as_bytes().iter().map(|&b| char::from(b)).collect();
            (name.as_str().to_owned(), text)
        })
        .collect();
    Ok(Response {
        status: parts.status.as_u16(),
        headers,
        body,
    })
}

fn agent(opts: &Options) -> Agent {
    let config = Agent::config_builder()
        // Every status is an answer: the caller decides what 4xx and 5xx mean.
        .http_status_as_error(false)
        // Redirects are answers too (as with `http.client`): the API does not redirect, and a
        // redirect must not carry the request elsewhere behind the caller's back.
        .max_redirects(0)
        // No proxy from the environment: requests go where their URL says.
        .proxy(None)
        .max_idle_connections(if opts.keep_alive { 16 } else { 0 })
        .max_idle_connections_per_host(if opts.keep_alive { opts.workers } else { 0 })
        .build();
    Agent::new_with_config(config)
}

/// A pool of HTTP workers and the queue of their results. See the module docs.
///
/// Dropping it closes it without waiting: workers still busy end after their current request.
pub struct HttpClient {
    shared: Arc<Shared>,
    workers: usize,
}

impl fmt::Debug for HttpClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpClient")
            .field("workers", &self.workers)
            .field("stats", &self.stats())
            .finish()
    }
}

impl HttpClient {
    pub fn new(opts: Options) -> io::Result<HttpClient> {
        if opts.workers == 0 || opts.workers > MAX_WORKERS {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("workers must be between 1 and {MAX_WORKERS}"),
            ));
        }
        let shared = Arc::new(Shared {
            agent: agent(&opts),
            max_body: opts.max_body_bytes,
            work: Mutex::new(Work {
                queue: VecDeque::new(),
                running: HashSet::new(),
                cancelled: HashSet::new(),
                closed: false,
                next_id: 1,
                submitted: 0,
                cancelled_count: 0,
            }),
            job_ready: Condvar::new(),
            done: Mutex::new(Done {
                results: VecDeque::new(),
                wake: Some(EventFd::new()?),
                delivered: 0,
            }),
            workers: AtomicUsize::new(0),
        });
        let client = HttpClient {
            shared: shared.clone(),
            workers: opts.workers,
        };
        for n in 0..opts.workers {
            shared.workers.fetch_add(1, Ordering::SeqCst);
            let alive = Alive(shared.clone());
            // On failure the closure (and with it `alive`) is dropped, so the count stays right;
            // dropping `client` closes the workers already started.
            thread::Builder::new()
                .name(format!("orchestra-http-{n}"))
                .spawn(move || worker_loop(alive))?;
        }
        Ok(client)
    }

    /// Queue a request and return its id (counting from 1). Never blocks on the network.
    pub fn submit(&self, request: Request) -> Result<u64, Closed> {
        let mut work = lock(&self.shared.work);
        if work.closed {
            return Err(Closed);
        }
        let id = work.next_id;
        work.next_id += 1;
        work.submitted += 1;
        work.queue.push_back(Job {
            id,
            request,
            submitted: Instant::now(),
        });
        drop(work);
        self.shared.job_ready.notify_one();
        Ok(id)
    }

    /// The completion fd: readable exactly while results wait. `None` once closed.
    pub fn fileno(&self) -> Option<RawFd> {
        lock(&self.shared.done).wake.as_ref().map(EventFd::raw)
    }

    /// Take up to `max` results, oldest first, without blocking.
    pub fn drain(&self, max: usize) -> Vec<HttpResult> {
        let mut done = lock(&self.shared.done);
        let n = max.min(done.results.len());
        let out: Vec<HttpResult> = done.results.drain(..n).collect();
        done.delivered += n as u64;
        done.reset_if_empty();
        out
    }

    /// Forget request `id`: a queued one never runs, a running one's result is dropped when it
    /// ends, a finished one's waiting result is removed. Returns whether there was anything to
    /// forget (false for an unknown, delivered or already cancelled id).
    pub fn cancel(&self, id: u64) -> bool {
        let mut work = lock(&self.shared.work);
        let found = if let Some(pos) = work.queue.iter().position(|job| job.id == id) {
            work.queue.remove(pos);
            true
        } else if work.running.contains(&id) {
            work.cancelled.insert(id)
        } else {
            let mut done = lock(&self.shared.done);
            match done.results.iter().position(|r| r.id == id) {
                Some(pos) => {
                    done.results.remove(pos);
                    done.reset_if_empty();
                    true
                }
                None => false,
            }
        };
        if found {
            work.cancelled_count += 1;
        }
        found
    }

    /// Stop: drop queued requests and waiting results, close the fd, let the workers end (each
    /// after its current request, whose result is dropped). Never waits. Idempotent.
    pub fn close(&self) {
        {
            let mut work = lock(&self.shared.work);
            work.closed = true;
            work.queue.clear();
        }
        self.shared.job_ready.notify_all();
        let mut done = lock(&self.shared.done);
        done.wake = None;
        done.results = VecDeque::new();
    }

    pub fn is_closed(&self) -> bool {
        lock(&self.shared.work).closed
    }

    pub fn workers(&self) -> usize {
        self.workers
    }

    pub fn stats(&self) -> HttpStats {
        let work = lock(&self.shared.work);
        let done = lock(&self.shared.done);
        HttpStats {
            queued: work.queue.len(),
            running: work.running.len(),
            ready: done.results.len(),
            submitted: work.submitted,
            delivered: done.delivered,
            cancelled: work.cancelled_count,
            workers: self.shared.workers.load(Ordering::SeqCst),
        }
    }
}

impl Drop for HttpClient {
    fn drop(&mut self) {
        self.close();
    }
}

#[cfg(feature = "pyo3")]
pub(crate) mod python {
    use std::time::Duration;

    use pyo3::exceptions::{PyOSError, PyValueError};
    use pyo3::prelude::*;
    use pyo3::types::{PyBytes, PyDict, PyList, PyTuple};

    use super::{HttpClient, Options, Request, DEFAULT_MAX_BODY, DEFAULT_WORKERS};

    /// The outcome of one request: an HTTP answer (any status) or an error.
    #[pyclass(frozen, name = "HttpResult", module = "orchestra._native")]
    pub struct PyHttpResult {
        #[pyo3(get)]
        id: u64,
        #[pyo3(get)]
        status: Option<u16>,
        headers: Vec<(String, String)>,
        #[pyo3(get)]
        body: Py<PyBytes>,
        #[pyo3(get)]
        error_kind: Option<&'static str>,
        #[pyo3(get)]
        error: Option<String>,
        #[pyo3(get)]
        elapsed: f64,
    }

    #[pymethods]
    impl PyHttpResult {
        #[getter]
        fn headers<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
            let list = PyList::empty(py);
            for (name, value) in &self.headers {
                list.append(PyTuple::new(py, [name, value])?)?;
            }
            Ok(list)
        }

        #[getter]
        fn ok(&self) -> bool {
            self.error_kind.is_none()
        }

        fn __repr__(&self, py: Python<'_>) -> String {
            // Neither headers nor body: a Set-Cookie or a token echoed back must not leak here.
            match (self.status, self.error_kind) {
                (Some(status), _) => format!(
                    "HttpResult(id={}, status={status}, body={} bytes)",
                    self.id,
                    self.body.bind(py).as_bytes().len()
                ),
                (None, kind) => format!(
                    "HttpResult(id={}, error_kind='{}')",
                    self.id,
                    kind.unwrap_or("unknown")
                ),
            }
        }
    }

    /// Blocking HTTP/1.1 on a pool of native worker threads; a native handle.
    #[pyclass(frozen, name = "HttpClient", module = "orchestra._native")]
    pub struct PyHttpClient {
        client: HttpClient,
    }

    fn closed() -> PyErr {
        PyValueError::new_err("the HTTP client is closed")
    }

    #[pymethods]
    impl PyHttpClient {
        #[new]
        #[pyo3(signature = (workers = DEFAULT_WORKERS, *, max_body_bytes = DEFAULT_MAX_BODY, keep_alive = true))]
        fn new(
            py: Python<'_>,
            workers: usize,
            max_body_bytes: u64,
            keep_alive: bool,
        ) -> PyResult<Self> {
            let opts = Options {
                workers,
                max_body_bytes,
                keep_alive,
            };
            let client = py.detach(|| HttpClient::new(opts)).map_err(|e| {
                if e.kind() == std::io::ErrorKind::InvalidInput {
                    PyValueError::new_err(e.to_string())
                } else {
                    PyOSError::new_err(e.to_string())
                }
            })?;
            Ok(PyHttpClient { client })
        }

        #[getter]
        fn workers(&self) -> usize {
            self.client.workers()
        }

        #[pyo3(signature = (method, url, headers, body, timeout))]
        fn submit(
            &self,
            method: &str,
            url: &str,
            headers: Vec<(String, String)>,
            body: Option<&[u8]>,
            timeout: f64,
        ) -> PyResult<u64> {
            let timeout = Duration::try_from_secs_f64(timeout)
                .ok()
                .filter(|t| !t.is_zero())
                .ok_or_else(|| {
                    PyValueError::new_err("timeout must be a positive, finite number of seconds")
                })?;
            let request = Request::new(
                method,
                url,
                headers.iter().map(|(n, v)| (n.as_str(), v.as_str())),
                body.map(<[u8]>::to_vec),
                timeout,
            )
            .map_err(|e| PyValueError::new_err(e.0))?;
            self.client.submit(request).map_err(|_| closed())
        }

        fn fileno(&self) -> PyResult<i32> {
            self.client.fileno().ok_or_else(closed)
        }

        #[pyo3(signature = (max = 1024))]
        fn drain<'py>(&self, py: Python<'py>, max: usize) -> PyResult<Bound<'py, PyList>> {
            let list = PyList::empty(py);
            for result in self.client.drain(max) {
                let elapsed = result.elapsed.as_secs_f64();
                let item = match result.outcome {
                    Ok(response) => PyHttpResult {
                        id: result.id,
                        status: Some(response.status),
                        headers: response.headers,
                        body: PyBytes::new(py, &response.body).unbind(),
                        error_kind: None,
                        error: None,
                        elapsed,
                    },
                    Err(error) => PyHttpResult {
                        id: result.id,
                        status: None,
                        headers: Vec::new(),
                        body: PyBytes::new(py, b"").unbind(),
                        error_kind: Some(error.kind.as_str()),
                        error: Some(error.message),
                        elapsed,
                    },
                };
                list.append(Bound::new(py, item)?)?;
            }
            Ok(list)
        }

        fn cancel(&self, id: u64) -> bool {
            self.client.cancel(id)
        }

        fn close(&self) {
            self.client.close();
        }

        #[getter]
        fn closed(&self) -> bool {
            self.client.is_closed()
        }

        fn statistics<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
            let s = self.client.stats();
            let d = PyDict::new(py);
            d.set_item("queued", s.queued)?;
            d.set_item("running", s.running)?;
            d.set_item("ready", s.ready)?;
            d.set_item("submitted", s.submitted)?;
            d.set_item("delivered", s.delivered)?;
            d.set_item("cancelled", s.cancelled)?;
            d.set_item("workers", s.workers)?;
            Ok(d)
        }

        fn __repr__(&self) -> String {
            if self.client.is_closed() {
                return format!("HttpClient(workers={}, closed)", self.client.workers());
            }
            let s = self.client.stats();
            format!(
                "HttpClient(workers={}, queued={}, running={}, ready={})",
                self.client.workers(),
                s.queued,
                s.running,
                s.ready
            )
        }
    }

    pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
        m.add_class::<PyHttpResult>()?;
        m.add_class::<PyHttpClient>()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sys::poll_fd;
    use std::io::{BufRead, BufReader, Read, Write};
    use std::net::{SocketAddr, TcpListener, TcpStream};

    /// One request as the test server read it.
    #[derive(Debug, Clone)]
    struct Seen {
        method: String,
        path: String,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    }

    impl Seen {
        fn header(&self, name: &str) -> Option<&str> {
            self.headers
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.as_str())
        }
    }

    fn read_request(reader: &mut BufReader<TcpStream>) -> Option<Seen> {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let mut parts = line.split_whitespace();
        let method = parts.next()?.to_owned();
        let path = parts.next()?.to_owned();
        let mut headers = Vec::new();
        loop {
            let mut line = String::new();
            reader.read_line(&mut line).ok()?;
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            let (name, value) = line.split_once(':')?;
            headers.push((name.trim().to_owned(), value.trim().to_owned()));
        }
        let length: usize = headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
            .map_or(0, |(_, v)| v.parse().unwrap_or(0));
        let mut body = vec![0; length];
        reader.read_exact(&mut body).ok()?;
        Some(Seen {
            method,
            path,
            headers,
            body,
        })
    }

    fn respond(stream: &mut TcpStream, status: u16, extra: &str, body: &[u8]) {
        let head = format!(
            "HTTP/1.1 {status} X\r\nContent-Length: {}\r\n{extra}\r\n",
            body.len()
        );
        let _ = stream.write_all(head.as_bytes());
        let _ = stream.write_all(body);
    }

    /// A tiny HTTP/1.1 server on 127.0.0.1: one thread per connection, keep-alive, each request
    /// answered by `handler`, which returns false to drop the connection.
    fn serve(handler: impl Fn(&Seen, &mut TcpStream) -> bool + Send + Sync + 'static) -> String {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let addr: SocketAddr = listener.local_addr().expect("addr");
        let handler = Arc::new(handler);
        thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let handler = handler.clone();
                thread::spawn(move || {
                    let mut writer = stream.try_clone().expect("clone");
                    let mut reader = BufReader::new(stream);
                    while let Some(seen) = read_request(&mut reader) {
                        if !handler(&seen, &mut writer) {
                            let _ = writer.shutdown(std::net::Shutdown::Both);
                            return;
                        }
                    }
                });
            }
        });
        format!("http://{addr}")
    }

    /// Answers by path: `/echo` (the request as JSON-ish text), `/slow/<ms>`, `/status/<code>`,
    /// `/cut` (promises more body than it sends), `/big/<n>` (n bytes).
    fn standard_server() -> String {
        serve(|seen, stream| {
            let path = seen.path.as_str();
            if path == "/echo" {
                let text = format!(
                    "{} {} auth={} ua={} len={}",
                    seen.method,
                    seen.path,
                    seen.header("authorization").unwrap_or("-"),
                    seen.header("user-agent").unwrap_or("-"),
                    seen.body.len()
                );
                respond(stream, 200, "X-Multi: a\r\nX-Multi: b\r\n", text.as_bytes());
            } else if let Some(ms) = path.strip_prefix("/slow/") {
                thread::sleep(Duration::from_millis(ms.parse().expect("ms")));
                respond(stream, 200, "", b"slow");
            } else if let Some(code) = path.strip_prefix("/status/") {
                respond(
                    stream,
                    code.parse().expect("code"),
                    "Retry-After: 7\r\n",
                    b"{}",
                );
            } else if path == "/cut" {
                let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort");
                return false;
            } else if let Some(n) = path.strip_prefix("/big/") {
                respond(stream, 200, "", &vec![b'x'; n.parse().expect("n")]);
            } else {
                respond(stream, 404, "", b"");
            }
            true
        })
    }

    fn client(workers: usize) -> HttpClient {
        HttpClient::new(Options {
            workers,
            ..Options::default()
        })
        .expect("client")
    }

    fn get(url: &str, timeout_ms: u64) -> Request {
        Request::new("GET", url, [], None, Duration::from_millis(timeout_ms)).expect("valid")
    }

    fn readable(client: &HttpClient) -> bool {
        poll_fd(client.fileno().expect("open"), libc::POLLIN, 0).expect("poll")
    }

    /// Wait (at most 10 s) on the fd until `n` results arrived; return them.
    fn wait_results(client: &HttpClient, n: usize) -> Vec<HttpResult> {
        let deadline = Instant::now() + Duration::from_secs(10);
        let mut out = Vec::new();
        while out.len() < n {
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(
                !left.is_zero(),
                "timed out with {} of {n} results",
                out.len()
            );
            let fd = client.fileno().expect("open");
            if poll_fd(fd, libc::POLLIN, left.as_millis() as i32).expect("poll") {
                out.extend(client.drain(1024));
            }
        }
        out
    }

    fn response(result: &HttpResult) -> &Response {
        result.outcome.as_ref().expect("an HTTP answer")
    }

    fn error(result: &HttpResult) -> &HttpError {
        result.outcome.as_ref().expect_err("an error")
    }

    #[test]
    fn get_and_post_round_trip() {
        let base = standard_server();
        let c = client(2);
        assert!(!readable(&c));
        let get_id = c
            .submit(
                Request::new(
                    "GET",
                    &format!("{base}/echo"),
                    [("Authorization", "Bearer s3cret"), ("User-Agent", "t/1")],
                    None,
                    Duration::from_secs(5),
                )
                .expect("valid"),
            )
            .expect("open");
        let results = wait_results(&c, 1);
        assert!(!readable(&c), "drained: not readable");
        assert_eq!(results[0].id, get_id);
        let r = response(&results[0]);
        assert_eq!(r.status, 200);
        assert_eq!(
            String::from_utf8_lossy(&r.body),
            "GET /echo auth=Bearer s3cret ua=t/1 len=0"
        );
        let multi: Vec<&str> = r
            .headers
            .iter()
            .filter(|(n, _)| n == "x-multi")
            .map(|(_, v)| v.as_str())
            .collect();
        assert_eq!(multi, ["a", "b"], "repeated headers kept, names lower-case");

        let post = |body: Option<Vec<u8>>| {
            let req = Request::new(
                "POST",
                &format!("{base}/echo"),
                [],
                body,
                Duration::from_secs(5),
            )
            .expect("valid");
            c.submit(req).expect("open")
        };
        let with_body = post(Some(b"{\"a\": 1}".to_vec()));
        let without = post(None);
        assert!(with_body > get_id && without > with_body, "ids count up");
        let mut results = wait_results(&c, 2);
        results.sort_by_key(|r| r.id);
        assert!(String::from_utf8_lossy(&response(&results[0]).body).ends_with("len=8"));
        assert!(String::from_utf8_lossy(&response(&results[1]).body).ends_with("len=0"));
    }

    #[test]
    fn every_status_is_an_answer() {
        let base = standard_server();
        let c = client(1);
        for code in [301, 404, 429, 500, 503] {
            c.submit(get(&format!("{base}/status/{code}"), 5000))
                .expect("open");
            let results = wait_results(&c, 1);
            let r = response(&results[0]);
            assert_eq!(r.status, code);
            assert!(r
                .headers
                .contains(&("retry-after".to_owned(), "7".to_owned())));
            assert_eq!(r.body, b"{}");
        }
    }

    #[test]
    fn many_concurrent_requests_all_complete() {
        let base = standard_server();
        let c = client(4);
        let ids: HashSet<u64> = (0..200)
            .map(|i| {
                let path = if i % 10 == 0 { "/slow/20" } else { "/echo" };
                c.submit(get(&format!("{base}{path}"), 10_000))
                    .expect("open")
            })
            .collect();
        assert_eq!(ids.len(), 200);
        let results = wait_results(&c, 200);
        let got: HashSet<u64> = results.iter().map(|r| r.id).collect();
        assert_eq!(got, ids);
        assert!(results.iter().all(|r| response(r).status == 200));
        let s = c.stats();
        assert_eq!((s.queued, s.running, s.ready), (0, 0, 0));
        assert_eq!((s.submitted, s.delivered), (200, 200));
    }

    #[test]
    fn a_huge_timeout_is_capped_not_a_worker_panic() {
        // 1.8e19 s overflowed the client's deadline arithmetic and panicked its worker.
        let base = standard_server();
        let c = client(1);
        let huge = Request::new(
            "GET",
            &format!("{base}/echo"),
            [],
            None,
            Duration::from_secs(u64::MAX),
        )
        .expect("valid");
        assert_eq!(huge.timeout, Request::MAX_TIMEOUT);
        c.submit(huge).expect("open");
        let results = wait_results(&c, 1);
        assert!(results[0].outcome.is_ok(), "{:?}", results[0].outcome);
    }

    #[test]
    fn a_slow_answer_times_out() {
        let base = standard_server();
        let c = client(1);
        let started = Instant::now();
        c.submit(get(&format!("{base}/slow/3000"), 200))
            .expect("open");
        let results = wait_results(&c, 1);
        assert_eq!(error(&results[0]).kind, ErrorKind::Timeout);
        assert!(started.elapsed() < Duration::from_secs(2));
    }

    #[test]
    fn a_silent_server_times_out() {
        // Accepts, reads, never answers.
        let base = serve(|_, _| {
            thread::sleep(Duration::from_secs(5));
            false
        });
        let c = client(1);
        c.submit(get(&format!("{base}/x"), 150)).expect("open");
        let results = wait_results(&c, 1);
        assert_eq!(error(&results[0]).kind, ErrorKind::Timeout);
    }

    #[test]
    fn refused_and_cut_off_connections_are_errors() {
        let port = {
            let l = TcpListener::bind("127.0.0.1:0").expect("bind");
            l.local_addr().expect("addr").port()
        };
        let c = client(2);
        let refused = c
            .submit(get(&format!("http://127.0.0.1:{port}/x"), 2000))
            .expect("open");
        let base = standard_server();
        let cut = c.submit(get(&format!("{base}/cut"), 2000)).expect("open");
        let results = wait_results(&c, 2);
        let by_id = |id| results.iter().find(|r| r.id == id).expect("result");
        assert_eq!(error(by_id(refused)).kind, ErrorKind::Connect);
        let cut = error(by_id(cut));
        assert!(
            matches!(cut.kind, ErrorKind::Io | ErrorKind::Protocol),
            "{cut:?}"
        );
    }

    #[test]
    fn https_to_a_plain_http_server_is_a_tls_error() {
        // Answers the ClientHello with plain HTTP, as a misconfigured port would.
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("addr").port();
        thread::spawn(move || {
            if let Ok((mut stream, _)) = listener.accept() {
                let _ = stream.write_all(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
                thread::sleep(Duration::from_millis(500));
            }
        });
        let c = client(1);
        c.submit(get(&format!("https://127.0.0.1:{port}/x"), 2000))
            .expect("open");
        let results = wait_results(&c, 1);
        assert_eq!(error(&results[0]).kind, ErrorKind::Tls, "{:?}", results[0]);
    }

    #[test]
    fn waiting_for_a_worker_counts_against_the_timeout() {
        let base = standard_server();
        let c = client(1);
        let busy = c
            .submit(get(&format!("{base}/slow/500"), 5000))
            .expect("open");
        let starved = c.submit(get(&format!("{base}/echo"), 200)).expect("open");
        let results = wait_results(&c, 2);
        let by_id = |id| results.iter().find(|r| r.id == id).expect("result");
        assert_eq!(response(by_id(busy)).status, 200);
        let starved = by_id(starved);
        assert_eq!(error(starved).kind, ErrorKind::Timeout);
        assert!(
            error(starved).message.starts_with("not sent"),
            "{starved:?}"
        );
        assert!(starved.elapsed < Duration::from_millis(50), "never ran");
    }

    #[test]
    fn an_oversized_body_is_refused() {
        let base = standard_server();
        let c = HttpClient::new(Options {
            workers: 1,
            max_body_bytes: 1000,
            keep_alive: true,
        })
        .expect("client");
        c.submit(get(&format!("{base}/big/1000"), 5000))
            .expect("open");
        c.submit(get(&format!("{base}/big/1001"), 5000))
            .expect("open");
        let mut results = wait_results(&c, 2);
        results.sort_by_key(|r| r.id);
        assert_eq!(response(&results[0]).body.len(), 1000);
        assert_eq!(error(&results[1]).kind, ErrorKind::TooLarge);
    }

    #[test]
    fn cancel_queued_running_and_finished_requests() {
        let base = standard_server();
        let c = client(1);
        let running = c
            .submit(get(&format!("{base}/slow/300"), 5000))
            .expect("open");
        let queued = c.submit(get(&format!("{base}/echo"), 5000)).expect("open");
        let kept = c.submit(get(&format!("{base}/echo"), 5000)).expect("open");
        // Let the worker pick up the first one.
        let deadline = Instant::now() + Duration::from_secs(5);
        while c.stats().running == 0 {
            assert!(Instant::now() < deadline);
            thread::sleep(Duration::from_millis(5));
        }
        assert!(c.cancel(queued));
        assert!(!c.cancel(queued), "already cancelled");
        assert!(c.cancel(running));
        assert!(!c.cancel(running), "already cancelled");
        assert!(!c.cancel(9999), "unknown id");
        let results = wait_results(&c, 1);
        assert_eq!(results.len(), 1);
        assert_eq!(results[0].id, kept);

        // A finished but undrained result is removed, and the fd goes quiet with it.
        let finished = c.submit(get(&format!("{base}/echo"), 5000)).expect("open");
        let deadline = Instant::now() + Duration::from_secs(5);
        while !readable(&c) {
            assert!(Instant::now() < deadline);
            thread::sleep(Duration::from_millis(5));
        }
        assert!(c.cancel(finished));
        assert!(!readable(&c));
        assert!(c.drain(10).is_empty());
        let s = c.stats();
        assert_eq!(s.cancelled, 3);
        assert_eq!(s.delivered, 1);
    }

    #[test]
    fn close_is_idempotent_and_never_waits_for_the_network() {
        let base = standard_server();
        let c = client(2);
        c.submit(get(&format!("{base}/slow/400"), 5000))
            .expect("open");
        for _ in 0..5 {
            c.submit(get(&format!("{base}/slow/400"), 5000))
                .expect("open");
        }
        let started = Instant::now();
        c.close();
        c.close();
        assert!(started.elapsed() < Duration::from_millis(100));
        assert!(c.is_closed());
        assert!(c.fileno().is_none());
        assert!(c.drain(10).is_empty());
        assert_eq!(c.submit(get(&format!("{base}/echo"), 100)), Err(Closed));
        assert_eq!(c.stats().queued, 0);
        // Busy workers end after their current request; idle ones at once.
        let deadline = Instant::now() + Duration::from_secs(5);
        while c.stats().workers > 0 {
            assert!(Instant::now() < deadline, "workers still alive");
            thread::sleep(Duration::from_millis(10));
        }
        assert_eq!(
            c.stats().ready,
            0,
            "results of running requests were dropped"
        );
    }

    #[test]
    fn dropping_does_not_hang() {
        let base = standard_server();
        let c = client(3);
        c.submit(get(&format!("{base}/slow/2000"), 5000))
            .expect("open");
        let started = Instant::now();
        drop(c);
        assert!(started.elapsed() < Duration::from_millis(100));
    }

    #[test]
    fn invalid_requests_are_refused_without_showing_header_values() {
        let check = |method: &str, url: &str, header: (&str, &str), timeout_ms: u64| {
            Request::new(
                method,
                url,
                [header],
                None,
                Duration::from_millis(timeout_ms),
            )
            .expect_err("invalid")
            .0
        };
        let ok_url = "http://127.0.0.1:1/x";
        assert!(check("GET", "ftp://h/x", ("A", "b"), 10).contains("unsupported URL"));
        assert!(check("GET", "/relative", ("A", "b"), 10).contains("unsupported URL"));
        assert!(check("GET", "http://", ("A", "b"), 10).contains("URL"));
        assert!(check("G E T", ok_url, ("A", "b"), 10).contains("method"));
        assert!(check("GET", ok_url, ("Bad Name", "b"), 10).contains("header name"));
        let bad_value = check("GET", ok_url, ("Authorization", "Bearer tok\r\nX: 1"), 10);
        assert!(bad_value.contains("Authorization"));
        assert!(!bad_value.contains("tok"), "{bad_value}");
        assert!(check("GET", ok_url, ("A", "b"), 0).contains("timeout"));
        let req = Request::new(
            "GET",
            ok_url,
            [("Authorization", "Bearer sekrit")],
            None,
            Duration::from_secs(1),
        )
        .expect("valid");
        let shown = format!("{req:?}");
        assert!(
            shown.contains("authorization") && !shown.contains("sekrit"),
            "{shown}"
        );
    }

    #[test]
    fn errors_name_no_header_value() {
        let base = serve(|_, _| false); // hangs up on every request
        let c = client(1);
        let req = Request::new(
            "GET",
            &format!("{base}/x"),
            [("Authorization", "Bearer sekrit-token")],
            None,
            Duration::from_secs(2),
        )
        .expect("valid");
        c.submit(req).expect("open");
        let results = wait_results(&c, 1);
        let e = error(&results[0]);
        assert!(!e.message.contains("sekrit"), "{e:?}");
        assert!(!format!("{c:?}").contains("sekrit"));
    }

    #[test]
    fn zero_workers_is_refused() {
        let err = HttpClient::new(Options {
            workers: 0,
            ..Options::default()
        })
        .expect_err("invalid");
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
    }
}
