//! Line framing of the runtime's stdout: split on `\n`, tolerate `\r\n`, skip empty lines, and
//! never buffer more than `max_line` bytes of one line.

use std::io::{self, Read};

/// How many bytes of an oversized line are kept for diagnosis.
pub const MAX_RAW: usize = 4096;

/// Size of the read buffer. Large enough that a burst of small notifications costs few syscalls.
const READ_CHUNK: usize = 256 * 1024;

/// Release the spill buffer after a line larger than this.
const SHRINK_ABOVE: usize = 4 * 1024 * 1024;

#[derive(Debug, PartialEq, Eq)]
pub enum Frame<'a> {
    /// One complete line, without its `\n` or `\r\n`. Never empty.
    Line(&'a [u8]),
    /// A line longer than the limit: its first [`MAX_RAW`] bytes and its full length.
    Oversized { head: Vec<u8>, len: u64 },
    /// Bytes after the last newline when the stream ended.
    Truncated(Vec<u8>),
}

pub struct LineReader<R> {
    inner: R,
    buf: Box<[u8]>,
    /// `buf[start..end]` holds bytes read but not yet framed.
    start: usize,
    end: usize,
    /// A line that spans reads is accumulated here (only up to `max_line` bytes).
    partial: Vec<u8>,
    /// The previous frame borrowed `partial`; clear it on the next call.
    clear_partial: bool,
    /// Inside an oversized line: its head and the length seen so far; the rest is discarded.
    skipping: Option<(Vec<u8>, u64)>,
    max_line: usize,
    eof: bool,
    bytes_read: u64,
}

impl<R: Read> LineReader<R> {
    pub fn new(inner: R, max_line: usize) -> Self {
        LineReader {
            inner,
            buf: vec![0; READ_CHUNK].into_boxed_slice(),
            start: 0,
            end: 0,
            partial: Vec::new(),
            clear_partial: false,
            skipping: None,
            max_line,
            eof: false,
            bytes_read: 0,
        }
    }

    /// Total bytes read from the stream so far.
    pub fn bytes_read(&self) -> u64 {
        self.bytes_read
    }

    /// The next frame, `Ok(None)` at the end of the stream, or the read error that ended it.
    pub fn next_frame(&mut self) -> io::Result<Option<Frame<'_>>> {
        if self.clear_partial {
            self.partial.clear();
            // One huge (but legal) line must not pin its memory for the life of the connection.
            if self.partial.capacity() > SHRINK_ABOVE {
                self.partial.shrink_to(READ_CHUNK);
            }
            self.clear_partial = false;
        }
        loop {
            if self.start == self.end {
                if self.eof {
                    return Ok(self.finish());
                }
                self.fill()?;
                continue;
            }
            let newline = memchr::memchr(b'\n', &self.buf[self.start..self.end]);
            match newline {
                Some(i) => {
                    let line_start = self.start;
                    let line_end = line_start + i;
                    self.start = line_end + 1;
                    if let Some((mut head, len)) = self.skipping.take() {
                        fill_head(&mut head, &self.buf[line_start..line_end]);
                        return Ok(Some(Frame::Oversized {
                            head,
                            len: len + i as u64,
                        }));
                    }
                    if self.partial.is_empty() {
                        // Fast path: the whole line sits in the read buffer; lend it without copying.
                        if i > self.max_line {
                            let head = self.buf[line_start..line_start + i.min(MAX_RAW)].to_vec();
                            return Ok(Some(Frame::Oversized {
                                head,
                                len: i as u64,
                            }));
                        }
                        let len = trimmed_len(&self.buf[line_start..line_end]);
                        if len == 0 {
                            continue;
                        }
                        return Ok(Some(Frame::Line(&self.buf[line_start..line_start + len])));
                    }
                    let total = self.partial.len() + i;
                    if total > self.max_line {
                        let head = self.head_with(line_start, line_end);
                        self.partial.clear();
                        return Ok(Some(Frame::Oversized {
                            head,
                            len: total as u64,
                        }));
                    }
                    self.partial
                        .extend_from_slice(&self.buf[line_start..line_end]);
                    self.clear_partial = true;
                    let len = trimmed_len(&self.partial);
                    if len == 0 {
                        self.partial.clear();
                        self.clear_partial = false;
                        continue;
                    }
                    return Ok(Some(Frame::Line(&self.partial[..len])));
                }
                None => {
                    let (from, to) = (self.start, self.end);
                    self.start = self.end;
                    let n = to - from;
                    if let Some((head, len)) = self.skipping.as_mut() {
                        fill_head(head, &self.buf[from..to]);
                        *len += n as u64;
                    } else if self.partial.len() + n > self.max_line {
                        // Too long: keep only the head and count the rest as it streams past.
                        let head = self.head_with(from, to);
                        let len = (self.partial.len() + n) as u64;
                        self.partial = Vec::new();
                        self.skipping = Some((head, len));
                    } else {
                        self.partial.extend_from_slice(&self.buf[from..to]);
                    }
                }
            }
        }
    }

    /// The first MAX_RAW bytes of `partial` followed by `buf[from..to]`.
    fn head_with(&self, from: usize, to: usize) -> Vec<u8> {
        let mut head = self.partial[..self.partial.len().min(MAX_RAW)].to_vec();
        let more = MAX_RAW - head.len();
        head.extend_from_slice(&self.buf[from..to.min(from + more)]);
        head
    }

    fn fill(&mut self) -> io::Result<()> {
        self.start = 0;
        self.end = 0;
        loop {
            match self.inner.read(&mut self.buf) {
                Ok(0) => {
                    self.eof = true;
                    return Ok(());
                }
                Ok(n) => {
                    self.end = n;
                    self.bytes_read += n as u64;
                    return Ok(());
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    // Report the error once; afterwards behave as at end of stream.
                    self.eof = true;
                    return Err(e);
                }
            }
        }
    }

    fn finish(&mut self) -> Option<Frame<'_>> {
        if let Some((head, len)) = self.skipping.take() {
            return Some(Frame::Oversized { head, len });
        }
        if self.partial.is_empty() {
            return None;
        }
        Some(Frame::Truncated(std::mem::take(&mut self.partial)))
    }
}

/// Top `head` up to MAX_RAW bytes from `more` (a small limit can start skipping before the
/// head is full).
fn fill_head(head: &mut Vec<u8>, more: &[u8]) {
    let room = MAX_RAW.saturating_sub(head.len());
    head.extend_from_slice(&more[..room.min(more.len())]);
}

/// Length of `line` without one trailing `\r`.
fn trimmed_len(line: &[u8]) -> usize {
    match line.last() {
        Some(b'\r') => line.len() - 1,
        _ => line.len(),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A reader that hands out its data in fixed-size chunks, to cross every boundary.
    pub(crate) struct Chunked<'a> {
        pub data: &'a [u8],
        pub chunk: usize,
    }

    impl Read for Chunked<'_> {
        fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
            let n = self.chunk.min(out.len()).min(self.data.len());
            out[..n].copy_from_slice(&self.data[..n]);
            self.data = &self.data[n..];
            Ok(n)
        }
    }

    #[derive(Debug, PartialEq, Eq)]
    enum Owned {
        Line(Vec<u8>),
        Oversized(Vec<u8>, u64),
        Truncated(Vec<u8>),
    }

    fn frames(data: &[u8], chunk: usize, max_line: usize) -> Vec<Owned> {
        let mut r = LineReader::new(Chunked { data, chunk }, max_line);
        let mut out = Vec::new();
        while let Some(f) = r.next_frame().expect("in-memory reads do not fail") {
            out.push(match f {
                Frame::Line(l) => Owned::Line(l.to_vec()),
                Frame::Oversized { head, len } => Owned::Oversized(head, len),
                Frame::Truncated(t) => Owned::Truncated(t),
            });
        }
        assert_eq!(r.bytes_read(), data.len() as u64);
        out
    }

    fn line(s: &str) -> Owned {
        Owned::Line(s.as_bytes().to_vec())
    }

    #[test]
    fn splits_lines_at_every_chunk_size() {
        let data = b"{\"a\":1}\n{\"bb\":22}\r\n\n\r\n{\"c\":3}\n";
        for chunk in 1..=data.len() + 1 {
            assert_eq!(
                frames(data, chunk, 1024),
                vec![line("{\"a\":1}"), line("{\"bb\":22}"), line("{\"c\":3}")],
                "chunk size {chunk}"
            );
        }
    }

    #[test]
    fn partial_last_line_is_truncated() {
        for chunk in 1..8 {
            assert_eq!(
                frames(b"one\ntw", chunk, 1024),
                vec![line("one"), Owned::Truncated(b"tw".to_vec())]
            );
        }
        assert_eq!(frames(b"", 4, 1024), vec![]);
        assert_eq!(frames(b"\n\n", 4, 1024), vec![]);
    }

    #[test]
    fn oversized_line_becomes_one_frame_and_reading_continues() {
        let mut data = b"ok1\n".to_vec();
        data.extend(std::iter::repeat_n(b'x', 10_000));
        data.extend(b"\nok2\n");
        for chunk in [1, 7, 100, 4096, 5000, 20_000] {
            let got = frames(&data, chunk, 50);
            assert_eq!(got.len(), 3, "chunk {chunk}");
            assert_eq!(got[0], line("ok1"));
            assert_eq!(got[1], Owned::Oversized(vec![b'x'; MAX_RAW], 10_000));
            assert_eq!(got[2], line("ok2"));
        }
    }

    #[test]
    fn line_exactly_at_the_limit_is_fine() {
        assert_eq!(frames(b"12345\n123456\n", 3, 5)[0], line("12345"));
        assert_eq!(
            frames(b"12345\n123456\n", 3, 5)[1],
            Owned::Oversized(b"123456".to_vec(), 6)
        );
    }

    #[test]
    fn oversized_line_at_end_of_stream() {
        assert_eq!(
            frames(b"abcdefgh", 3, 4),
            vec![Owned::Oversized(b"abcdefgh".to_vec(), 8)]
        );
    }

    #[test]
    fn oversized_does_not_buffer_the_whole_line() {
        // 64 MiB line with a 1 KiB limit: the reader must never hold more than its chunk + limit.
        struct Endless(u64);
        impl Read for Endless {
            fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
                if self.0 == 0 {
                    let msg = b"\n{\"ok\":1}\n";
                    out[..msg.len()].copy_from_slice(msg);
                    self.0 = u64::MAX;
                    return Ok(msg.len());
                }
                if self.0 == u64::MAX {
                    return Ok(0);
                }
                let n = (out.len() as u64).min(self.0) as usize;
                out[..n].fill(b'y');
                self.0 -= n as u64;
                Ok(n)
            }
        }
        let mut r = LineReader::new(Endless(64 << 20), 1024);
        match r.next_frame().expect("no error") {
            Some(Frame::Oversized { head, len }) => {
                assert_eq!(head.len(), MAX_RAW);
                assert_eq!(len, 64 << 20);
            }
            other => panic!("{other:?}"),
        }
        assert!(r.partial.capacity() <= 2048);
        assert_eq!(
            r.next_frame().expect("no error"),
            Some(Frame::Line(b"{\"ok\":1}"))
        );
        assert_eq!(r.next_frame().expect("no error"), None);
    }
}
