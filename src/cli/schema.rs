//! `roadmap-lsp schema`: prints the JSON Schema of the format, the same
//! text as the committed `schema/roadmap.schema.json`.

use std::io::{self, Write};
use std::process::ExitCode;

use super::{EXIT_CLEAN, EXIT_USAGE, Failure};
use crate::model::json_schema::roadmap_schema_text;

pub const AFTER_HELP: &str = "\
The schema (JSON Schema draft 7) lets TOML tools that do not run this server
validate and complete roadmaps: taplo, tombi, Even Better TOML. It is also
published in the repository as schema/roadmap.schema.json; see
docs/json-schema.md for each tool's setup.

Examples:
  roadmap-lsp schema > roadmap.schema.json";

pub fn run() -> ExitCode {
    let mut stdout = io::stdout().lock();
    match stdout
        .write_all(roadmap_schema_text().as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => ExitCode::from(EXIT_CLEAN),
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => ExitCode::from(EXIT_CLEAN),
        Err(error) => {
            Failure(format!(
                "cannot write the schema: {}",
                super::describe_io_error(&error)
            ))
            .print();
            ExitCode::from(EXIT_USAGE)
        }
    }
}
