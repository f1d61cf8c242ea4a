//! `orchestra._native`: the native layer of codex-orchestra.
//!
//! The core (everything but `python`) is plain Rust, tested with `cargo test` without Python.
//! The Python glue is compiled only with the `pyo3` feature, which maturin turns on.

pub mod connection;
pub mod framing;
pub mod http;
pub mod jsonl;
pub mod message;
pub mod reader;
pub mod reclaim;
pub mod routing;
pub mod sys;
pub mod tail;

#[cfg(feature = "pyo3")]
mod pyconv;
#[cfg(feature = "pyo3")]
mod python;
#[cfg(feature = "pyo3")]
mod structure;

#[cfg(feature = "pyo3")]
use pyo3::prelude::*;

/// See Cargo.toml: messages are allocated on the reader thread and freed on the trio thread.
#[cfg(feature = "pyo3")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The extension module. Everything here is defined in `python.rs`.
#[cfg(feature = "pyo3")]
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    python::register(m)
}
