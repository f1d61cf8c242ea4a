//! The reader loop: frame the runtime's stdout, parse and classify each line once, route it.

use std::io::Read;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::framing::{Frame, LineReader};
use crate::message::{parse_line, Message};
use crate::routing::Router;

/// Counters the reader keeps; read by `Connection.statistics()`.
#[derive(Debug, Default)]
pub struct ReadStats {
    pub lines_read: AtomicU64,
    pub bytes_read: AtomicU64,
    pub malformed: AtomicU64,
}

/// Read `input` to its end (or first error), delivering every message through `router`.
/// `on_handshake` runs before the `initialize` response is delivered.
pub fn pump<R: Read>(
    input: R,
    max_line: usize,
    router: &Router,
    stats: &ReadStats,
    on_handshake: &mut dyn FnMut(),
) {
    let mut lines = LineReader::new(input, max_line);
    let mut counted_bytes = 0;
    loop {
        let msg = match lines.next_frame() {
            Ok(Some(Frame::Line(line))) => parse_line(line),
            Ok(Some(Frame::Oversized { head, len })) => Message::malformed(
                head,
                format!("line of {len} bytes exceeds limit of {max_line}"),
            ),
            // The last bytes before the end, with no newline: a message if they are one whole
            // (a writer that did not end its last line), else a line cut by the process's exit.
            Ok(Some(Frame::Truncated(raw))) => match parse_line(&raw) {
                parsed if parsed.kind() != "malformed" => parsed,
                _ => Message::malformed(raw, "truncated line at end of stream".to_owned()),
            },
            // A read error ends the stream just like EOF: either way the child is gone or going.
            Ok(None) | Err(_) => break,
        };
        let total = lines.bytes_read();
        stats
            .bytes_read
            .fetch_add(total - counted_bytes, Ordering::Relaxed);
        counted_bytes = total;
        stats.lines_read.fetch_add(1, Ordering::Relaxed);
        if msg.kind() == "malformed" {
            stats.malformed.fetch_add(1, Ordering::Relaxed);
        }
        router.dispatch(msg, on_handshake);
    }
    stats
        .bytes_read
        .fetch_add(lines.bytes_read() - counted_bytes, Ordering::Relaxed);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framing::tests::Chunked;
    use crate::message::Payload;
    use crate::routing::OnSuccess;

    fn run(router: &Router, data: &[u8], chunk: usize, max_line: usize) -> ReadStats {
        let stats = ReadStats::default();
        pump(
            Chunked { data, chunk },
            max_line,
            router,
            &stats,
            &mut || {},
        );
        stats
    }

    #[test]
    fn oversized_line_then_a_good_line() {
        let router = Router::new().expect("eventfd");
        let mut data = br#"{"method":"before"}"#.to_vec();
        data.push(b'\n');
        data.extend(br#"{"method":"big","params":{"threadId":"t1","blob":""#);
        data.extend(std::iter::repeat_n(b'z', 100_000));
        data.extend(b"\"}}\n");
        data.extend(br#"{"method":"after"}"#);
        data.extend(b"\n{\"method\":\"cut");
        let stats = run(&router, &data, 777, 10_000);
        let got = router.control().drain(10);
        assert_eq!(
            got.iter().map(Message::kind).collect::<Vec<_>>(),
            ["notification", "malformed", "notification", "malformed"]
        );
        match &got[1].payload {
            Payload::Malformed { raw, reason } => {
                assert_eq!(raw.len(), crate::framing::MAX_RAW);
                assert_eq!(
                    reason,
                    &format!("line of {} bytes exceeds limit of 10000", 100_000 + 53)
                );
            }
            other => panic!("{other:?}"),
        }
        // The head still names the thread, so a bound conversation would be told.
        assert_eq!(got[1].thread_id.as_deref(), Some("t1"));
        match &got[3].payload {
            Payload::Malformed { raw, reason } => {
                assert_eq!(raw, br#"{"method":"cut"#);
                assert_eq!(reason, "truncated line at end of stream");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(stats.lines_read.load(Ordering::Relaxed), 4);
        assert_eq!(stats.malformed.load(Ordering::Relaxed), 2);
        assert_eq!(stats.bytes_read.load(Ordering::Relaxed), data.len() as u64);
    }

    #[test]
    fn a_whole_last_line_without_its_newline_is_a_message() {
        let router = Router::new().expect("eventfd");
        let data = b"{\"method\":\"a\"}\n{\"method\":\"b\"}\r";
        let stats = run(&router, data, 777, 10_000);
        let got = router.control().drain(10);
        assert_eq!(
            got.iter().map(Message::kind).collect::<Vec<_>>(),
            ["notification", "notification"]
        );
        assert_eq!(stats.malformed.load(Ordering::Relaxed), 0);
    }

    #[test]
    fn bound_notification_right_after_the_response_lands_on_the_route() {
        // Response and notification arrive in one read chunk: the bind must still win.
        let router = Router::new().expect("eventfd");
        let a = router.open_route().expect("eventfd");
        router.expect_response(2, Some(&a), OnSuccess::BindThread);
        let data = b"{\"id\":2,\"result\":{\"thread\":{\"id\":\"T\"}}}\n\
                     {\"method\":\"thread/started\",\"params\":{\"thread\":{\"id\":\"T\"}}}\n";
        run(&router, data, 1 << 20, 1 << 20);
        assert_eq!(a.drain(10).len(), 2);
        assert!(router.control().drain(10).is_empty());
    }

    #[test]
    fn handshake_hook_runs_once_for_the_initialize_response() {
        let router = Router::new().expect("eventfd");
        router.expect_response(1, None, OnSuccess::Handshake);
        let stats = ReadStats::default();
        let mut calls = 0;
        pump(
            &b"{\"method\":\"early\"}\n{\"id\":1,\"result\":{}}\n"[..],
            1024,
            &router,
            &stats,
            &mut || calls += 1,
        );
        assert_eq!(calls, 1);
    }
}
