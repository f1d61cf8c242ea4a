//! Fast reading of JSONL files: session recordings and the runtime's rollouts.
//!
//! A reader thread reads the file in blocks and hands over runs of whole lines; the consumer
//! (Python's `drain`, on its own thread) parses them. The file's bytes never cross into Python:
//! each line is parsed straight into the caller's objects (see `python`), or into
//! `serde_json::Value` for the Rust tests.
//!
//! What a file can look like, and what the reader says about it:
//! - blank (whitespace-only) lines are skipped, `\r\n` is accepted;
//! - bytes after the last newline that do not parse are a *truncated* last line (a writer cut
//!   off mid-line by a crash): reported with [`Truncated`], never an error; if they parse, they
//!   are the last record;
//! - a line that ends with a newline and does not parse is corrupted: [`JsonlError::Corrupt`]
//!   with its 1-based line number and column;
//! - a line longer than the limit: [`JsonlError::TooLong`]; a read failure: [`JsonlError::Io`].
//!
//! Errors are sticky: records before the bad line are delivered, then every later drain fails.

use std::collections::VecDeque;
use std::fmt;
use std::fs::File;
use std::io::{self, Read};
use std::os::fd::RawFd;
use std::path::Path;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;

use crate::sys::EventFd;

/// Default limit on one line (a rollout line holding a large tool output can be megabytes).
pub const DEFAULT_MAX_LINE: usize = 64 * 1024 * 1024;
/// Default size of one read from the file.
pub const DEFAULT_BLOCK: usize = 1024 * 1024;
/// Default number of blocks the reader thread may hold ahead of the consumer.
pub const DEFAULT_AHEAD: usize = 8;

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// How the reader behaves; see the defaults above.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub max_line: usize,
    pub block: usize,
    pub ahead: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            max_line: DEFAULT_MAX_LINE,
            block: DEFAULT_BLOCK,
            ahead: DEFAULT_AHEAD,
        }
    }
}

/// The last line of the file was cut off (no newline, and it does not parse).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Truncated {
    /// 1-based line number of the cut line.
    pub line: u64,
    /// Byte offset where it starts.
    pub offset: u64,
    /// How many bytes of it are there.
    pub length: usize,
    /// The parser's complaint, e.g. "EOF while parsing an object at line 1 column 42".
    pub reason: String,
}

/// Why reading stopped before the end of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JsonlError {
    /// A whole line (ended by a newline) that is not valid JSON.
    Corrupt {
        line: u64,
        column: usize,
        offset: u64,
        reason: String,
    },
    /// A line longer than the limit.
    TooLong {
        line: u64,
        offset: u64,
        limit: usize,
    },
    /// Reading the file failed.
    Io {
        kind: io::ErrorKind,
        errno: Option<i32>,
        message: String,
    },
}

impl fmt::Display for JsonlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JsonlError::Corrupt {
                line,
                column,
                reason,
                ..
            } => write!(f, "line {line}, column {column}: {reason}"),
            JsonlError::TooLong { line, limit, .. } => {
                write!(f, "line {line}: longer than the limit of {limit} bytes")
            }
            JsonlError::Io { message, .. } => write!(f, "read failed: {message}"),
        }
    }
}

impl std::error::Error for JsonlError {}

/// What the reader thread hands to the consumer, in file order.
#[derive(Debug)]
enum Piece {
    /// Whole lines, each ending with `\n`.
    Lines(Vec<u8>),
    /// The end of the file, with the bytes after the last newline (if any).
    End(Vec<u8>),
    /// A line longer than the limit begins `offset` bytes into the file.
    TooLong {
        offset: u64,
    },
    Failed(io::Error),
}

struct Queue {
    pieces: VecDeque<Piece>,
    closed: bool,
}

/// Between the reader thread and the consumer. `wake` is readable while the consumer has work:
/// pieces queued, or (set by the consumer itself) lines left or the end reached.
struct Shared {
    queue: Mutex<Queue>,
    space: Condvar,
    wake: Mutex<Option<EventFd>>,
    ahead: usize,
}

impl Shared {
    /// Queue a piece, waiting while `ahead` pieces are queued. False once the consumer closed.
    fn push(&self, piece: Piece) -> bool {
        let mut q = lock(&self.queue);
        while !q.closed && q.pieces.len() >= self.ahead {
            q = self.space.wait(q).unwrap_or_else(|p| p.into_inner());
        }
        if q.closed {
            return false;
        }
        q.pieces.push_back(piece);
        self.signal();
        true
    }

    fn signal(&self) {
        if let Some(fd) = lock(&self.wake).as_ref() {
            // A full counter is readable anyway; any other failure leaves a waiter to its timeout.
            let _ = fd.signal();
        }
    }
}

/// Open `path` for reading if it is a regular file. A FIFO would block the open (and then a read
/// that `close` cannot interrupt), and a device such as `/dev/zero` never ends: both are refused
/// with `EINVAL`, a directory with `EISDIR`. Opened non-blocking, so the check itself never waits
/// (for the regular file then read, the flag changes nothing).
pub fn open_regular(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;

    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)?;
    let kind = file.metadata()?.file_type();
    if kind.is_dir() {
        return Err(io::Error::from_raw_os_error(libc::EISDIR));
    }
    if !kind.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not a regular file (a pipe, socket or device)",
        ));
    }
    Ok(file)
}

/// Read `file` into whole-line pieces until the end, an error, or the consumer closing.
fn read_pieces(mut file: File, shared: &Shared, opts: Options) {
    let block = opts.block.max(1);
    let mut buf: Vec<u8> = Vec::with_capacity(block);
    let mut offset: u64 = 0; // file offset of buf[0]
    let mut scanned = 0; // buf[..scanned] holds no newline
    loop {
        if buf.capacity() - buf.len() < block {
            buf.reserve(block);
        }
        let start = buf.len();
        buf.resize(start + block, 0);
        let n = match file.read(&mut buf[start..]) {
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {
                buf.truncate(start);
                continue;
            }
            Err(e) => {
                shared.push(Piece::Failed(e));
                return;
            }
        };
        buf.truncate(start + n);
        if n == 0 {
            shared.push(Piece::End(buf));
            return;
        }
        match memchr::memrchr(b'\n', &buf[scanned..]) {
            Some(i) => {
                let cut = scanned + i + 1;
                let rest = buf[cut..].to_vec();
                buf.truncate(cut);
                let lines = std::mem::replace(&mut buf, rest);
                offset += cut as u64;
                scanned = buf.len(); // the rest holds no newline
                if !shared.push(Piece::Lines(lines)) {
                    return;
                }
            }
            None => {
                scanned = buf.len();
                if buf.len() > opts.max_line {
                    shared.push(Piece::TooLong { offset });
                    return;
                }
            }
        }
    }
}

/// The consumer's position: the piece being parsed and where in the file it is.
struct Cursor {
    current: Vec<u8>,
    pos: usize,
    /// Lines fully consumed so far (blank ones included).
    line: u64,
    /// File offset of `current[0]`.
    base: u64,
    finished: bool,
    truncated: Option<Truncated>,
    error: Option<JsonlError>,
    records: u64,
    max_line: usize,
}

impl Cursor {
    fn new(max_line: usize) -> Self {
        Cursor {
            current: Vec::new(),
            pos: 0,
            line: 0,
            base: 0,
            finished: false,
            truncated: None,
            error: None,
            records: 0,
            max_line,
        }
    }

    fn has_lines(&self) -> bool {
        self.pos < self.current.len()
    }

    fn offset(&self) -> u64 {
        self.base + self.pos as u64
    }

    fn take(&mut self, piece: Piece) -> Option<Vec<u8>> {
        match piece {
            Piece::Lines(data) => {
                self.base += self.current.len() as u64;
                self.current = data;
                self.pos = 0;
                None
            }
            Piece::End(tail) => {
                self.finished = true;
                Some(tail)
            }
            Piece::TooLong { offset } => {
                self.error = Some(JsonlError::TooLong {
                    line: self.line + 1,
                    offset,
                    limit: self.max_line,
                });
                None
            }
            Piece::Failed(e) => {
                self.error = Some(JsonlError::Io {
                    kind: e.kind(),
                    errno: e.raw_os_error(),
                    message: e.to_string(),
                });
                None
            }
        }
    }

    /// Parse up to `max - out.len()` lines of the current piece into `out`.
    fn parse_lines<T, F>(&mut self, out: &mut Vec<T>, max: usize, parse: &mut F)
    where
        F: FnMut(&[u8]) -> Result<T, serde_json::Error>,
    {
        while out.len() < max && self.pos < self.current.len() {
            let rest = &self.current[self.pos..];
            let end = memchr::memchr(b'\n', rest).unwrap_or(rest.len());
            let start = self.offset();
            if end > self.max_line {
                // The reader thread only sees lines longer than a block; one that ends inside
                // the block just read is caught here, as `parse_all` does for a whole file.
                self.error = Some(JsonlError::TooLong {
                    line: self.line + 1,
                    offset: start,
                    limit: self.max_line,
                });
                return;
            }
            let line = trim(&rest[..end]);
            if !line.is_empty() {
                match parse(line) {
                    Ok(v) => {
                        out.push(v);
                        self.records += 1;
                    }
                    Err(e) => {
                        self.error = Some(JsonlError::Corrupt {
                            line: self.line + 1,
                            column: e.column(),
                            offset: start,
                            reason: reason(&e),
                        });
                        return;
                    }
                }
            }
            self.pos += end + 1;
            self.line += 1;
        }
    }

    /// The bytes after the last newline: the last record, or a truncated line.
    fn parse_tail<T, F>(&mut self, tail: &[u8], out: &mut Vec<T>, parse: &mut F)
    where
        F: FnMut(&[u8]) -> Result<T, serde_json::Error>,
    {
        self.base += self.current.len() as u64;
        self.current = Vec::new();
        self.pos = 0;
        let start = self.base;
        self.base += tail.len() as u64;
        let line = trim(tail);
        if line.is_empty() {
            return;
        }
        self.line += 1;
        if line.len() > self.max_line {
            self.error = Some(JsonlError::TooLong {
                line: self.line,
                offset: start,
                limit: self.max_line,
            });
            return;
        }
        match parse(line) {
            Ok(v) => {
                out.push(v);
                self.records += 1;
            }
            Err(e) => {
                self.truncated = Some(Truncated {
                    line: self.line,
                    offset: start,
                    length: tail.len(),
                    reason: reason(&e),
                })
            }
        }
    }

    /// Parse up to `max` records from the pieces `next` yields (None: nothing ready yet).
    fn drain<T, F, N>(&mut self, out: &mut Vec<T>, max: usize, parse: &mut F, mut next: N)
    where
        F: FnMut(&[u8]) -> Result<T, serde_json::Error>,
        N: FnMut() -> Option<Piece>,
    {
        while out.len() < max && self.error.is_none() && !self.finished {
            if self.has_lines() {
                self.parse_lines(out, max, parse);
                continue;
            }
            let Some(piece) = next() else { return };
            if let Some(tail) = self.take(piece) {
                self.parse_tail(&tail, out, parse);
            }
        }
    }
}

/// serde_json's message without its " at line 1 column N" (we parse one line at a time and say
/// where ourselves).
fn reason(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_owned(),
        None => text,
    }
}

/// Strip trailing `\r` and surrounding ASCII whitespace.
fn trim(line: &[u8]) -> &[u8] {
    let start = line
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(line.len());
    let end = line
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(start, |i| i + 1);
    &line[start..end]
}

/// A JSONL file being read by a native thread. Not thread-safe itself: one consumer drains it.
pub struct JsonlReader {
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
    cursor: Cursor,
}

impl JsonlReader {
    /// Open `path` (errors such as a missing file surface here) and start reading it.
    pub fn open(path: &Path, opts: Options) -> io::Result<Self> {
        let file = open_regular(path)?;
        let shared = Arc::new(Shared {
            queue: Mutex::new(Queue {
                pieces: VecDeque::new(),
                closed: false,
            }),
            space: Condvar::new(),
            wake: Mutex::new(Some(EventFd::new()?)),
            ahead: opts.ahead.max(1),
        });
        let worker = shared.clone();
        let thread = std::thread::Builder::new()
            .name("orchestra-jsonl".into())
            .spawn(move || read_pieces(file, &worker, opts))?;
        Ok(JsonlReader {
            shared,
            thread: Some(thread),
            cursor: Cursor::new(opts.max_line),
        })
    }

    /// Readable while [`drain`](Self::drain) has something to do (records, the end, an error).
    pub fn fileno(&self) -> Option<RawFd> {
        lock(&self.shared.wake).as_ref().map(EventFd::raw)
    }

    /// Parse up to `max` records into `out` without blocking. When nothing is returned, check
    /// [`error`](Self::error) and [`is_done`](Self::is_done).
    pub fn drain<T, F>(&mut self, out: &mut Vec<T>, max: usize, mut parse: F)
    where
        F: FnMut(&[u8]) -> Result<T, serde_json::Error>,
    {
        let shared = &self.shared;
        let pop = || {
            let piece = lock(&shared.queue).pieces.pop_front();
            if piece.is_some() {
                shared.space.notify_one();
            }
            piece
        };
        self.cursor.drain(out, max, &mut parse, pop);
        self.update_wake();
    }

    /// Keep the fd readable iff a drain would make progress (level-triggered, race-free: the
    /// reader signals under the queue lock, and we reset under it).
    fn update_wake(&self) {
        let q = lock(&self.shared.queue);
        let ready = self.cursor.has_lines()
            || self.cursor.finished
            || self.cursor.error.is_some()
            || !q.pieces.is_empty();
        if let Some(fd) = lock(&self.shared.wake).as_ref() {
            let _ = if ready { fd.signal() } else { fd.reset() };
        }
    }

    /// Every record was delivered and the file ended (possibly with a truncated last line).
    pub fn is_done(&self) -> bool {
        self.cursor.finished && self.cursor.error.is_none()
    }

    pub fn error(&self) -> Option<&JsonlError> {
        self.cursor.error.as_ref()
    }

    pub fn truncated(&self) -> Option<&Truncated> {
        self.cursor.truncated.as_ref()
    }

    /// (records delivered, lines consumed, bytes consumed).
    pub fn position(&self) -> (u64, u64, u64) {
        (self.cursor.records, self.cursor.line, self.cursor.offset())
    }

    pub fn is_closed(&self) -> bool {
        self.thread.is_none()
    }

    /// Stop the reader thread, drop what it read ahead and close the fd. Idempotent.
    pub fn close(&mut self) {
        {
            let mut q = lock(&self.shared.queue);
            q.closed = true;
            q.pieces.clear();
        }
        self.shared.space.notify_all();
        if let Some(thread) = self.thread.take() {
            // It never waits on anything but the file and our condvar: this ends promptly.
            let _ = thread.join();
        }
        lock(&self.shared.wake).take();
    }
}

impl Drop for JsonlReader {
    fn drop(&mut self) {
        self.close();
    }
}

/// Parse a whole in-memory JSONL buffer: the records, and the truncated last line if any.
pub fn parse_all<T, F>(
    data: Vec<u8>,
    max_line: usize,
    mut parse: F,
) -> Result<(Vec<T>, Option<Truncated>), JsonlError>
where
    F: FnMut(&[u8]) -> Result<T, serde_json::Error>,
{
    let mut pieces = VecDeque::new();
    let (lines, tail) = match memchr::memrchr(b'\n', &data) {
        Some(i) => {
            let mut lines = data;
            let tail = lines.split_off(i + 1);
            (lines, tail)
        }
        None => (Vec::new(), data),
    };
    if let Some(err) = long_line(&lines, max_line) {
        return Err(err);
    }
    pieces.push_back(Piece::Lines(lines));
    pieces.push_back(Piece::End(tail));
    let mut cursor = Cursor::new(max_line);
    let mut out = Vec::new();
    cursor.drain(&mut out, usize::MAX, &mut parse, || pieces.pop_front());
    match cursor.error {
        Some(err) => Err(err),
        None => Ok((out, cursor.truncated)),
    }
}

/// The first line of `lines` longer than `max_line`, as an error.
fn long_line(lines: &[u8], max_line: usize) -> Option<JsonlError> {
    let mut start = 0;
    for (n, end) in memchr::memchr_iter(b'\n', lines).enumerate() {
        if end - start > max_line {
            return Some(JsonlError::TooLong {
                line: n as u64 + 1,
                offset: start as u64,
                limit: max_line,
            });
        }
        start = end + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};
    use std::io::Write;
    use std::time::Duration;

    fn value(line: &[u8]) -> Result<Value, serde_json::Error> {
        serde_json::from_slice(line)
    }

    fn parse(data: &[u8]) -> Result<(Vec<Value>, Option<Truncated>), JsonlError> {
        parse_all(data.to_vec(), 1024, value)
    }

    #[test]
    fn whole_lines_blank_lines_and_crlf() {
        let (records, truncated) = parse(b"{\"a\":1}\n\n  \r\n[2]\r\n\"s\"\n").unwrap();
        assert_eq!(records, vec![json!({"a": 1}), json!([2]), json!("s")]);
        assert_eq!(truncated, None);
    }

    #[test]
    fn a_last_line_without_newline_is_a_record_if_it_parses() {
        let (records, truncated) = parse(b"{\"a\":1}\n{\"b\":2}").unwrap();
        assert_eq!(records, vec![json!({"a": 1}), json!({"b": 2})]);
        assert_eq!(truncated, None);
    }

    #[test]
    fn a_cut_last_line_is_reported_not_an_error() {
        let (records, truncated) = parse(b"{\"a\":1}\n\n{\"b\":[1,2").unwrap();
        assert_eq!(records, vec![json!({"a": 1})]);
        let t = truncated.unwrap();
        assert_eq!((t.line, t.offset, t.length), (3, 9, 9));
        assert!(t.reason.contains("EOF"), "{}", t.reason);
    }

    #[test]
    fn a_corrupt_middle_line_names_its_line_and_column() {
        let err = parse(b"{\"a\":1}\n{\"b\":x}\n{\"c\":3}\n").unwrap_err();
        match err {
            JsonlError::Corrupt {
                line,
                column,
                offset,
                ..
            } => assert_eq!((line, column, offset), (2, 6, 8)),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn invalid_utf8_is_corruption() {
        let err = parse(b"\"ok\"\n\"\xff\xfe\"\n").unwrap_err();
        assert!(
            matches!(err, JsonlError::Corrupt { line: 2, .. }),
            "{err:?}"
        );
    }

    #[test]
    fn too_long_lines_are_refused() {
        let mut data = b"1\n".to_vec();
        data.extend(std::iter::repeat_n(b' ', 2000));
        data.extend(b"2\n");
        let err = parse(&data).unwrap_err();
        assert!(
            matches!(err, JsonlError::TooLong { line: 2, .. }),
            "{err:?}"
        );
    }

    #[test]
    fn empty_input() {
        assert_eq!(parse(b"").unwrap(), (vec![], None));
        assert_eq!(parse(b"\n\n").unwrap(), (vec![], None));
    }

    fn temp_file(name: &str, data: &[u8]) -> std::path::PathBuf {
        let path = std::env::temp_dir().join(format!(
            "orchestra-jsonl-{}-{name}.jsonl",
            std::process::id()
        ));
        let mut f = File::create(&path).unwrap();
        f.write_all(data).unwrap();
        path
    }

    fn wait_readable(fd: RawFd) -> bool {
        crate::sys::poll_fd(fd, libc::POLLIN, 5000).unwrap()
    }

    /// Drain everything the way the Python side does: wait for the fd, drain, repeat.
    fn drain_all(reader: &mut JsonlReader, max: usize) -> Vec<Value> {
        let mut all = Vec::new();
        loop {
            assert!(
                wait_readable(reader.fileno().unwrap()),
                "fd never became readable"
            );
            let mut batch = Vec::new();
            reader.drain(&mut batch, max, value);
            if batch.is_empty() && (reader.is_done() || reader.error().is_some()) {
                return all;
            }
            all.extend(batch);
        }
    }

    #[test]
    fn the_threaded_reader_delivers_every_record_in_order_across_blocks() {
        let mut data = Vec::new();
        for i in 0..5000 {
            writeln!(data, "{{\"seq\":{i},\"text\":\"{}\"}}", "x".repeat(i % 97)).unwrap();
        }
        data.extend(b"{\"cut\":");
        let path = temp_file("order", &data);
        let opts = Options {
            block: 4096,
            ahead: 2,
            ..Options::default()
        };
        let mut reader = JsonlReader::open(&path, opts).unwrap();
        let records = drain_all(&mut reader, 333);
        assert_eq!(records.len(), 5000);
        for (i, r) in records.iter().enumerate() {
            assert_eq!(r["seq"], json!(i));
        }
        assert!(reader.is_done());
        assert_eq!(reader.truncated().unwrap().line, 5001);
        let (n, lines, bytes) = reader.position();
        assert_eq!((n, lines, bytes), (5000, 5001, data.len() as u64));
        // Done: the fd stays readable so no waiter can hang, and drains return nothing.
        assert!(wait_readable(reader.fileno().unwrap()));
        reader.close();
        assert!(reader.fileno().is_none());
        std::fs::remove_file(path).unwrap();
    }

    #[test]
    fn the_threaded_reader_delivers_records_before_a_corrupt_line_then_fails() {
        let path = temp_file("corrupt", b"1\n2\nnope\n4\n");
        let mut reader = JsonlReader::open(&path, Options::default()).unwrap();
        let records = drain_all(&mut reader, 10);
        assert_eq!(records, vec![json!(1), json!(2)]);
        assert!(matches!(
            reader.error(),
            Some(JsonlError::Corrupt { line: 3, .. })
        ));
        assert!(!reader.is_done());
        std::fs::remove_file(path).unwrap();
    }

    #[test]
    fn a_line_longer_than_the_limit_stops_the_threaded_reader() {
        let mut data = b"1\n".to_vec();
        data.extend(vec![b'7'; 10_000]);
        data.push(b'\n');
        let path = temp_file("long", &data);
        let opts = Options {
            max_line: 1000,
            block: 512,
            ahead: 2,
        };
        let mut reader = JsonlReader::open(&path, opts).unwrap();
        let records = drain_all(&mut reader, 10);
        assert_eq!(records, vec![json!(1)]);
        assert!(matches!(
            reader.error(),
            Some(JsonlError::TooLong {
                line: 2,
                offset: 2,
                ..
            })
        ));
        std::fs::remove_file(path).unwrap();
    }

    #[test]
    fn closing_early_stops_a_reader_blocked_on_back_pressure() {
        let mut data = Vec::new();
        for i in 0..100_000 {
            writeln!(data, "{i}").unwrap();
        }
        let path = temp_file("early", &data);
        let opts = Options {
            block: 1024,
            ahead: 1,
            ..Options::default()
        };
        let mut reader = JsonlReader::open(&path, opts).unwrap();
        std::thread::sleep(Duration::from_millis(20)); // let it fill the queue and block
        let mut batch = Vec::new();
        reader.drain(&mut batch, 10, value);
        assert_eq!(batch.len(), 10);
        reader.close(); // joins the thread: must not hang
        reader.close();
        std::fs::remove_file(path).unwrap();
    }

    #[test]
    fn opening_a_missing_file_or_a_directory_fails_at_once() {
        let missing = JsonlReader::open(Path::new("/nonexistent/x.jsonl"), Options::default());
        assert_eq!(missing.err().unwrap().kind(), io::ErrorKind::NotFound);
        let dir = JsonlReader::open(&std::env::temp_dir(), Options::default());
        assert_eq!(dir.err().unwrap().raw_os_error(), Some(libc::EISDIR));
    }

    #[test]
    fn a_fifo_or_a_device_is_refused_without_waiting() {
        // A FIFO with no writer blocked the open forever; /dev/zero never ends.
        let fifo = std::env::temp_dir().join(format!("orchestra-fifo-{}", std::process::id()));
        let name = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
        for path in [fifo.as_path(), Path::new("/dev/zero")] {
            let refused = JsonlReader::open(path, Options::default()).err().unwrap();
            assert_eq!(refused.kind(), io::ErrorKind::InvalidInput, "{path:?}");
        }
        std::fs::remove_file(&fifo).unwrap();
    }

    #[test]
    fn a_line_over_the_limit_inside_a_block_is_refused_too() {
        let path =
            std::env::temp_dir().join(format!("orchestra-long-{}.jsonl", std::process::id()));
        let long = format!("{{\"x\": \"{}\"}}", "y".repeat(3000));
        std::fs::write(&path, format!("1\n{long}\n3\n")).unwrap();
        let opts = Options {
            max_line: 1000,
            ..Options::default()
        };
        let mut reader = JsonlReader::open(&path, opts).unwrap();
        let seen = drain_all(&mut reader, 16);
        let error = reader.error();
        assert!(
            matches!(
                error,
                Some(JsonlError::TooLong {
                    line: 2,
                    limit: 1000,
                    ..
                })
            ),
            "{error:?}"
        );
        assert_eq!(seen.len(), 1);
        reader.close();
        std::fs::remove_file(path).unwrap();
    }
}

/// The Python face: `orchestra._native.JsonlReader`, `read_jsonl`, `JsonlDecodeError`,
/// `TruncatedLine`. Lines are parsed straight into Python objects (no intermediate tree).
#[cfg(feature = "pyo3")]
pub(crate) mod python {
    use std::collections::HashMap;
    use std::hash::{BuildHasherDefault, Hasher};
    use std::io::Read;
    use std::path::PathBuf;

    use pyo3::create_exception;
    use pyo3::exceptions::{PyOSError, PyValueError};
    use pyo3::prelude::*;
    use pyo3::types::{PyBool, PyDict, PyFloat, PyList, PyString};
    use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

    use super::{
        parse_all, JsonlError, JsonlReader, Options, Truncated, DEFAULT_AHEAD, DEFAULT_BLOCK,
        DEFAULT_MAX_LINE,
    };

    create_exception!(
        orchestra._native,
        JsonlDecodeError,
        PyValueError,
        "A line of a JSONL file is not valid JSON, or is longer than the limit. Attributes: \
         `path`, `line` (1-based), `column` (1-based, 0 if unknown), `offset` (byte offset of the \
         line), `reason`, `kind` (\"corrupt\" or \"too_long\")."
    );

    /// FNV-1a: object keys are short, and SipHash would cost more than the lookup saves.
    struct Fnv(u64);

    impl Default for Fnv {
        fn default() -> Self {
            Fnv(0xcbf2_9ce4_8422_2325)
        }
    }

    impl Hasher for Fnv {
        fn finish(&self) -> u64 {
            self.0
        }

        fn write(&mut self, bytes: &[u8]) {
            for b in bytes {
                self.0 ^= u64::from(*b);
                self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
            }
        }
    }

    /// Object keys repeat on every line: build each Python key string once. Short values repeat
    /// too (ids, types, statuses): see [`ValueCache`].
    struct Strings {
        keys: HashMap<Box<str>, Py<PyString>, BuildHasherDefault<Fnv>>,
        values: ValueCache,
    }

    const CACHED_KEY_MAX: usize = 64;
    const CACHE_MAX: usize = 4096;

    impl Strings {
        fn new() -> Self {
            Strings {
                keys: HashMap::default(),
                values: ValueCache::new(),
            }
        }

        fn key<'py>(&mut self, py: Python<'py>, key: &str) -> Bound<'py, PyString> {
            if key.len() > CACHED_KEY_MAX {
                return PyString::new(py, key);
            }
            if let Some(s) = self.keys.get(key) {
                return s.bind(py).clone();
            }
            let s = PyString::new(py, key);
            if self.keys.len() < CACHE_MAX {
                self.keys.insert(key.into(), s.clone().unbind());
            }
            s
        }
    }

    /// A direct-mapped cache of short string values: each slot keeps the last string that hashed
    /// to it, so a repeat costs a hash and a compare instead of an allocation and a UTF-8 decode,
    /// and a stream of unique strings costs one copy of at most 40 bytes each.
    struct ValueCache(Vec<Option<CachedValue>>);

    /// The bytes are kept inline: a miss must not cost an extra allocation.
    struct CachedValue {
        len: u8,
        bytes: [u8; CACHED_VALUE_MAX],
        string: Py<PyString>,
    }

    const VALUE_SLOTS: usize = 1024;
    const CACHED_VALUE_MAX: usize = 40;

    impl ValueCache {
        fn new() -> Self {
            ValueCache((0..VALUE_SLOTS).map(|_| None).collect())
        }

        fn get<'py>(&mut self, py: Python<'py>, v: &str) -> Bound<'py, PyString> {
            let raw = v.as_bytes();
            if raw.len() > CACHED_VALUE_MAX {
                return PyString::new(py, v);
            }
            let mut h = Fnv::default();
            h.write(raw);
            let slot = &mut self.0[(h.finish() as usize) % VALUE_SLOTS];
            if let Some(c) = slot {
                if &c.bytes[..usize::from(c.len)] == raw {
                    return c.string.bind(py).clone();
                }
            }
            let string = PyString::new(py, v);
            let mut bytes = [0; CACHED_VALUE_MAX];
            bytes[..raw.len()].copy_from_slice(raw);
            *slot = Some(CachedValue {
                // At most CACHED_VALUE_MAX (40), checked above.
                len: raw.len() as u8,
                bytes,
                string: string.clone().unbind(),
            });
            string
        }
    }

    struct Value<'a, 'py> {
        py: Python<'py>,
        strings: &'a mut Strings,
    }

    impl<'de, 'py> DeserializeSeed<'de> for Value<'_, 'py> {
        type Value = Bound<'py, PyAny>;

        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(self)
        }
    }

    impl<'de, 'py> Visitor<'de> for Value<'_, 'py> {
        type Value = Bound<'py, PyAny>;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("any JSON value")
        }

        fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
            Ok(PyBool::new(self.py, v).to_owned().into_any())
        }

        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            let Ok(n) = v.into_pyobject(self.py);
            Ok(n.into_any())
        }

        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            let Ok(n) = v.into_pyobject(self.py);
            Ok(n.into_any())
        }

        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
            Ok(PyFloat::new(self.py, v).into_any())
        }

        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(self.strings.values.get(self.py, v).into_any())
        }

        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(self.py.None().into_bound(self.py))
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let (py, strings) = (self.py, self.strings);
            let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
            while let Some(item) = seq.next_element_seed(Value {
                py,
                strings: &mut *strings,
            })? {
                items.push(item);
            }
            PyList::new(py, items)
                .map(Bound::into_any)
                .map_err(de::Error::custom)
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let (py, strings) = (self.py, self.strings);
            let dict = PyDict::new(py);
            while let Some(key) = map.next_key_seed(Key {
                py,
                strings: &mut *strings,
            })? {
                let value = map.next_value_seed(Value {
                    py,
                    strings: &mut *strings,
                })?;
                dict.set_item(key, value).map_err(de::Error::custom)?;
            }
            Ok(dict.into_any())
        }
    }

    struct Key<'a, 'py> {
        py: Python<'py>,
        strings: &'a mut Strings,
    }

    impl<'de, 'py> DeserializeSeed<'de> for Key<'_, 'py> {
        type Value = Bound<'py, PyString>;

        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_str(self)
        }
    }

    impl<'de, 'py> Visitor<'de> for Key<'_, 'py> {
        type Value = Bound<'py, PyString>;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("an object key")
        }

        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(self.strings.key(self.py, v))
        }
    }

    /// Pauses Python's cyclic GC while lines are parsed. Parsing creates only acyclic objects,
    /// yet every dict and list it allocates counts towards a collection, and each collection
    /// traverses the batch being built: without the pause that traversal was a third of the time.
    /// The allocations still count, so one collection may follow when the pause ends.
    struct GcPause(bool);

    impl GcPause {
        fn new(_py: Python<'_>) -> Self {
            // SAFETY: the GIL is held (we were given a `Python` token); the call has no other
            // precondition and returns whether the GC was enabled.
            GcPause(unsafe { pyo3::ffi::PyGC_Disable() } != 0)
        }
    }

    impl Drop for GcPause {
        fn drop(&mut self) {
            if self.0 {
                // SAFETY: created with the GIL held by a `Python` token that outlives this guard
                // (it is dropped in the same scope, before the GIL can be released).
                unsafe {
                    pyo3::ffi::PyGC_Enable();
                }
            }
        }
    }

    fn parse_line<'py>(
        py: Python<'py>,
        strings: &mut Strings,
        line: &[u8],
    ) -> Result<Bound<'py, PyAny>, serde_json::Error> {
        let mut de = serde_json::Deserializer::from_slice(line);
        let value = Value { py, strings }.deserialize(&mut de)?;
        de.end()?;
        Ok(value)
    }

    /// An OSError of the right subclass (FileNotFoundError, ...) naming `path`.
    fn os_error(errno: Option<i32>, message: &str, path: &str) -> PyErr {
        let strerror = match message.rfind(" (os error ") {
            Some(i) => &message[..i],
            None => message,
        };
        match errno {
            Some(n) => PyOSError::new_err((n, strerror.to_owned(), path.to_owned())),
            None => PyOSError::new_err(format!("{path}: {strerror}")),
        }
    }

    fn jsonl_error(py: Python<'_>, e: &JsonlError, path: &str) -> PyErr {
        let (kind, line, column, offset, reason) = match e {
            JsonlError::Corrupt {
                line,
                column,
                offset,
                reason,
            } => ("corrupt", *line, *column, *offset, reason.clone()),
            JsonlError::TooLong {
                line,
                offset,
                limit,
            } => (
                "too_long",
                *line,
                0,
                *offset,
                format!("longer than the limit of {limit} bytes"),
            ),
            JsonlError::Io { errno, message, .. } => return os_error(*errno, message, path),
        };
        let err = JsonlDecodeError::new_err(format!("{path}: {e}"));
        let value = err.value(py);
        let attrs: [(&str, Bound<'_, PyAny>); 6] = [
            ("path", PyString::new(py, path).into_any()),
            ("kind", PyString::new(py, kind).into_any()),
            (
                "line",
                line.into_pyobject(py)
                    .map(Bound::into_any)
                    .unwrap_or_else(|e| match e {}),
            ),
            (
                "column",
                column
                    .into_pyobject(py)
                    .map(Bound::into_any)
                    .unwrap_or_else(|e| match e {}),
            ),
            (
                "offset",
                offset
                    .into_pyobject(py)
                    .map(Bound::into_any)
                    .unwrap_or_else(|e| match e {}),
            ),
            ("reason", PyString::new(py, &reason).into_any()),
        ];
        for (name, v) in attrs {
            if let Err(set_failed) = value.setattr(name, v) {
                return set_failed;
            }
        }
        err
    }

    /// Bytes after the last newline of a file that do not parse: a line cut off by a crash.
    #[pyclass(frozen, name = "TruncatedLine", module = "orchestra._native")]
    pub struct PyTruncated {
        #[pyo3(get)]
        line: u64,
        #[pyo3(get)]
        offset: u64,
        #[pyo3(get)]
        length: usize,
        #[pyo3(get)]
        reason: String,
    }

    impl From<&Truncated> for PyTruncated {
        fn from(t: &Truncated) -> Self {
            PyTruncated {
                line: t.line,
                offset: t.offset,
                length: t.length,
                reason: t.reason.clone(),
            }
        }
    }

    #[pymethods]
    impl PyTruncated {
        fn __repr__(&self) -> String {
            format!(
                "TruncatedLine(line={}, offset={}, length={}, reason={:?})",
                self.line, self.offset, self.length, self.reason
            )
        }
    }

    /// A JSONL file read by a native thread; a native handle (`fileno`/`drain`/`close`).
    #[pyclass(name = "JsonlReader", module = "orchestra._native")]
    pub struct PyJsonlReader {
        reader: JsonlReader,
        strings: Strings,
        path: String,
    }

    #[pymethods]
    impl PyJsonlReader {
        #[new]
        #[pyo3(signature = (path, *, max_line_bytes = DEFAULT_MAX_LINE, block_bytes = DEFAULT_BLOCK, read_ahead = DEFAULT_AHEAD))]
        fn new(
            py: Python<'_>,
            path: PathBuf,
            max_line_bytes: usize,
            block_bytes: usize,
            read_ahead: usize,
        ) -> PyResult<Self> {
            if max_line_bytes == 0 || block_bytes == 0 || read_ahead == 0 {
                return Err(PyValueError::new_err(
                    "max_line_bytes, block_bytes and read_ahead must be positive",
                ));
            }
            let name = path.to_string_lossy().into_owned();
            let opts = Options {
                max_line: max_line_bytes,
                block: block_bytes,
                ahead: read_ahead,
            };
            let reader = py
                .detach(|| JsonlReader::open(&path, opts))
                .map_err(|e| os_error(e.raw_os_error(), &e.to_string(), &name))?;
            Ok(PyJsonlReader {
                reader,
                strings: Strings::new(),
                path: name,
            })
        }

        #[getter]
        fn path(&self) -> &str {
            &self.path
        }

        fn fileno(&self) -> PyResult<i32> {
            self.reader
                .fileno()
                .ok_or_else(|| PyValueError::new_err("JsonlReader is closed"))
        }

        #[pyo3(signature = (max = 1024))]
        fn drain<'py>(&mut self, py: Python<'py>, max: usize) -> PyResult<Bound<'py, PyList>> {
            if self.reader.is_closed() {
                return Err(PyValueError::new_err("JsonlReader is closed"));
            }
            let mut out = Vec::new();
            let strings = &mut self.strings;
            let pause = GcPause::new(py);
            self.reader
                .drain(&mut out, max, |line| parse_line(py, strings, line));
            drop(pause);
            if out.is_empty() {
                if let Some(e) = self.reader.error() {
                    return Err(jsonl_error(py, e, &self.path));
                }
            }
            PyList::new(py, out)
        }

        #[getter]
        fn done(&self) -> bool {
            self.reader.is_done()
        }

        #[getter]
        fn truncated(&self) -> Option<PyTruncated> {
            self.reader.truncated().map(PyTruncated::from)
        }

        fn statistics<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
            let (records, lines, bytes) = self.reader.position();
            let d = PyDict::new(py);
            d.set_item("records", records)?;
            d.set_item("lines", lines)?;
            d.set_item("bytes", bytes)?;
            Ok(d)
        }

        fn close(&mut self, py: Python<'_>) {
            let reader = &mut self.reader;
            py.detach(|| reader.close());
        }

        fn __repr__(&self) -> String {
            let (records, lines, _) = self.reader.position();
            let state = if self.reader.is_closed() {
                "closed"
            } else if self.reader.is_done() {
                "done"
            } else if self.reader.error().is_some() {
                "failed"
            } else {
                "reading"
            };
            format!(
                "JsonlReader({:?}, {state}, records={records}, lines={lines})",
                self.path
            )
        }
    }

    /// Read and parse a whole JSONL file: `(records, truncated_line_or_None)`.
    #[pyfunction]
    #[pyo3(signature = (path, *, max_line_bytes = DEFAULT_MAX_LINE))]
    fn read_jsonl<'py>(
        py: Python<'py>,
        path: PathBuf,
        max_line_bytes: usize,
    ) -> PyResult<(Bound<'py, PyList>, Option<PyTruncated>)> {
        let name = path.to_string_lossy().into_owned();
        let data = py
            .detach(|| {
                let mut data = Vec::new();
                super::open_regular(&path)?.read_to_end(&mut data)?;
                Ok::<_, std::io::Error>(data)
            })
            .map_err(|e| os_error(e.raw_os_error(), &e.to_string(), &name))?;
        let mut strings = Strings::new();
        let pause = GcPause::new(py);
        let parsed = parse_all(data, max_line_bytes.max(1), |line| {
            parse_line(py, &mut strings, line)
        });
        drop(pause);
        match parsed {
            Ok((records, truncated)) => Ok((
                PyList::new(py, records)?,
                truncated.as_ref().map(PyTruncated::from),
            )),
            Err(e) => Err(jsonl_error(py, &e, &name)),
        }
    }

    pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
        let py = m.py();
        m.add("JsonlDecodeError", py.get_type::<JsonlDecodeError>())?;
        m.add_class::<PyTruncated>()?;
        m.add_class::<PyJsonlReader>()?;
        m.add_function(wrap_pyfunction!(read_jsonl, m)?)?;
        Ok(())
    }
}
