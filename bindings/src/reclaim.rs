//! Freeing parsed JSON off the thread that hands messages to Python.
//!
//! Every message is parsed (allocated) on a connection's reader thread, converted to Python on the
//! trio thread, and then freed. For a typed notification that free is about a tenth of the trio
//! thread's work per event (`benchmarks/bench_events.py`). [`defer`] hands parses to a background
//! thread that frees them in batches, on the core the reader thread leaves idle.

use std::cell::RefCell;
use std::sync::mpsc::{channel, Sender};
use std::sync::OnceLock;

use serde_json::Value;

/// Parses handed over at once: one channel send (and wakeup) per this many.
const BATCH: usize = 256;

struct Sink {
    tx: Sender<Vec<Value>>,
    /// The process the freeing thread runs in: a forked child has no such thread.
    pid: u32,
}

fn sink() -> Option<&'static Sink> {
    static SINK: OnceLock<Option<Sink>> = OnceLock::new();
    let sink = SINK
        .get_or_init(|| {
            let (tx, rx) = channel::<Vec<Value>>();
            std::thread::Builder::new()
                .name("orchestra-reclaim".into())
                .spawn(move || rx.into_iter().for_each(drop))
                .ok()?;
            Some(Sink {
                tx,
                pid: std::process::id(),
            })
        })
        .as_ref()?;
    (sink.pid == std::process::id()).then_some(sink)
}

thread_local! {
    static PENDING: RefCell<Vec<Value>> = const { RefCell::new(Vec::new()) };
}

/// Free `value` later, on the background thread. At most `BATCH - 1` parses wait per calling
/// thread; without the background thread (it could not start, or this is a forked child) a full
/// batch is freed right here.
pub fn defer(value: Value) {
    if is_trivial(&value) {
        return; // nothing allocated: dropping costs nothing
    }
    let mut value = Some(value);
    // `try_with`: during this thread's own teardown its batch is gone; the value drops here.
    let full = PENDING
        .try_with(|pending| {
            let mut pending = pending.try_borrow_mut().ok()?;
            pending.push(value.take()?);
            (pending.len() >= BATCH).then(|| std::mem::take(&mut *pending))
        })
        .ok()
        .flatten();
    if let Some(batch) = full {
        if let Some(sink) = sink() {
            // A send only fails once the thread is gone; the batch then drops here.
            let _ = sink.tx.send(batch);
        }
    }
}

fn is_trivial(value: &Value) -> bool {
    matches!(value, Value::Null | Value::Bool(_) | Value::Number(_))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn deferred_values_are_freed_in_batches_and_the_rest_wait() {
        for i in 0..(BATCH * 3 + 5) {
            defer(json!({"i": i, "text": "x".repeat(10)}));
        }
        PENDING.with(|p| assert_eq!(p.borrow().len(), 5));
        defer(json!(null)); // nothing to free
        PENDING.with(|p| assert_eq!(p.borrow().len(), 5));
        assert!(sink().is_some());
    }
}
