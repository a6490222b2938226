//! The incremental checker against a whole analysis, edit after edit
//! (`edits`: cargo forbids a target named `incremental`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| roadmap_lsp::testing::fuzz::incremental(data));
