//! Helpers shared by the examples, benchmarks, tests and fuzz targets, not
//! part of the API.

pub mod frames;
pub mod fuzz;
pub mod generate;
pub mod git;
