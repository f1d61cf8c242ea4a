//! One runtime process and the threads that own its pipes:
//!
//! - **writer**: takes finished lines from a channel and writes them to stdin, so a full pipe
//!   never blocks the caller (Python);
//! - **reader**: frames stdout, parses and routes each line ([`crate::reader::pump`]); at the end
//!   of stdout it waits for the exit status and broadcasts one exit message to every route;
//! - **stderr**: keeps the last `stderr_tail_bytes` of stderr;
//! - **waiter**: blocks until the child exits, reaps it and records its status.
//!
//! Only the waiter reaps, and only while holding the process lock; `kill` signals under the same
//! lock and only while no status is recorded, so a signal can never hit a recycled pid.

use std::ffi::OsString;
use std::fmt;
use std::io;
use std::os::fd::{AsRawFd, OwnedFd, RawFd};
use std::os::unix::process::CommandExt;
use std::panic::{self, AssertUnwindSafe};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use crate::message::{write_json_str, ExitStatus, Id};
use crate::reader::{pump, ReadStats};
use crate::routing::{lock, OnSuccess, Route, Router};
use crate::sys::{self, CancellableReader, EventFd};
use crate::tail::TailBuffer;

/// Written by the reader thread as soon as the `initialize` response arrives.
const INITIALIZED: &[u8] = b"{\"method\":\"initialized\"}\n";

/// After the child exited, how long stdout/stderr may stay open (held by a grandchild that
/// inherited them) before the reader and stderr threads stop waiting for EOF.
const LINGER_AFTER_EXIT: Duration = Duration::from_millis(250);

/// The writer coalesces queued lines into one write up to this size.
const WRITE_BATCH: usize = 256 * 1024;

/// Status recorded when the child was reaped by someone else and its status is unknowable.
const UNKNOWN_STATUS: ExitStatus = ExitStatus {
    code: None,
    signal: None,
};

pub struct SpawnOptions {
    /// Program and arguments; must not be empty.
    pub argv: Vec<OsString>,
    /// `None` inherits our environment; `Some` is exactly the child's environment.
    pub env: Option<Vec<(OsString, OsString)>>,
    pub cwd: Option<PathBuf>,
    pub max_line_bytes: usize,
    pub stderr_tail_bytes: usize,
}

impl SpawnOptions {
    pub fn new<I, S>(argv: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<OsString>,
    {
        SpawnOptions {
            argv: argv.into_iter().map(Into::into).collect(),
            env: None,
            cwd: None,
            max_line_bytes: 64 * 1024 * 1024,
            stderr_tail_bytes: 65536,
        }
    }
}

/// A send after the process exited or its stdin was closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Closed {
    pub status: Option<ExitStatus>,
}

impl fmt::Display for Closed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.status {
            Some(status) => write!(f, "connection closed: the runtime process {status}"),
            None => write!(f, "connection closed: the runtime's stdin is closed"),
        }
    }
}

impl std::error::Error for Closed {}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConnectionStats {
    pub lines_read: u64,
    pub bytes_read: u64,
    pub malformed: u64,
    pub lines_written: u64,
    pub routes: usize,
    pub pending_requests: usize,
}

enum WriterCmd {
    Line(Vec<u8>),
    /// Flush what came before, close stdin, stop.
    Close,
}

#[derive(Default)]
struct ProcState {
    status: Option<ExitStatus>,
    reader_done: bool,
    stderr_done: bool,
}

/// State shared by the handle and its threads.
struct Shared {
    pid: libc::pid_t,
    proc: Mutex<ProcState>,
    /// Notified whenever `proc` changes.
    changed: Condvar,
    read_stats: ReadStats,
    lines_written: AtomicU64,
    stdin_open: AtomicBool,
    stderr: Mutex<TailBuffer>,
    /// Signalled (never reset) to stop the pipe threads. `close()` releases it once every thread
    /// that uses it has been joined, so a closed connection holds no descriptor even if Python
    /// keeps the object alive (reference cycles are common in async code).
    cancel: Mutex<Option<EventFd>>,
    /// The eventfd's number, fixed at creation, for the threads' blocking calls.
    cancel_fd: RawFd,
}

impl Shared {
    fn signal_cancel(&self) {
        if let Some(fd) = lock(&self.cancel).as_ref() {
            let _ = fd.signal();
        }
    }

    fn update(&self, f: impl FnOnce(&mut ProcState)) {
        f(&mut lock(&self.proc));
        self.changed.notify_all();
    }

    /// Wait until `done(state)` holds or `timeout` passes; returns the final state's verdict.
    fn wait_for<T>(
        &self,
        timeout: Option<Duration>,
        mut done: impl FnMut(&ProcState) -> Option<T>,
    ) -> Option<T> {
        let deadline = timeout.map(|t| Instant::now() + t);
        let mut state = lock(&self.proc);
        loop {
            if let Some(v) = done(&state) {
                return Some(v);
            }
            state = match deadline {
                None => self
                    .changed
                    .wait(state)
                    .unwrap_or_else(|poisoned| poisoned.into_inner()),
                Some(deadline) => {
                    let left = deadline.saturating_duration_since(Instant::now());
                    if left.is_zero() {
                        return None;
                    }
                    self.changed
                        .wait_timeout(state, left)
                        .unwrap_or_else(|poisoned| poisoned.into_inner())
                        .0
                }
            };
        }
    }
}

/// A running (or finished) runtime process with its routing tables.
pub struct Connection {
    shared: Arc<Shared>,
    router: Arc<Router>,
    writer: mpsc::Sender<WriterCmd>,
    next_id: AtomicU64,
    /// `None` once `close()` joined them.
    threads: Mutex<Option<Vec<JoinHandle<()>>>>,
}

impl Connection {
    /// Spawn `argv` with piped stdin/stdout/stderr and start its threads.
    pub fn spawn(opts: SpawnOptions) -> io::Result<Connection> {
        let Some((program, args)) = opts.argv.split_first() else {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "argv must not be empty",
            ));
        };
        // Everything that can fail without side effects comes before the spawn.
        let router = Arc::new(Router::new()?);
        let cancel = EventFd::new()?;
        let mut cmd = Command::new(program);
        cmd.args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        if let Some(env) = &opts.env {
            cmd.env_clear().envs(env.iter().map(|(k, v)| (k, v)));
        }
        if let Some(cwd) = &opts.cwd {
            cmd.current_dir(cwd);
        }
        // Its own process group: a terminal's Ctrl-C goes to the whole foreground group, and the
        // runtime must not die of it before we have interrupted its turns in order.
        cmd.process_group(0);
        let mut child = cmd.spawn()?;
        let pid = child.id() as libc::pid_t;
        let pipes = (child.stdin.take(), child.stdout.take(), child.stderr.take());
        // std's Child neither kills nor waits on drop; from here on the waiter thread owns the pid.
        drop(child);
        let (Some(stdin), Some(stdout), Some(stderr)) = pipes else {
            unreachable!("all three pipes were requested");
        };
        let shared = Arc::new(Shared {
            pid,
            proc: Mutex::new(ProcState::default()),
            changed: Condvar::new(),
            read_stats: ReadStats::default(),
            lines_written: AtomicU64::new(0),
            stdin_open: AtomicBool::new(true),
            stderr: Mutex::new(TailBuffer::new(opts.stderr_tail_bytes)),
            cancel_fd: cancel.raw(),
            cancel: Mutex::new(Some(cancel)),
        });
        let (tx, rx) = mpsc::channel();
        let conn = Connection {
            shared: shared.clone(),
            router: router.clone(),
            writer: tx.clone(),
            next_id: AtomicU64::new(1),
            threads: Mutex::new(Some(Vec::with_capacity(4))),
        };
        // If a thread cannot be started, dropping `conn` kills the child; the threads already
        // running end by themselves once it is reaped.
        conn.start_thread("orchestra-waiter", {
            let shared = shared.clone();
            move || wait_and_reap(&shared)
        })?;
        conn.start_thread("orchestra-writer", {
            let shared = shared.clone();
            move || write_lines(rx, OwnedFd::from(stdin), &shared)
        })?;
        conn.start_thread("orchestra-reader", {
            let shared = shared.clone();
            let max_line = opts.max_line_bytes;
            move || read_lines(OwnedFd::from(stdout), max_line, &router, &shared, tx)
        })?;
        conn.start_thread("orchestra-stderr", move || {
            read_stderr(OwnedFd::from(stderr), &shared)
        })?;
        Ok(conn)
    }

    fn start_thread(&self, name: &str, f: impl FnOnce() + Send + 'static) -> io::Result<()> {
        let handle = thread::Builder::new().name(name.to_owned()).spawn(f)?;
        if let Some(threads) = lock(&self.threads).as_mut() {
            threads.push(handle);
        }
        Ok(())
    }

    pub fn pid(&self) -> u32 {
        self.shared.pid as u32
    }

    pub fn router(&self) -> &Arc<Router> {
        &self.router
    }

    pub fn control(&self) -> &Arc<Route> {
        self.router.control()
    }

    pub fn open_route(&self) -> io::Result<Arc<Route>> {
        self.router.open_route()
    }

    fn closed(&self) -> Closed {
        Closed {
            status: self.exit_status(),
        }
    }

    fn check_open(&self) -> Result<(), Closed> {
        if self.exit_status().is_some() || !self.shared.stdin_open.load(Ordering::Acquire) {
            return Err(self.closed());
        }
        Ok(())
    }

    /// Hand a finished line (with its newline) to the writer thread. Never blocks.
    fn enqueue(&self, line: Vec<u8>) -> Result<(), Closed> {
        self.check_open()?;
        self.writer
            .send(WriterCmd::Line(line))
            .map_err(|_| self.closed())
    }

    /// Send a request; its response goes to `route` (control if None). `params` is JSON text.
    pub fn request(
        &self,
        method: &str,
        params: Option<&[u8]>,
        route: Option<&Arc<Route>>,
        on_success: OnSuccess,
    ) -> Result<u64, Closed> {
        self.check_open()?;
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let mut line = Vec::with_capacity(32 + method.len() + params.map_or(0, <[u8]>::len));
        line.extend_from_slice(b"{\"id\":");
        line.extend_from_slice(id.to_string().as_bytes());
        push_method_and_params(&mut line, method, params);
        // Registered before the write, so the response cannot arrive first.
        self.router.expect_response(id, route, on_success);
        if let Err(e) = self.enqueue(line) {
            self.router.forget(id);
            return Err(e);
        }
        Ok(id)
    }

    /// `initialize`; `initialized` is sent by the reader thread before the response is delivered.
    pub fn start_handshake(&self, params: Option<&[u8]>) -> Result<u64, Closed> {
        self.request("initialize", params, None, OnSuccess::Handshake)
    }

    pub fn notify(&self, method: &str, params: Option<&[u8]>) -> Result<(), Closed> {
        let mut line = Vec::with_capacity(24 + method.len() + params.map_or(0, <[u8]>::len));
        line.push(b'{');
        push_method_and_params(&mut line, method, params);
        self.enqueue(line)
    }

    /// Answer a server->client request. `result` is JSON text.
    pub fn respond(&self, id: &Id, result: &[u8]) -> Result<(), Closed> {
        let mut line = Vec::with_capacity(24 + result.len());
        line.extend_from_slice(b"{\"id\":");
        id.write_json(&mut line);
        line.extend_from_slice(b",\"result\":");
        line.extend_from_slice(result);
        line.extend_from_slice(b"}\n");
        self.enqueue(line)
    }

    pub fn respond_error(
        &self,
        id: &Id,
        code: i64,
        message: &str,
        data: Option<&[u8]>,
    ) -> Result<(), Closed> {
        let mut line = Vec::with_capacity(64 + message.len());
        line.extend_from_slice(b"{\"id\":");
        id.write_json(&mut line);
        line.extend_from_slice(b",\"error\":{\"code\":");
        line.extend_from_slice(code.to_string().as_bytes());
        line.extend_from_slice(b",\"message\":");
        write_json_str(&mut line, message);
        if let Some(data) = data {
            line.extend_from_slice(b",\"data\":");
            line.extend_from_slice(data);
        }
        line.extend_from_slice(b"}}\n");
        self.enqueue(line)
    }

    /// Write bytes as they are (a newline is appended if missing). For tests and fault injection.
    pub fn send_raw(&self, raw: &[u8]) -> Result<(), Closed> {
        let mut line = raw.to_vec();
        if line.last() != Some(&b'\n') {
            line.push(b'\n');
        }
        self.enqueue(line)
    }

    pub fn exit_status(&self) -> Option<ExitStatus> {
        lock(&self.shared.proc).status
    }

    /// Wait up to `timeout` (forever if None) for the child to exit.
    pub fn wait(&self, timeout: Option<Duration>) -> Option<ExitStatus> {
        self.shared.wait_for(timeout, |s| s.status)
    }

    pub fn stderr_tail(&self) -> Vec<u8> {
        lock(&self.shared.stderr).tail().to_vec()
    }

    /// Send `signal` to the child; a no-op once it has been reaped.
    pub fn kill(&self, signal: i32) -> io::Result<()> {
        let state = lock(&self.shared.proc);
        if state.status.is_some() {
            return Ok(());
        }
        // Holding the lock: the waiter cannot reap (and free the pid) until we are done.
        let result = sys::send_signal(self.shared.pid, signal);
        drop(state);
        result
    }

    /// Close stdin, wait up to `grace` for the child to exit, then SIGKILL it; join the threads.
    /// Blocks (call it without the GIL). Idempotent.
    pub fn close(&self, grace: Duration) -> ExitStatus {
        self.shared.stdin_open.store(false, Ordering::Release);
        let _ = self.writer.send(WriterCmd::Close);
        let status = match self.wait(Some(grace)) {
            Some(status) => status,
            None => {
                let _ = self.kill(libc::SIGKILL);
                self.wait(None).unwrap_or(UNKNOWN_STATUS)
            }
        };
        // The waiter guarantees the pipe threads finish soon after the exit (see LINGER_AFTER_EXIT).
        self.shared
            .wait_for(None, |s| (s.reader_done && s.stderr_done).then_some(()));
        let threads = lock(&self.threads).take();
        let joined = threads.is_some();
        for handle in threads.into_iter().flatten() {
            // A thread that panicked has nothing left to clean up; its panic is not ours to rethrow.
            let _ = handle.join();
        }
        if joined {
            // No thread uses the cancel fd any more: release it now rather than at drop.
            lock(&self.shared.cancel).take();
        }
        status
    }

    pub fn stats(&self) -> ConnectionStats {
        let r = &self.shared.read_stats;
        ConnectionStats {
            lines_read: r.lines_read.load(Ordering::Relaxed),
            bytes_read: r.bytes_read.load(Ordering::Relaxed),
            malformed: r.malformed.load(Ordering::Relaxed),
            lines_written: self.shared.lines_written.load(Ordering::Relaxed),
            routes: self.router.open_routes(),
            pending_requests: self.router.pending_requests(),
        }
    }
}

impl Drop for Connection {
    /// Dropped without `close()`: kill the child and let the threads wind down on their own (the
    /// waiter reaps, so no zombie). No joining here: this may run on a thread holding the GIL.
    fn drop(&mut self) {
        let closed = lock(&self.threads).is_none();
        if !closed {
            self.shared.stdin_open.store(false, Ordering::Release);
            let _ = self.kill(libc::SIGKILL);
            let _ = self.writer.send(WriterCmd::Close);
        }
    }
}

fn push_method_and_params(line: &mut Vec<u8>, method: &str, params: Option<&[u8]>) {
    if line.last() != Some(&b'{') {
        line.push(b',');
    }
    line.extend_from_slice(b"\"method\":");
    write_json_str(line, method);
    if let Some(params) = params {
        line.extend_from_slice(b",\"params\":");
        line.extend_from_slice(params);
    }
    line.extend_from_slice(b"}\n");
}

fn wait_and_reap(shared: &Shared) {
    // If waiting fails (someone else reaped our child: ECHILD), reap fails too and the status is
    // recorded as unknown, which still releases everyone waiting for it.
    let _ = sys::wait_exited(shared.pid);
    shared.update(|state| {
        state.status = Some(sys::reap(shared.pid).unwrap_or(UNKNOWN_STATUS));
    });
    // Normally stdout and stderr reach EOF right after the exit. If a grandchild inherited them,
    // EOF may never come: give the pipe threads a moment, then stop them.
    let finished = shared.wait_for(Some(LINGER_AFTER_EXIT), |s| {
        (s.reader_done && s.stderr_done).then_some(())
    });
    if finished.is_none() {
        shared.signal_cancel();
    }
}

fn write_lines(rx: mpsc::Receiver<WriterCmd>, stdin: OwnedFd, shared: &Shared) {
    let fd = stdin.as_raw_fd();
    // Non-blocking so that a write to a pipe nobody reads can be cancelled; if this fails the
    // writes merely block, which is still correct.
    let _ = sys::set_nonblocking(fd);
    let mut batch: Vec<u8> = Vec::new();
    'run: while let Ok(first) = rx.recv() {
        let mut next = Some(first);
        let mut lines = 0;
        let mut closing = false;
        // Coalesce whatever else is already queued into one write: fewer syscalls under bursts.
        while let Some(cmd) = next.take() {
            match cmd {
                WriterCmd::Line(line) if batch.is_empty() => batch = line,
                WriterCmd::Line(line) => batch.extend_from_slice(&line),
                WriterCmd::Close => {
                    closing = true;
                    break;
                }
            }
            lines += 1;
            if batch.len() < WRITE_BATCH {
                next = rx.try_recv().ok();
            }
        }
        if !batch.is_empty() {
            if sys::write_all(fd, &batch, shared.cancel_fd).is_err() {
                break 'run;
            }
            shared.lines_written.fetch_add(lines, Ordering::Relaxed);
            batch.clear();
        }
        if closing {
            break;
        }
    }
    shared.stdin_open.store(false, Ordering::Release);
    // Dropping `stdin` here closes it: the child sees EOF.
}

fn read_lines(
    stdout: OwnedFd,
    max_line: usize,
    router: &Router,
    shared: &Shared,
    writer: mpsc::Sender<WriterCmd>,
) {
    let input = CancellableReader::new(stdout, shared.cancel_fd);
    let pumped = panic::catch_unwind(AssertUnwindSafe(|| {
        pump(input, max_line, router, &shared.read_stats, &mut || {
            // Queued before the response is delivered, so it reaches the child before anything
            // the consumer sends in reaction to that response. A closed writer means the child is
            // gone.
            let _ = writer.send(WriterCmd::Line(INITIALIZED.to_vec()));
        });
    }));
    if pumped.is_err() {
        // A bug, not a condition: nobody can read the child's stdout any more, so it must not
        // live on; killing it still gets every route its exit message.
        let state = lock(&shared.proc);
        if state.status.is_none() {
            let _ = sys::send_signal(shared.pid, libc::SIGKILL);
        }
    }
    // stdout is finished (and closed). The exit message carries the status: wait for the reap.
    let status = shared
        .wait_for(None, |s| s.status)
        .unwrap_or(UNKNOWN_STATUS);
    router.broadcast_exit(status);
    // Nothing more can be answered; let the writer go.
    let _ = writer.send(WriterCmd::Close);
    shared.update(|s| s.reader_done = true);
}

fn read_stderr(stderr: OwnedFd, shared: &Shared) {
    let mut input = CancellableReader::new(stderr, shared.cancel_fd);
    let mut buf = vec![0u8; 16 * 1024];
    loop {
        match io::Read::read(&mut input, &mut buf) {
            Ok(0) => break,
            Ok(n) => lock(&shared.stderr).push(&buf[..n]),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(_) => break,
        }
    }
    shared.update(|s| s.stderr_done = true);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message::{Message, Payload};
    use crate::sys::poll_fd;
    use serde_json::json;

    const TIMEOUT: Duration = Duration::from_secs(10);

    fn sh(script: &str) -> Connection {
        Connection::spawn(SpawnOptions::new(["/bin/sh", "-c", script])).expect("spawn sh")
    }

    /// Wait on the route's fd (no sleeping) until `n` messages arrived; panic after TIMEOUT.
    fn wait_msgs(route: &Route, n: usize) -> Vec<Message> {
        let deadline = Instant::now() + TIMEOUT;
        let mut got = Vec::new();
        while got.len() < n {
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(!left.is_zero(), "timed out; got {got:?}");
            let fd = route.fileno().expect("open route");
            if poll_fd(fd, libc::POLLIN, left.as_millis() as i32).expect("poll") {
                got.extend(route.drain(n - got.len()));
            }
        }
        got
    }

    fn exit_of(m: &Message) -> ExitStatus {
        match m.payload {
            Payload::Exit(status) => status,
            ref other => panic!("expected exit, got {other:?}"),
        }
    }

    #[test]
    fn exit_code_is_detected_and_broadcast() {
        let conn = sh("exit 3");
        let route = conn.open_route().expect("route");
        let want = ExitStatus {
            code: Some(3),
            signal: None,
        };
        assert_eq!(exit_of(&wait_msgs(conn.control(), 1)[0]), want);
        assert_eq!(exit_of(&wait_msgs(&route, 1)[0]), want);
        assert_eq!(conn.exit_status(), Some(want));
        let err = conn
            .request("x", None, None, OnSuccess::Nothing)
            .unwrap_err();
        assert_eq!(err.status, Some(want));
        assert_eq!(
            err.to_string(),
            "connection closed: the runtime process exited with code 3"
        );
        assert_eq!(conn.close(Duration::from_secs(1)), want);
        assert_eq!(conn.close(Duration::from_secs(1)), want, "idempotent");
    }

    #[test]
    fn exit_by_signal_is_detected() {
        let conn = sh("kill -9 $$");
        let got = exit_of(&wait_msgs(conn.control(), 1)[0]);
        assert_eq!(
            got,
            ExitStatus {
                code: None,
                signal: Some(9)
            }
        );
    }

    #[test]
    fn handshake_writes_initialized_before_delivering_the_response() {
        // Answers initialize, then echoes the next two lines it receives as notification params.
        let conn = sh(r#"read -r l; echo '{"id":1,"result":{"ok":true}}'
            read -r l; echo "{\"method\":\"echo\",\"params\":$l}"
            read -r l; echo "{\"method\":\"echo\",\"params\":$l}"
            read -r l"#);
        let id = conn
            .start_handshake(Some(br#"{"clientInfo":{"name":"t"}}"#))
            .expect("open");
        assert_eq!(id, 1);
        let got = wait_msgs(conn.control(), 1);
        assert_eq!(got[0].kind(), "response");
        // React to the response: this must reach the child after `initialized`.
        conn.request("ping", Some(b"[]"), None, OnSuccess::Nothing)
            .expect("open");
        let echoes = wait_msgs(conn.control(), 2);
        let params: Vec<_> = echoes
            .iter()
            .map(|m| match &m.payload {
                Payload::Notification { params, .. } => params.clone(),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            params,
            vec![
                Some(json!({"method": "initialized"})),
                Some(json!({"id": 2, "method": "ping", "params": []})),
            ]
        );
        conn.close(Duration::from_secs(2));
        assert_eq!(conn.stats().lines_written, 3);
    }

    #[test]
    fn sends_are_well_formed_lines() {
        let conn = sh(
            r#"for i in 1 2 3 4 5; do read -r l; echo "{\"method\":\"echo\",\"params\":$l}"; done"#,
        );
        conn.notify("n", None).expect("open");
        conn.respond(&Id::Str("s1".into()), b"{\"decision\":\"accept\"}")
            .expect("open");
        conn.respond_error(&Id::Int(4), -32000, "no \"way\"", Some(b"[1]"))
            .expect("open");
        conn.respond_error(&Id::Int(5), 1, "m", None).expect("open");
        conn.send_raw(br#"{"raw":true}"#).expect("open");
        let got: Vec<_> = wait_msgs(conn.control(), 5)
            .into_iter()
            .map(|m| match m.payload {
                Payload::Notification { params, .. } => params,
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            got,
            vec![
                Some(json!({"method": "n"})),
                Some(json!({"id": "s1", "result": {"decision": "accept"}})),
                Some(
                    json!({"id": 4, "error": {"code": -32000, "message": "no \"way\"", "data": [1]}})
                ),
                Some(json!({"id": 5, "error": {"code": 1, "message": "m"}})),
                Some(json!({"raw": true})),
            ]
        );
    }

    #[test]
    fn stderr_tail_keeps_the_end() {
        let mut opts = SpawnOptions::new([
            "/bin/sh",
            "-c",
            "printf 0123456789 >&2; printf abcdefghij >&2; exit 0",
        ]);
        opts.stderr_tail_bytes = 8;
        let conn = Connection::spawn(opts).expect("spawn");
        conn.close(Duration::from_secs(5));
        assert_eq!(conn.stderr_tail(), b"cdefghij");
    }

    #[test]
    fn env_and_cwd_are_applied() {
        let mut opts = SpawnOptions::new([
            "/bin/sh",
            "-c",
            r#"echo "{\"method\":\"env\",\"params\":{\"foo\":\"$FOO\",\"home\":\"$HOME\",\"cwd\":\"$(pwd)\"}}""#,
        ]);
        opts.env = Some(vec![("FOO".into(), "bar".into())]);
        opts.cwd = Some("/tmp".into());
        let conn = Connection::spawn(opts).expect("spawn");
        match &wait_msgs(conn.control(), 1)[0].payload {
            Payload::Notification { params, .. } => assert_eq!(
                params,
                &Some(json!({"foo": "bar", "home": "", "cwd": "/tmp"}))
            ),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn spawn_failure_is_an_io_error() {
        let err = Connection::spawn(SpawnOptions::new(["/nonexistent/codex"]))
            .err()
            .expect("must fail");
        assert_eq!(err.kind(), io::ErrorKind::NotFound);
        let err = Connection::spawn(SpawnOptions::new(Vec::<String>::new()))
            .err()
            .expect("must fail");
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
    }

    #[test]
    fn close_kills_a_child_that_ignores_eof() {
        let conn = sh("trap '' TERM; while :; do sleep 1; done");
        let started = Instant::now();
        let status = conn.close(Duration::from_millis(100));
        assert_eq!(status.signal, Some(libc::SIGKILL));
        assert!(started.elapsed() < Duration::from_secs(5));
        assert!(conn.send_raw(b"{}").is_err());
    }

    #[test]
    fn close_does_not_hang_on_a_grandchild_holding_the_pipes() {
        let conn = sh(r#"sleep 30 & echo "{\"method\":\"pid\",\"params\":{\"pid\":$!}}"; exit 3"#);
        let grandchild = match &wait_msgs(conn.control(), 1)[0].payload {
            Payload::Notification {
                params: Some(p), ..
            } => p["pid"].as_i64().expect("pid") as libc::pid_t,
            other => panic!("{other:?}"),
        };
        // The exit message arrives although stdout never reaches EOF.
        assert_eq!(
            exit_of(&wait_msgs(conn.control(), 1)[0]),
            ExitStatus {
                code: Some(3),
                signal: None
            }
        );
        let started = Instant::now();
        conn.close(Duration::from_secs(1));
        assert!(started.elapsed() < Duration::from_secs(2));
        // Not our child: just end it.
        let _ = sys::send_signal(grandchild, libc::SIGKILL);
    }

    #[test]
    fn drop_without_close_kills_and_reaps() {
        let conn = sh("exec sleep 1000");
        let pid = conn.pid();
        let route = conn.open_route().expect("route");
        drop(conn);
        // The exit message is broadcast only after the waiter reaped the child.
        let status = exit_of(&wait_msgs(&route, 1)[0]);
        assert_eq!(status.signal, Some(libc::SIGKILL));
        assert!(!std::path::Path::new(&format!("/proc/{pid}")).exists());
    }

    #[test]
    fn writes_never_block_the_caller() {
        // The child never reads stdin: 4 MiB of requests must still be accepted at once.
        let conn = sh("exec sleep 1000");
        let params = vec![b'1'; 64 * 1024];
        let started = Instant::now();
        for _ in 0..64 {
            conn.notify("big", Some(&params)).expect("open");
        }
        assert!(started.elapsed() < Duration::from_secs(2));
        let status = conn.close(Duration::from_millis(50));
        assert_eq!(status.signal, Some(libc::SIGKILL));
    }

    #[test]
    fn many_lines_arrive_in_order() {
        let conn = sh(
            r#"i=0; while [ $i -lt 2000 ]; do echo "{\"method\":\"n\",\"params\":{\"i\":$i}}"; i=$((i+1)); done"#,
        );
        let got = wait_msgs(conn.control(), 2001);
        for (i, m) in got[..2000].iter().enumerate() {
            match &m.payload {
                Payload::Notification { params, .. } => {
                    assert_eq!(params, &Some(json!({ "i": i })))
                }
                other => panic!("{other:?}"),
            }
        }
        assert_eq!(got[2000].kind(), "exit");
        assert_eq!(conn.stats().lines_read, 2000);
    }
}
