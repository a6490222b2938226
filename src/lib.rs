//! roadmap-lsp: checks `.roadmap.toml` career and work roadmaps for SMART
//! goals.
//!
//! The crate is layered like rust-analyzer's ide/lsp split: [`syntax`] turns
//! text into a tolerant tree (it never fails), [`model`] reads the roadmap out
//! of that tree, [`checks`] are pure functions of (model, today, config), and
//! [`analysis`] ties them together. The CLI ([`cli`]) and the language server
//! only convert positions and types around [`analysis`].

pub mod agenda;
pub mod analysis;
pub mod calendar;
pub mod checks;
pub mod cli;
pub mod config;
pub mod dates;
pub mod diagnostic;
pub mod escape;
pub mod format;
pub mod history;
pub mod host;
pub mod ide;
pub mod language;
pub mod line_index;
pub mod lsp;
pub mod model;
pub(crate) mod progress;
pub mod report;
pub mod rules;
pub mod span;
pub mod suggest;
pub mod suppress;
pub mod syntax;
#[doc(hidden)]
pub mod testing;
pub mod workspace;

pub use analysis::{Analysis, analyze, analyze_with_history};
pub use diagnostic::Diagnostic;
pub use rules::{Rule, Severity};
pub use span::Span;
