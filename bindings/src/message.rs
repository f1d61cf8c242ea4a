//! What one line from the runtime is: parse it once, classify it as a JSON-RPC message, and note
//! which conversation (threadId) it concerns so the router can deliver it.

use serde_json::{Map, Value};

/// A JSON-RPC id. Ours are integers; the runtime's server->client requests may use either kind.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Id {
    Int(i64),
    Str(String),
}

impl Id {
    /// The id as one of our own request ids (we only ever allocate positive integers).
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Id::Int(n) => u64::try_from(*n).ok(),
            Id::Str(_) => None,
        }
    }

    /// Append the id as JSON.
    pub fn write_json(&self, out: &mut Vec<u8>) {
        match self {
            Id::Int(n) => out.extend_from_slice(n.to_string().as_bytes()),
            Id::Str(s) => write_json_str(out, s),
        }
    }
}

/// Append `s` as a JSON string literal.
pub fn write_json_str(out: &mut Vec<u8>, s: &str) {
    // Serializing a &str into a Vec cannot fail.
    let _ = serde_json::to_writer(&mut *out, s);
}

/// How the child process ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExitStatus {
    pub code: Option<i32>,
    pub signal: Option<i32>,
}

impl std::fmt::Display for ExitStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.code, self.signal) {
            (_, Some(sig)) => write!(f, "killed by signal {sig}"),
            (Some(code), None) => write!(f, "exited with code {code}"),
            (None, None) => write!(f, "exited"),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Payload {
    /// A success response to one of our requests.
    Response {
        id: Id,
        result: Value,
    },
    /// An error response; `id` is None when the peer could not tell which request failed.
    Error {
        id: Option<Id>,
        error: Value,
    },
    Notification {
        method: String,
        params: Option<Value>,
    },
    /// A server->client request that must be answered with the same id.
    Request {
        id: Id,
        method: String,
        params: Option<Value>,
    },
    Malformed {
        raw: Vec<u8>,
        reason: String,
    },
    Exit(ExitStatus),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    pub payload: Payload,
    /// The conversation this message concerns, if it names one (see [`parse_line`]).
    pub thread_id: Option<String>,
    /// The turn a notification concerns: `params.turnId`, else `params.turn.id`. Found here, on
    /// the reader thread, so the thread that hands messages to Python does not look for it.
    pub turn_id: Option<String>,
}

impl Message {
    pub fn new(payload: Payload) -> Self {
        Message {
            payload,
            thread_id: None,
            turn_id: None,
        }
    }

    /// A malformed message; its raw bytes are scanned for a threadId so the affected
    /// conversation can be told.
    pub fn malformed(raw: Vec<u8>, reason: String) -> Self {
        let thread_id = scan_thread_id(&raw);
        Message {
            payload: Payload::Malformed { raw, reason },
            thread_id,
            turn_id: None,
        }
    }

    pub fn exit(status: ExitStatus) -> Self {
        Message::new(Payload::Exit(status))
    }

    pub fn kind(&self) -> &'static str {
        match self.payload {
            Payload::Response { .. } => "response",
            Payload::Error { .. } => "error",
            Payload::Notification { .. } => "notification",
            Payload::Request { .. } => "request",
            Payload::Malformed { .. } => "malformed",
            Payload::Exit(_) => "exit",
        }
    }
}

/// Parse one line (without its newline) and classify it.
///
/// - `method` + `id` -> request; `method` only -> notification;
///   `id` + `result` -> response; `id` + `error` -> error; anything else -> malformed.
/// - `thread_id` is taken from `params.threadId`, then (notifications only) `params.thread.id`,
///   then `params.conversationId`; for malformed lines it is scanned from the raw bytes.
pub fn parse_line(line: &[u8]) -> Message {
    match serde_json::from_slice::<Value>(line) {
        Ok(Value::Object(map)) => classify(map, line),
        Ok(_) => Message::malformed(
            line.to_vec(),
            "not a JSON-RPC message: expected a JSON object".to_owned(),
        ),
        Err(e) => Message::malformed(line.to_vec(), invalid_json_reason(&e)),
    }
}

fn invalid_json_reason(e: &serde_json::Error) -> String {
    // serde_json's Display appends " at line L column C"; lines are single-line, so say column only.
    let text = e.to_string();
    let detail = match text.rfind(" at line ") {
        Some(pos) => &text[..pos],
        None => &text[..],
    };
    format!("invalid JSON at column {}: {}", e.column(), detail)
}

fn not_jsonrpc(line: &[u8], why: &str) -> Message {
    Message::malformed(line.to_vec(), format!("not a JSON-RPC message: {why}"))
}

fn parse_id(id: Value) -> Result<Option<Id>, ()> {
    match id {
        Value::Number(n) => n.as_i64().map(|n| Some(Id::Int(n))).ok_or(()),
        Value::String(s) => Ok(Some(Id::Str(s))),
        Value::Null => Ok(None),
        _ => Err(()),
    }
}

fn classify(mut map: Map<String, Value>, line: &[u8]) -> Message {
    let method = map.remove("method");
    let id = match map.remove("id").map(parse_id) {
        None => None,
        Some(Ok(id)) => Some(id),
        Some(Err(())) => return not_jsonrpc(line, "id must be an integer, a string or null"),
    };
    match (method, id) {
        (Some(Value::String(method)), Some(id)) => {
            let Some(id) = id else {
                return not_jsonrpc(line, "a request id must not be null");
            };
            let params = map.remove("params");
            let thread_id = params.as_ref().and_then(request_thread_id);
            Message {
                payload: Payload::Request { id, method, params },
                thread_id,
                turn_id: None,
            }
        }
        (Some(Value::String(method)), None) => {
            let params = map.remove("params");
            let thread_id = params.as_ref().and_then(notification_thread_id);
            let turn_id = params.as_ref().and_then(notification_turn_id);
            Message {
                payload: Payload::Notification { method, params },
                thread_id,
                turn_id,
            }
        }
        (Some(_), _) => not_jsonrpc(line, "method must be a string"),
        (None, Some(id)) => {
            if let Some(result) = map.remove("result") {
                match id {
                    Some(id) => Message::new(Payload::Response { id, result }),
                    None => not_jsonrpc(line, "a response id must not be null"),
                }
            } else if let Some(error) = map.remove("error") {
                Message::new(Payload::Error { id, error })
            } else {
                not_jsonrpc(line, "has an id but neither result nor error")
            }
        }
        (None, None) => not_jsonrpc(line, "neither method nor id"),
    }
}

fn str_field<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

fn notification_thread_id(params: &Value) -> Option<String> {
    str_field(params, "threadId")
        .or_else(|| params.get("thread").and_then(|t| str_field(t, "id")))
        .or_else(|| str_field(params, "conversationId"))
        .map(str::to_owned)
}

fn notification_turn_id(params: &Value) -> Option<String> {
    str_field(params, "turnId")
        .or_else(|| params.get("turn").and_then(|t| str_field(t, "id")))
        .map(str::to_owned)
}

fn request_thread_id(params: &Value) -> Option<String> {
    str_field(params, "threadId")
        .or_else(|| str_field(params, "conversationId"))
        .map(str::to_owned)
}

/// The id of the thread a `thread/start|resume|fork` result describes: `result.thread.id`.
pub fn result_thread_id(result: &Value) -> Option<&str> {
    result.get("thread").and_then(|t| str_field(t, "id"))
}

/// Find `"threadId"<ws>:<ws>"<value>"` in bytes that did not parse. Best effort: values with
/// escapes are not decoded (thread ids are UUIDs).
pub fn scan_thread_id(raw: &[u8]) -> Option<String> {
    const KEY: &[u8] = b"\"threadId\"";
    for start in memchr::memmem::find_iter(raw, KEY) {
        let rest = &raw[start + KEY.len()..];
        let rest = skip_ws(rest);
        let Some(rest) = rest.strip_prefix(b":") else {
            continue;
        };
        let rest = skip_ws(rest);
        let Some(rest) = rest.strip_prefix(b"\"") else {
            continue;
        };
        let Some(end) = memchr::memchr(b'"', rest) else {
            continue;
        };
        if let Ok(value) = std::str::from_utf8(&rest[..end]) {
            if !value.is_empty() && !value.contains('\\') {
                return Some(value.to_owned());
            }
        }
    }
    None
}

fn skip_ws(b: &[u8]) -> &[u8] {
    let n = b
        .iter()
        .take_while(|c| matches!(c, b' ' | b'\t' | b'\r' | b'\n'))
        .count();
    &b[n..]
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn reason(m: &Message) -> &str {
        match &m.payload {
            Payload::Malformed { reason, .. } => reason,
            other => panic!("expected malformed, got {other:?}"),
        }
    }

    #[test]
    fn classifies_the_four_shapes() {
        let m = parse_line(br#"{"id":7,"result":{"ok":true}}"#);
        assert_eq!(
            m.payload,
            Payload::Response {
                id: Id::Int(7),
                result: json!({"ok": true})
            }
        );
        let m = parse_line(br#"{"error":{"code":-32600,"message":"no"},"id":2}"#);
        assert_eq!(
            m.payload,
            Payload::Error {
                id: Some(Id::Int(2)),
                error: json!({"code": -32600, "message": "no"})
            }
        );
        let m = parse_line(br#"{"method":"turn/started","params":{"threadId":"t1"}}"#);
        assert_eq!(m.kind(), "notification");
        assert_eq!(m.thread_id.as_deref(), Some("t1"));
        let m = parse_line(
            br#"{"id":"srv-1","method":"item/commandExecution/requestApproval","params":{"threadId":"t2"}}"#,
        );
        assert_eq!(
            m.payload,
            Payload::Request {
                id: Id::Str("srv-1".into()),
                method: "item/commandExecution/requestApproval".into(),
                params: Some(json!({"threadId": "t2"}))
            }
        );
        assert_eq!(m.thread_id.as_deref(), Some("t2"));
    }

    #[test]
    fn notification_without_params() {
        let m = parse_line(br#"{"method":"initialized"}"#);
        assert_eq!(
            m.payload,
            Payload::Notification {
                method: "initialized".into(),
                params: None
            }
        );
        assert_eq!(m.thread_id, None);
    }

    #[test]
    fn error_with_null_id_is_an_error() {
        let m = parse_line(br#"{"id":null,"error":{"code":-32700,"message":"parse"}}"#);
        assert!(matches!(m.payload, Payload::Error { id: None, .. }));
    }

    #[test]
    fn turn_id_of_notifications() {
        let m = parse_line(br#"{"method":"x","params":{"turnId":"a","turn":{"id":"b"}}}"#);
        assert_eq!(m.turn_id.as_deref(), Some("a"));
        let m = parse_line(br#"{"method":"x","params":{"turn":{"id":"b"}}}"#);
        assert_eq!(m.turn_id.as_deref(), Some("b"));
        let m = parse_line(br#"{"method":"x","params":{"turnId":7}}"#);
        assert_eq!(m.turn_id, None);
        let m = parse_line(br#"{"id":1,"method":"x","params":{"turnId":"a"}}"#);
        assert_eq!(m.turn_id, None); // requests carry none
    }

    #[test]
    fn thread_id_precedence() {
        let m = parse_line(
            br#"{"method":"x","params":{"thread":{"id":"obj"},"conversationId":"conv"}}"#,
        );
        assert_eq!(m.thread_id.as_deref(), Some("obj"));
        let m = parse_line(br#"{"method":"x","params":{"threadId":"a","thread":{"id":"b"}}}"#);
        assert_eq!(m.thread_id.as_deref(), Some("a"));
        let m = parse_line(br#"{"method":"x","params":{"conversationId":"conv"}}"#);
        assert_eq!(m.thread_id.as_deref(), Some("conv"));
        // Requests do not look at params.thread.id.
        let m = parse_line(br#"{"id":1,"method":"x","params":{"thread":{"id":"obj"}}}"#);
        assert_eq!(m.thread_id, None);
        // Non-string thread ids are ignored.
        let m = parse_line(br#"{"method":"x","params":{"threadId":5}}"#);
        assert_eq!(m.thread_id, None);
    }

    #[test]
    fn invalid_json_is_malformed_with_column() {
        let m = parse_line(br#"{"method":"x", oops}"#);
        assert!(
            reason(&m).starts_with("invalid JSON at column 16: "),
            "{}",
            reason(&m)
        );
        assert!(!reason(&m).contains(" at line "));
        match &m.payload {
            Payload::Malformed { raw, .. } => assert_eq!(raw, br#"{"method":"x", oops}"#),
            _ => unreachable!(),
        }
    }

    #[test]
    fn non_objects_and_odd_shapes_are_malformed() {
        assert!(reason(&parse_line(b"[1,2]")).starts_with("not a JSON-RPC message"));
        assert!(reason(&parse_line(b"42")).starts_with("not a JSON-RPC message"));
        assert!(reason(&parse_line(br#"{"foo":1}"#)).starts_with("not a JSON-RPC message"));
        assert!(reason(&parse_line(br#"{"id":1}"#)).contains("neither result nor error"));
        assert!(reason(&parse_line(br#"{"method":3}"#)).contains("method must be a string"));
        assert!(reason(&parse_line(br#"{"id":1.5,"result":1}"#)).contains("id must be"));
        assert!(reason(&parse_line(br#"{"id":null,"result":1}"#)).contains("must not be null"));
    }

    #[test]
    fn malformed_lines_are_scanned_for_a_thread_id() {
        let m = parse_line(br#"{"method":"item/started","params":{"threadId" : "t-9", "x": }"#);
        assert_eq!(m.kind(), "malformed");
        assert_eq!(m.thread_id.as_deref(), Some("t-9"));
        assert_eq!(
            scan_thread_id(br#""threadId":5,"threadId":"ok""#),
            Some("ok".into())
        );
        assert_eq!(scan_thread_id(br#""threadId":"#), None);
        assert_eq!(scan_thread_id(br#"no id here"#), None);
    }

    #[test]
    fn ids_write_as_json() {
        let mut out = Vec::new();
        Id::Int(-3).write_json(&mut out);
        out.push(b' ');
        Id::Str("a\"b".into()).write_json(&mut out);
        assert_eq!(out, br#"-3 "a\"b""#);
    }
}
