//! Byte offset ↔ LSP position round trips in UTF-8 and UTF-16.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| roadmap_lsp::testing::fuzz::positions(data));
