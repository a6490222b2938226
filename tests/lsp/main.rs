//! The language server in process: a harness that speaks LSP to the real
//! backend over in-memory pipes (`harness`), and one module per area of
//! the protocol. tests/lsp_stdio.rs runs the binary itself.

mod harness;
mod roadmaps;

mod agenda;
mod configuration;
mod diagnostics;
mod edits;
mod fixes;
mod formatting;
mod history;
mod lifecycle;
mod peers;
mod requests;
mod robustness;
mod sync;
