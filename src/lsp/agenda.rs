//! `workspace/executeCommand` `roadmap.agenda`: the agenda of every
//! roadmap under the workspace folders (or the folders and files given as
//! arguments), as Markdown. Open documents are read from the editor, so
//! unsaved edits count; the others from disk.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use serde_json::Value;
use tower_lsp_server::ls_types::Uri;

use super::document::Snapshot;
use crate::agenda::{Agenda, Source};
use crate::analysis::{Analysis, analyze};
use crate::config::Settings;
use crate::workspace::walk;

/// The command's name, advertised in `executeCommandProvider`.
pub const COMMAND: &str = "roadmap.agenda";

/// Where the agenda looks: each argument is a `file://` URI or a path of
/// a roadmap or a folder; without arguments, the workspace folders.
pub fn roots(arguments: &[Value], workspace: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    if arguments.is_empty() {
        return Ok(workspace.to_vec());
    }
    let mut roots = Vec::new();
    for argument in arguments {
        let items = match argument {
            Value::Array(items) => items.iter().collect(),
            single => vec![single],
        };
        for item in items {
            let Some(text) = item.as_str() else {
                return Err(format!(
                    "{COMMAND} takes file URIs or paths (strings); got {item}"
                ));
            };
            let path = if text.starts_with("file:") {
                text.parse::<Uri>()
                    .ok()
                    .and_then(|uri| uri.to_file_path().map(|p| p.into_owned()))
                    .ok_or_else(|| format!("{COMMAND}: {text} is not a file URI"))?
            } else {
                PathBuf::from(text)
            };
            roots.push(path);
        }
    }
    Ok(roots)
}

/// The agenda as Markdown, each item linked to its line.
pub fn markdown(roots: &[PathBuf], open: &[Arc<Snapshot>], today: NaiveDate) -> String {
    let canonical =
        |path: &Path| std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let open_by_path: HashMap<PathBuf, &Arc<Snapshot>> = open
        .iter()
        .filter_map(|s| Some((canonical(&s.uri.to_file_path()?), s)))
        .collect();

    let mut read: Vec<Read> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let settings = Settings::default();
    let found = walk::collect(roots);
    for target in &found.targets {
        let path = canonical(&target.path);
        if !seen.insert(path.clone()) {
            continue;
        }
        let shown = shown_name(&path, roots);
        let link = Uri::from_file_path(&path)
            .map(|uri| uri.as_str().to_string())
            .unwrap_or_default();
        let text = match open_by_path.get(&path) {
            Some(snapshot) => Text::Open(Arc::clone(snapshot), snapshot.analysis()),
            None => {
                let Ok(text) = crate::workspace::read_regular_text(&target.path) else {
                    continue;
                };
                let analysis = analyze(&text, today, &settings);
                Text::Disk(text, Box::new(analysis))
            }
        };
        read.push(Read { shown, link, text });
    }
    // Open roadmaps outside the folders (or without any folder) count too.
    for snapshot in open {
        let path = snapshot.uri.to_file_path().map(|p| canonical(&p));
        if path.as_ref().is_some_and(|p| seen.contains(p)) {
            continue;
        }
        let shown = path.as_ref().map_or_else(
            || snapshot.uri.as_str().to_string(),
            |p| shown_name(p, roots),
        );
        read.push(Read {
            shown,
            link: snapshot.uri.as_str().to_string(),
            text: Text::Open(Arc::clone(snapshot), snapshot.analysis()),
        });
    }
    let links: HashMap<&str, &str> = read
        .iter()
        .map(|r| (r.shown.as_str(), r.link.as_str()))
        .collect();
    let agenda = Agenda::new(
        today,
        read.iter().map(|r| {
            let (text, analysis) = r.text.parts();
            Source {
                file: &r.shown,
                text,
                analysis,
            }
        }),
    );
    agenda.markdown(&|item| {
        links
            .get(item.file.as_str())
            .filter(|link| !link.is_empty())
            .map(|link| format!("{link}#L{}", item.line))
    })
}

/// One roadmap of the agenda: its name as shown, the URI its items link
/// to, and its text with the analysis of it.
struct Read {
    shown: String,
    link: String,
    text: Text,
}

enum Text {
    /// Open in the editor: the snapshot's text and analysis.
    Open(Arc<Snapshot>, Arc<Analysis>),
    /// Read from disk and analysed here.
    Disk(String, Box<Analysis>),
}

impl Text {
    fn parts(&self) -> (&str, &Analysis) {
        match self {
            Text::Open(snapshot, analysis) => (&snapshot.text, analysis),
            Text::Disk(text, analysis) => (text, analysis),
        }
    }
}

/// A path relative to the root it was found under, else as it is.
fn shown_name(path: &Path, roots: &[PathBuf]) -> String {
    roots
        .iter()
        .filter_map(|root| {
            let root = std::fs::canonicalize(root).ok()?;
            let base = if root.is_file() {
                root.parent()?.to_path_buf()
            } else {
                root
            };
            path.strip_prefix(&base).ok().map(Path::to_path_buf)
        })
        .min_by_key(|relative| relative.components().count())
        .unwrap_or_else(|| path.to_path_buf())
        .display()
        .to_string()
}
