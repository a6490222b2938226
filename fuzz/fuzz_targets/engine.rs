//! Parse, model, checks, every editor feature at fuzzer-chosen offsets, and
//! the fixes for every diagnostic (see `roadmap_lsp::testing::fuzz`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| roadmap_lsp::testing::fuzz::engine(data));
