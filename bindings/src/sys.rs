//! Thin safe wrappers over the few Linux calls the native layer needs: eventfd wakeups,
//! `poll` with a cancellation fd, non-blocking writes, and waiting for / reaping a child.
//!
//! Every wrapper retries on `EINTR` so callers never see a spurious interruption.

use std::io;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};

use crate::message::ExitStatus;

fn cvt(ret: libc::c_int) -> io::Result<libc::c_int> {
    if ret < 0 {
        Err(io::Error::last_os_error())
    } else {
        Ok(ret)
    }
}

/// A Linux eventfd used as a level-style wakeup: readable iff its counter is non-zero.
#[derive(Debug)]
pub struct EventFd(OwnedFd);

impl EventFd {
    /// A non-blocking, close-on-exec eventfd with counter 0 (not readable).
    pub fn new() -> io::Result<Self> {
        // SAFETY: eventfd has no memory-safety preconditions; on success we own the new fd.
        let fd = cvt(unsafe { libc::eventfd(0, libc::EFD_NONBLOCK | libc::EFD_CLOEXEC) })?;
        // SAFETY: `fd` is a freshly created descriptor that nobody else owns.
        Ok(EventFd(unsafe { OwnedFd::from_raw_fd(fd) }))
    }

    pub fn raw(&self) -> RawFd {
        self.0.as_raw_fd()
    }

    /// Add 1 to the counter, making the fd readable.
    pub fn signal(&self) -> io::Result<()> {
        let one: u64 = 1;
        loop {
            // SAFETY: writes exactly 8 bytes from a live u64.
            let n = unsafe {
                libc::write(
                    self.raw(),
                    (&one as *const u64).cast::<libc::c_void>(),
                    std::mem::size_of::<u64>(),
                )
            };
            if n >= 0 {
                return Ok(());
            }
            let err = io::Error::last_os_error();
            match err.kind() {
                io::ErrorKind::Interrupted => continue,
                // The counter is saturated: it is certainly readable already.
                io::ErrorKind::WouldBlock => return Ok(()),
                _ => return Err(err),
            }
        }
    }

    /// Reset the counter to 0 so the fd is no longer readable. Already-zero is fine.
    pub fn reset(&self) -> io::Result<()> {
        let mut value: u64 = 0;
        loop {
            // SAFETY: reads exactly 8 bytes into a live u64.
            let n = unsafe {
                libc::read(
                    self.raw(),
                    (&mut value as *mut u64).cast::<libc::c_void>(),
                    std::mem::size_of::<u64>(),
                )
            };
            if n >= 0 {
                return Ok(());
            }
            let err = io::Error::last_os_error();
            match err.kind() {
                io::ErrorKind::Interrupted => continue,
                io::ErrorKind::WouldBlock => return Ok(()),
                _ => return Err(err),
            }
        }
    }
}

/// Poll one fd for `events`; `timeout_ms < 0` waits forever. Returns whether it became ready.
pub fn poll_fd(fd: RawFd, events: libc::c_short, timeout_ms: libc::c_int) -> io::Result<bool> {
    let mut pfd = libc::pollfd {
        fd,
        events,
        revents: 0,
    };
    loop {
        // SAFETY: one valid pollfd.
        match cvt(unsafe { libc::poll(&mut pfd, 1, timeout_ms) }) {
            Ok(n) => return Ok(n > 0),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
    }
}

/// What ended a [`wait_ready`].
#[derive(Debug, PartialEq, Eq)]
pub enum Ready {
    /// The fd is ready (or has hung up / errored: the next read or write will say which).
    Fd,
    /// The cancellation fd became readable.
    Cancelled,
}

/// Wait until `fd` is ready for `events` or `cancel` is readable, whichever comes first.
///
/// Why: a blocking `read` on a pipe cannot be interrupted from another thread. A grandchild that
/// inherited the child's stdout keeps the pipe open after the child died; without this, the reader
/// thread (and so `close()`, which joins it) could hang forever.
pub fn wait_ready(fd: RawFd, events: libc::c_short, cancel: RawFd) -> io::Result<Ready> {
    let mut fds = [
        libc::pollfd {
            fd: cancel,
            events: libc::POLLIN,
            revents: 0,
        },
        libc::pollfd {
            fd,
            events,
            revents: 0,
        },
    ];
    loop {
        // SAFETY: two valid pollfds.
        match cvt(unsafe { libc::poll(fds.as_mut_ptr(), 2, -1) }) {
            Ok(_) => {
                if fds[0].revents != 0 {
                    return Ok(Ready::Cancelled);
                }
                if fds[1].revents != 0 {
                    return Ok(Ready::Fd);
                }
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
    }
}

pub fn set_nonblocking(fd: RawFd) -> io::Result<()> {
    // SAFETY: fcntl on a descriptor we own; no pointers involved.
    let flags = cvt(unsafe { libc::fcntl(fd, libc::F_GETFL) })?;
    // SAFETY: as above.
    cvt(unsafe { libc::fcntl(fd, libc::F_SETFL, flags | libc::O_NONBLOCK) })?;
    Ok(())
}

/// Block until the child `pid` has exited, WITHOUT reaping it (`WNOWAIT`).
///
/// Why: the pid stays reserved (a zombie) until [`reap`], so a concurrent `kill()` that holds the
/// process lock can never hit a recycled pid.
pub fn wait_exited(pid: libc::pid_t) -> io::Result<()> {
    loop {
        // SAFETY: siginfo_t is plain data; zeroed is a valid initial value.
        let mut info: libc::siginfo_t = unsafe { std::mem::zeroed() };
        // SAFETY: valid out-pointer.
        let ret = unsafe {
            libc::waitid(
                libc::P_PID,
                pid as libc::id_t,
                &mut info,
                libc::WEXITED | libc::WNOWAIT,
            )
        };
        match cvt(ret) {
            Ok(_) => return Ok(()),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
    }
}

/// Reap the exited child `pid` and decode its status.
pub fn reap(pid: libc::pid_t) -> io::Result<ExitStatus> {
    let mut status: libc::c_int = 0;
    loop {
        // SAFETY: valid out-pointer.
        match cvt(unsafe { libc::waitpid(pid, &mut status, 0) }) {
            Ok(_) => break,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
    }
    Ok(if libc::WIFSIGNALED(status) {
        ExitStatus {
            code: None,
            signal: Some(libc::WTERMSIG(status)),
        }
    } else {
        ExitStatus {
            code: Some(libc::WEXITSTATUS(status)),
            signal: None,
        }
    })
}

pub fn send_signal(pid: libc::pid_t, signal: libc::c_int) -> io::Result<()> {
    // SAFETY: no pointers; the caller guarantees `pid` is our unreaped child.
    cvt(unsafe { libc::kill(pid, signal) })?;
    Ok(())
}

/// A pipe end read with [`wait_ready`] first, so another thread can stop the reader by signalling
/// `cancel`. Once cancelled, what is already buffered in the pipe is still read (up to a bound),
/// so the last words of a dying child are not lost; then it reports end of stream.
pub struct CancellableReader {
    fd: OwnedFd,
    cancel: RawFd,
    reads_after_cancel: u32,
}

/// How many more reads a cancelled reader makes while data keeps arriving (a grandchild that
/// inherited the pipe and keeps writing must not keep us alive forever).
const READS_AFTER_CANCEL: u32 = 64;

impl CancellableReader {
    /// `cancel` must stay open for as long as this reader is used.
    pub fn new(fd: OwnedFd, cancel: RawFd) -> Self {
        CancellableReader {
            fd,
            cancel,
            reads_after_cancel: READS_AFTER_CANCEL,
        }
    }
}

impl io::Read for CancellableReader {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let fd = self.fd.as_raw_fd();
        loop {
            if wait_ready(fd, libc::POLLIN, self.cancel)? == Ready::Cancelled {
                // Take what is already there, without waiting for more.
                if self.reads_after_cancel == 0 || !poll_fd(fd, libc::POLLIN, 0)? {
                    return Ok(0);
                }
                self.reads_after_cancel -= 1;
            }
            // SAFETY: `out` is a live, writable buffer of `out.len()` bytes.
            let n = unsafe { libc::read(fd, out.as_mut_ptr().cast::<libc::c_void>(), out.len()) };
            if n >= 0 {
                return Ok(n as usize);
            }
            let err = io::Error::last_os_error();
            match err.kind() {
                io::ErrorKind::Interrupted | io::ErrorKind::WouldBlock => continue,
                _ => return Err(err),
            }
        }
    }
}

/// Write all of `data` to the non-blocking `fd`, waiting for room with [`wait_ready`].
/// Cancellation is reported as `BrokenPipe`, like a reader that went away: for the caller both
/// mean "this pipe is done".
pub fn write_all(fd: RawFd, mut data: &[u8], cancel: RawFd) -> io::Result<()> {
    while !data.is_empty() {
        // SAFETY: reads `data.len()` bytes from a live slice.
        let n = unsafe { libc::write(fd, data.as_ptr().cast::<libc::c_void>(), data.len()) };
        if n >= 0 {
            data = &data[n as usize..];
            continue;
        }
        let err = io::Error::last_os_error();
        match err.kind() {
            io::ErrorKind::Interrupted => continue,
            io::ErrorKind::WouldBlock => {
                if wait_ready(fd, libc::POLLOUT, cancel)? == Ready::Cancelled {
                    return Err(io::Error::from(io::ErrorKind::BrokenPipe));
                }
            }
            _ => return Err(err),
        }
    }
    Ok(())
}
