//! Helpers shared by the examples and benchmarks, not part of the API.

pub mod generate;
