//! A panic in a handler must cost one answer, never the session.
//!
//! Features run on blocking threads (`Shared::run`), where a panic comes
//! back as a `JoinError` and is answered with an internal error. Anything
//! that panics in a handler's own async code (the synchronous part of a
//! notification, the glue around a feature) would unwind through
//! tower-lsp-server's message loop and end the process. [`CatchPanic`]
//! wraps the service so that such a panic is logged with the request and
//! answered with -32603 (for a request; a notification has no answer),
//! and the server goes on.
//!
//! One trace stays: tower-lsp-server keeps the panicked request's id in
//! its table of requests under way, so a later request reusing that id is
//! refused as a duplicate. Clients never reuse ids.
//!
//! [`TestPanic`] is a hook to prove all this against the real binary: set
//! `ROADMAP_LSP_TEST_PANIC` and the named handler panics on purpose
//! (tests/hostile.rs). It is read once at startup, does nothing unless
//! set, and is compiled into debug builds only (what `cargo test` runs):
//! the release binary users install cannot be made to panic on purpose.

use std::future::Future;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::Pin;
use std::task::{Context, Poll};

use tower_lsp_server::jsonrpc::{Error, Request, Response};
use tower_service::Service;

/// The environment variable of the test hook.
pub const TEST_PANIC_ENV: &str = "ROADMAP_LSP_TEST_PANIC";

/// Where the test hook panics: `ROADMAP_LSP_TEST_PANIC=<where>:<method>`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TestPanic {
    /// `blocking:<method>`: inside the feature, on its blocking thread.
    blocking: Option<String>,
    /// `async:<method>`: in the handler itself, on the async runtime.
    in_async: Option<String>,
}

impl TestPanic {
    #[cfg(not(debug_assertions))]
    pub fn from_env() -> TestPanic {
        TestPanic::default()
    }

    #[cfg(debug_assertions)]
    pub fn from_env() -> TestPanic {
        std::env::var(TEST_PANIC_ENV)
            .map(|value| TestPanic::parse(&value))
            .unwrap_or_default()
    }

    #[cfg_attr(not(debug_assertions), allow(dead_code))]
    fn parse(value: &str) -> TestPanic {
        let mut hook = TestPanic::default();
        for item in value.split(',') {
            match item.trim().split_once(':') {
                Some(("blocking", method)) => hook.blocking = Some(method.to_string()),
                Some(("async", method)) => hook.in_async = Some(method.to_string()),
                _ => {}
            }
        }
        if hook != TestPanic::default() {
            tracing::warn!(
                ?hook,
                "{TEST_PANIC_ENV} is set: handlers will panic on purpose"
            );
        }
        hook
    }

    /// Panics if the hook names `method` for blocking threads.
    pub fn on_blocking_thread(&self, method: &str) {
        if self.blocking.as_deref() == Some(method) {
            panic!("{TEST_PANIC_ENV}: a panic on purpose in {method} (blocking thread)");
        }
    }

    /// Panics if the hook names `method` for async handlers.
    pub fn in_handler(&self, method: &str) {
        if self.in_async.as_deref() == Some(method) {
            panic!("{TEST_PANIC_ENV}: a panic on purpose in {method} (async handler)");
        }
    }
}

/// tower-lsp-server's service, with panics in its futures caught.
pub struct CatchPanic<S>(pub S);

impl<S> Service<Request> for CatchPanic<S>
where
    S: Service<Request, Response = Option<Response>>,
    S::Future: Unpin,
{
    type Response = Option<Response>;
    type Error = S::Error;
    type Future = Caught<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.0.poll_ready(cx)
    }

    fn call(&mut self, request: Request) -> Self::Future {
        let method = request.method().to_string();
        let id = request.id().cloned();
        match catch_unwind(AssertUnwindSafe(|| self.0.call(request))) {
            Ok(inner) => Caught {
                inner: Some(inner),
                method,
                id,
            },
            Err(payload) => {
                report(&method, id.as_ref(), payload.as_ref());
                Caught {
                    inner: None,
                    method,
                    id,
                }
            }
        }
    }
}

/// A handler's future that turns a panic into an internal-error answer.
pub struct Caught<F> {
    /// `None` once it panicked (in `call` or a poll).
    inner: Option<F>,
    method: String,
    id: Option<tower_lsp_server::jsonrpc::Id>,
}

impl<F, E> Future for Caught<F>
where
    F: Future<Output = Result<Option<Response>, E>> + Unpin,
{
    type Output = Result<Option<Response>, E>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = &mut *self;
        if let Some(inner) = this.inner.as_mut() {
            match catch_unwind(AssertUnwindSafe(|| Pin::new(inner).poll(cx))) {
                Ok(poll) => return poll,
                Err(payload) => {
                    this.inner = None;
                    report(&this.method, this.id.as_ref(), payload.as_ref());
                }
            }
        }
        // Panicked: a request gets an internal error, a notification
        // nothing.
        Poll::Ready(Ok(this.id.clone().map(|id| {
            let mut error = Error::internal_error();
            error.message = format!("{} failed: the server hit a bug", this.method).into();
            Response::from_error(id, error)
        })))
    }
}

fn report(
    method: &str,
    id: Option<&tower_lsp_server::jsonrpc::Id>,
    payload: &(dyn std::any::Any + Send),
) {
    let message = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_string());
    match id {
        Some(id) => tracing::error!(%method, %id, %message, "the request handler panicked"),
        None => tracing::error!(%method, %message, "the notification handler panicked"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hook_reads_where_and_which_method() {
        let hook = TestPanic::parse("blocking:textDocument/hover, async:textDocument/didChange");
        assert_eq!(hook.blocking.as_deref(), Some("textDocument/hover"));
        assert_eq!(hook.in_async.as_deref(), Some("textDocument/didChange"));
        assert_eq!(TestPanic::parse("nonsense"), TestPanic::default());
        // Unset, it never panics.
        TestPanic::default().in_handler("textDocument/hover");
        TestPanic::default().on_blocking_thread("textDocument/hover");
    }
}
