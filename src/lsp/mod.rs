//! The language server: the protocol layer over [`crate::ide`] and
//! [`crate::analysis`]. It converts positions and types (in [`convert`] and
//! `to_proto`) and dispatches requests; every feature is computed by the
//! engine.

mod agenda;
mod capabilities;
pub mod convert;
mod document;
pub mod framing;
mod handlers;
mod history;
mod memory;
pub mod panics;
mod publish;
mod server;
pub mod settings;
mod to_proto;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use tower_lsp_server::LspService;

pub use server::Backend;

/// How `didChange` edits a document, public so that property tests can
/// check incremental sync against whole-text replacement.
pub use document::{ChangeError, apply_changes};

/// How many requests are worked on at once (tower-lsp-server's own
/// default): one slow request does not hold up the others.
pub const CONCURRENCY: usize = 4;

/// Serves LSP on stdin/stdout until the client says `exit` or closes the
/// pipe. Returns the exit status the specification asks for: 0 after
/// `shutdown`, 1 without it.
pub fn run_stdio(log_level: Option<&str>) -> u8 {
    init_logging(log_level);
    limit_malloc_arenas();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            tracing::error!(%error, "cannot start the async runtime");
            return 1;
        }
    };
    let shut_down = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&shut_down);
    runtime.block_on(async move {
        let (outbox, outgoing) = framing::outbox();
        let sender = outbox.clone();
        let (service, socket) = LspService::new(move |client| Backend::new(client, flag, sender));
        // Our framing layer reads and writes the frames: it answers
        // malformed ones instead of ending the session.
        framing::serve(
            tokio::io::stdin(),
            tokio::io::stdout(),
            (outbox, outgoing),
            |incoming, answers| {
                framing::session::run(
                    panics::CatchPanic(service),
                    socket,
                    CONCURRENCY,
                    incoming,
                    answers,
                )
            },
        )
        .await;
    });
    // Blocking tasks (an analysis under way) must not keep the process up.
    runtime.shutdown_background();
    if shut_down.load(Ordering::SeqCst) {
        0
    } else {
        1
    }
}

/// How the server's memory goes back to the system, set before any thread
/// starts (the figures are in docs/performance.md):
/// - threads that allocate at once get arenas of their own, and memory
///   freed in one is not reused by another; the runtime's threads and the
///   blocking pool take turns at analyses, so one arena is enough;
/// - after a large block is freed, glibc raises the size from which it
///   maps blocks of their own, so the next analysis's vectors come from
///   the heap and linger there; a fixed threshold returns them at once.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn limit_malloc_arenas() {
    // SAFETY: mallopt only sets tunables of the allocator; this runs before
    // the runtime starts any thread.
    let set = unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 1) == 1
            && libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024) == 1
    };
    if !set {
        tracing::debug!("mallopt refused; keeping the allocator's defaults");
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn limit_malloc_arenas() {}

/// Logs go to stderr: stdout carries the protocol. The level comes from
/// `--log-level`, else `RUST_LOG`, else warnings only.
fn init_logging(log_level: Option<&str>) {
    use tracing_subscriber::EnvFilter;
    let filter = match log_level {
        Some(level) => EnvFilter::try_new(level).ok(),
        None => EnvFilter::try_from_default_env().ok(),
    }
    .unwrap_or_else(|| EnvFilter::new("warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .try_init();
}
