//! The LSP frame decoder and message classifier in front of
//! tower-lsp-server.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| roadmap_lsp::testing::fuzz::frames(data));
