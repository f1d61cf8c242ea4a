//! Where each incoming message goes: per-route unbounded queues with a wakeup fd, and the tables
//! that map request ids and thread ids to routes.
//!
//! Lock order: `Router.state` before any `Route.queue`. The reader thread never holds a lock while
//! it reads from the pipe, and Python's `drain()` takes only the one route lock it needs, so a slow
//! consumer never stalls the reader or another route.

use std::collections::{HashMap, VecDeque};
use std::io;
use std::os::fd::RawFd;
use std::sync::{Arc, Mutex, MutexGuard};

use crate::message::{result_thread_id, ExitStatus, Message, Payload};
use crate::sys::EventFd;

/// Lock a mutex, recovering from poisoning: our critical sections leave the data consistent at
/// every step, and a panic elsewhere must not take the reader thread down with it.
pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RouteStats {
    /// Messages waiting now.
    pub queued: usize,
    /// Messages handed out by `drain` so far.
    pub delivered: u64,
    /// The longest the queue has been.
    pub high_water: usize,
}

struct Queue {
    messages: VecDeque<Message>,
    /// `None` once the route is closed; the fd is closed with it.
    wake: Option<EventFd>,
    delivered: u64,
    high_water: usize,
}

/// One destination: an unbounded FIFO whose fd is readable iff the FIFO is non-empty.
pub struct Route {
    key: String,
    queue: Mutex<Queue>,
}

impl std::fmt::Debug for Route {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Route").field("key", &self.key).finish()
    }
}

impl Route {
    pub fn new(key: String) -> io::Result<Arc<Route>> {
        Ok(Arc::new(Route {
            key,
            queue: Mutex::new(Queue {
                messages: VecDeque::new(),
                wake: Some(EventFd::new()?),
                delivered: 0,
                high_water: 0,
            }),
        }))
    }

    pub fn key(&self) -> &str {
        &self.key
    }

    /// The wakeup fd, or None once closed.
    pub fn fileno(&self) -> Option<RawFd> {
        lock(&self.queue).wake.as_ref().map(EventFd::raw)
    }

    pub fn is_closed(&self) -> bool {
        lock(&self.queue).wake.is_none()
    }

    /// Append a message; gives it back if the route is closed.
    ///
    /// The fd is signalled only on the empty -> non-empty transition, under the same lock that
    /// `drain` uses to reset it, so a wakeup can be neither lost nor left dangling.
    // The message moves in and (rarely) back out by value; boxing it would cost an allocation
    // per message on the reader thread to shrink the rare error path.
    #[allow(clippy::result_large_err)]
    pub fn push(&self, msg: Message) -> Result<(), Message> {
        let mut q = lock(&self.queue);
        let Some(wake) = q.wake.as_ref() else {
            return Err(msg);
        };
        if q.messages.is_empty() {
            // An eventfd write can only fail if the fd is broken; the message is queued anyway
            // and the next drain will find it.
            let _ = wake.signal();
        }
        q.messages.push_back(msg);
        q.high_water = q.high_water.max(q.messages.len());
        Ok(())
    }

    /// Take up to `max` messages without blocking; reset the fd when the queue becomes empty.
    pub fn drain(&self, max: usize) -> Vec<Message> {
        let mut q = lock(&self.queue);
        let n = max.min(q.messages.len());
        let out: Vec<Message> = q.messages.drain(..n).collect();
        q.delivered += n as u64;
        if q.messages.is_empty() {
            if let Some(wake) = q.wake.as_ref() {
                let _ = wake.reset();
            }
            // A burst (say 100k messages for a slow consumer) must not pin its memory forever.
            if q.messages.capacity() > 4096 {
                q.messages.shrink_to(64);
            }
        }
        out
    }

    pub fn stats(&self) -> RouteStats {
        let q = lock(&self.queue);
        RouteStats {
            queued: q.messages.len(),
            delivered: q.delivered,
            high_water: q.high_water,
        }
    }

    /// Drop what is queued and close the fd. Idempotent. Later pushes are refused.
    fn close(&self) {
        let mut q = lock(&self.queue);
        q.wake = None;
        q.messages = VecDeque::new();
    }
}

/// What to do when the success response to a request arrives, before it is delivered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnSuccess {
    Nothing,
    /// Bind `result.thread.id` to the request's route (thread/start, thread/resume, thread/fork).
    BindThread,
    /// The `initialize` response: send `initialized` to the child first.
    Handshake,
}

struct Pending {
    route: Arc<Route>,
    on_success: OnSuccess,
}

struct State {
    /// Open routes other than control, by key.
    routes: HashMap<String, Arc<Route>>,
    /// Thread id -> the route that receives that conversation's messages.
    threads: HashMap<String, Arc<Route>>,
    /// Our request id -> where its response goes.
    pending: HashMap<u64, Pending>,
    next_key: u64,
    /// Set once the child has exited; routes opened later get the exit message at once.
    exited: Option<ExitStatus>,
}

/// The routing tables of one connection.
pub struct Router {
    control: Arc<Route>,
    state: Mutex<State>,
}

impl Router {
    pub fn new() -> io::Result<Router> {
        Ok(Router {
            control: Route::new("control".to_owned())?,
            state: Mutex::new(State {
                routes: HashMap::new(),
                threads: HashMap::new(),
                pending: HashMap::new(),
                next_key: 1,
                exited: None,
            }),
        })
    }

    /// The default route: everything not routed elsewhere, plus the exit message.
    pub fn control(&self) -> &Arc<Route> {
        &self.control
    }

    pub fn open_route(&self) -> io::Result<Arc<Route>> {
        let mut st = lock(&self.state);
        let key = format!("route-{}", st.next_key);
        st.next_key += 1;
        let route = Route::new(key.clone())?;
        if let Some(status) = st.exited {
            // The exit broadcast already happened: tell this route too, so nobody waits forever.
            let _ = route.push(Message::exit(status));
        }
        st.routes.insert(key, route.clone());
        Ok(route)
    }

    /// Unregister a route (its thread ids fall back to control) and close its fd. Idempotent.
    pub fn close_route(&self, route: &Arc<Route>) {
        {
            let mut st = lock(&self.state);
            st.routes.remove(route.key());
            st.threads.retain(|_, r| !Arc::ptr_eq(r, route));
        }
        route.close();
    }

    /// Deliver messages for `thread_id` to `route` from now on. Binding to control (or to a closed
    /// route) removes the binding.
    pub fn bind_thread(&self, thread_id: &str, route: &Arc<Route>) {
        let mut st = lock(&self.state);
        if Arc::ptr_eq(route, &self.control) || route.is_closed() {
            st.threads.remove(thread_id);
        } else {
            st.threads.insert(thread_id.to_owned(), route.clone());
        }
    }

    /// Remember where the response to `id` goes. Call before the request is written.
    pub fn expect_response(&self, id: u64, route: Option<&Arc<Route>>, on_success: OnSuccess) {
        let route = route.unwrap_or(&self.control).clone();
        lock(&self.state)
            .pending
            .insert(id, Pending { route, on_success });
    }

    /// Forget a pending request whose line could not be written.
    pub fn forget(&self, id: u64) {
        lock(&self.state).pending.remove(&id);
    }

    pub fn open_routes(&self) -> usize {
        lock(&self.state).routes.len() + usize::from(!self.control.is_closed())
    }

    pub fn pending_requests(&self) -> usize {
        lock(&self.state).pending.len()
    }

    /// Route one incoming message. `on_handshake` runs before the `initialize` success response
    /// is delivered. Thread bindings requested with [`OnSuccess::BindThread`] are in place when
    /// this returns, so the next line is already routed by them.
    pub fn dispatch(&self, mut msg: Message, on_handshake: &mut dyn FnMut()) {
        let target = {
            let mut st = lock(&self.state);
            match &msg.payload {
                Payload::Response { id, .. } | Payload::Error { id: Some(id), .. } => {
                    match id.as_u64().and_then(|n| st.pending.remove(&n)) {
                        Some(pending) => {
                            if let Payload::Response { result, .. } = &msg.payload {
                                match pending.on_success {
                                    OnSuccess::Nothing => {}
                                    OnSuccess::Handshake => on_handshake(),
                                    OnSuccess::BindThread => {
                                        if let Some(tid) = result_thread_id(result) {
                                            if !pending.route.is_closed()
                                                && !Arc::ptr_eq(&pending.route, &self.control)
                                            {
                                                st.threads
                                                    .insert(tid.to_owned(), pending.route.clone());
                                            }
                                            msg.thread_id = Some(tid.to_owned());
                                        }
                                    }
                                }
                            }
                            pending.route
                        }
                        None => self.control.clone(),
                    }
                }
                _ => msg
                    .thread_id
                    .as_ref()
                    .and_then(|tid| st.threads.get(tid))
                    .cloned()
                    .unwrap_or_else(|| self.control.clone()),
            }
        };
        self.deliver(&target, msg);
    }

    /// Push to `route`; if it was closed meanwhile, fall back to control.
    fn deliver(&self, route: &Arc<Route>, msg: Message) {
        if let Err(msg) = route.push(msg) {
            if !Arc::ptr_eq(route, &self.control) {
                // Control closed too: nobody is listening, dropping is all that is left.
                let _ = self.control.push(msg);
            }
        }
    }

    /// The child is gone: push one exit message to every open route and to control.
    pub fn broadcast_exit(&self, status: ExitStatus) {
        let routes: Vec<Arc<Route>> = {
            let mut st = lock(&self.state);
            st.exited = Some(status);
            st.pending.clear();
            st.routes.values().cloned().collect()
        };
        for route in routes.iter().chain(std::iter::once(&self.control)) {
            let _ = route.push(Message::exit(status));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message::parse_line;
    use crate::sys::poll_fd;

    fn readable(route: &Route) -> bool {
        let fd = route.fileno().expect("open route");
        poll_fd(fd, libc::POLLIN, 0).expect("poll works")
    }

    fn dispatch(router: &Router, line: &str) {
        router.dispatch(parse_line(line.as_bytes()), &mut || {});
    }

    fn kinds(msgs: &[Message]) -> Vec<&'static str> {
        msgs.iter().map(Message::kind).collect()
    }

    fn methods(msgs: &[Message]) -> Vec<String> {
        msgs.iter()
            .map(|m| match &m.payload {
                Payload::Notification { method, .. } | Payload::Request { method, .. } => {
                    method.clone()
                }
                _ => m.kind().to_owned(),
            })
            .collect()
    }

    #[test]
    fn fd_is_readable_iff_queue_non_empty() {
        let route = Route::new("r".into()).expect("eventfd");
        assert!(!readable(&route));
        for i in 0..3 {
            route
                .push(parse_line(format!(r#"{{"method":"m{i}"}}"#).as_bytes()))
                .expect("open");
            assert!(readable(&route));
        }
        assert_eq!(route.drain(2).len(), 2);
        assert!(readable(&route), "one message left: still readable");
        assert_eq!(route.drain(10).len(), 1);
        assert!(!readable(&route), "empty: not readable");
        assert!(route.drain(10).is_empty());
        route
            .push(parse_line(br#"{"method":"again"}"#))
            .expect("open");
        assert!(readable(&route), "empty -> non-empty signals again");
        assert_eq!(
            route.stats(),
            RouteStats {
                queued: 1,
                delivered: 3,
                high_water: 3
            }
        );
    }

    #[test]
    fn closed_route_refuses_and_forgets() {
        let router = Router::new().expect("eventfd");
        let route = router.open_route().expect("eventfd");
        route.push(parse_line(br#"{"method":"a"}"#)).expect("open");
        router.close_route(&route);
        router.close_route(&route);
        assert!(route.fileno().is_none());
        assert!(route.push(parse_line(br#"{"method":"a"}"#)).is_err());
        assert!(route.drain(10).is_empty());
        assert_eq!(router.open_routes(), 1);
    }

    #[test]
    fn responses_go_to_the_route_of_their_request() {
        let router = Router::new().expect("eventfd");
        let a = router.open_route().expect("eventfd");
        router.expect_response(1, Some(&a), OnSuccess::Nothing);
        router.expect_response(2, None, OnSuccess::Nothing);
        dispatch(&router, r#"{"id":2,"result":{}}"#);
        dispatch(&router, r#"{"id":1,"error":{"code":1,"message":"x"}}"#);
        // Id already answered, and an id we never sent: control.
        dispatch(&router, r#"{"id":1,"result":{}}"#);
        dispatch(&router, r#"{"id":"zz","result":{}}"#);
        assert_eq!(kinds(&a.drain(10)), vec!["error"]);
        assert_eq!(
            kinds(&router.control().drain(10)),
            vec!["response", "response", "response"]
        );
        assert_eq!(router.pending_requests(), 0);
    }

    #[test]
    fn routes_by_thread_id_and_thread_object() {
        let router = Router::new().expect("eventfd");
        let a = router.open_route().expect("eventfd");
        let b = router.open_route().expect("eventfd");
        router.bind_thread("ta", &a);
        router.bind_thread("tb", &b);
        dispatch(&router, r#"{"method":"n1","params":{"threadId":"ta"}}"#);
        dispatch(
            &router,
            r#"{"method":"n2","params":{"thread":{"id":"tb"}}}"#,
        );
        dispatch(
            &router,
            r#"{"method":"n3","params":{"conversationId":"ta"}}"#,
        );
        dispatch(
            &router,
            r#"{"id":9,"method":"r1","params":{"threadId":"tb"}}"#,
        );
        dispatch(
            &router,
            r#"{"method":"n4","params":{"threadId":"unknown"}}"#,
        );
        dispatch(&router, r#"{"method":"n5"}"#);
        assert_eq!(methods(&a.drain(10)), vec!["n1", "n3"]);
        assert_eq!(methods(&b.drain(10)), vec!["n2", "r1"]);
        let control = router.control().drain(10);
        assert_eq!(methods(&control), vec!["n4", "n5"]);
        assert_eq!(control[0].thread_id.as_deref(), Some("unknown"));
    }

    #[test]
    fn bind_thread_takes_effect_before_the_next_line() {
        let router = Router::new().expect("eventfd");
        let a = router.open_route().expect("eventfd");
        router.expect_response(5, Some(&a), OnSuccess::BindThread);
        dispatch(&router, r#"{"id":5,"result":{"thread":{"id":"new"}}}"#);
        dispatch(
            &router,
            r#"{"method":"thread/started","params":{"thread":{"id":"new"}}}"#,
        );
        dispatch(
            &router,
            r#"{"method":"turn/started","params":{"threadId":"new"}}"#,
        );
        let got = a.drain(10);
        assert_eq!(
            methods(&got),
            vec!["response", "thread/started", "turn/started"]
        );
        assert_eq!(got[0].thread_id.as_deref(), Some("new"));
        assert!(router.control().drain(10).is_empty());
    }

    #[test]
    fn failed_bind_request_binds_nothing() {
        let router = Router::new().expect("eventfd");
        let a = router.open_route().expect("eventfd");
        router.expect_response(5, Some(&a), OnSuccess::BindThread);
        dispatch(&router, r#"{"id":5,"error":{"code":-1,"message":"no"}}"#);
        dispatch(&router, r#"{"method":"x","params":{"threadId":"new"}}"#);
        assert_eq!(kinds(&a.drain(10)), vec!["error"]);
        assert_eq!(methods(&router.control().drain(10)), vec!["x"]);
    }

    #[test]
    fn handshake_hook_runs_before_delivery_and_only_on_success() {
        let router = Router::new().expect("eventfd");
        router.expect_response(1, None, OnSuccess::Handshake);
        let control = router.control().clone();
        let mut queued_when_hook_ran = None;
        router.dispatch(parse_line(br#"{"id":1,"result":{}}"#), &mut || {
            queued_when_hook_ran = Some(control.stats().queued);
        });
        assert_eq!(queued_when_hook_ran, Some(0));
        assert_eq!(control.stats().queued, 1);

        router.expect_response(2, None, OnSuccess::Handshake);
        let mut ran = false;
        router.dispatch(
            parse_line(br#"{"id":2,"error":{"code":1,"message":"x"}}"#),
            &mut || ran = true,
        );
        assert!(!ran);
    }

    #[test]
    fn malformed_goes_to_the_route_named_in_its_bytes() {
        let router = Router::new().expect("eventfd");
        let a = router.open_route().expect("eventfd");
        router.bind_thread("ta", &a);
        dispatch(&router, r#"{"method":"x","params":{"threadId": "ta", oops"#);
        dispatch(&router, r#"{"method":"x","params":{"threadId":"tz", oops"#);
        dispatch(&router, r#"garbage"#);
        let got = a.drain(10);
        assert_eq!(kinds(&got), vec!["malformed"]);
        assert_eq!(got[0].thread_id.as_deref(), Some("ta"));
        assert_eq!(
            kinds(&router.control().drain(10)),
            vec!["malformed", "malformed"]
        );
    }

    #[test]
    fn closing_a_route_falls_back_to_control() {
        let router = Router::new().expect("eventfd");
        let a = router.open_route().expect("eventfd");
        router.bind_thread("ta", &a);
        router.expect_response(3, Some(&a), OnSuccess::Nothing);
        router.close_route(&a);
        dispatch(&router, r#"{"method":"x","params":{"threadId":"ta"}}"#);
        dispatch(&router, r#"{"id":3,"result":null}"#);
        assert_eq!(
            kinds(&router.control().drain(10)),
            vec!["notification", "response"]
        );
        // Binding to a closed route is a no-op rather than a trap.
        router.bind_thread("ta", &a);
        dispatch(&router, r#"{"method":"y","params":{"threadId":"ta"}}"#);
        assert_eq!(methods(&router.control().drain(10)), vec!["y"]);
    }

    #[test]
    fn exit_reaches_every_route_including_later_ones() {
        let router = Router::new().expect("eventfd");
        let a = router.open_route().expect("eventfd");
        let closed = router.open_route().expect("eventfd");
        router.close_route(&closed);
        router.expect_response(1, Some(&a), OnSuccess::Nothing);
        let status = ExitStatus {
            code: Some(3),
            signal: None,
        };
        router.broadcast_exit(status);
        assert_eq!(router.pending_requests(), 0);
        assert_eq!(a.drain(10), vec![Message::exit(status)]);
        assert_eq!(router.control().drain(10), vec![Message::exit(status)]);
        let late = router.open_route().expect("eventfd");
        assert!(readable(&late));
        assert_eq!(late.drain(10), vec![Message::exit(status)]);
    }
}
