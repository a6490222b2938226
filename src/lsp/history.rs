//! Git histories for the server. They are read on a blocking thread after a
//! document opens, and looked at again after saves and every half minute,
//! never on a request's path: a request is answered with whatever history
//! the document's snapshot already has (none at first). Each file's history
//! is kept with the HEAD commit it was read at, and read again only when
//! HEAD moves. A roadmap outside a repository has none.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::history::History;
use crate::history::git::{self, Found};

/// How often (in ticks of the server's 2-second calendar loop) open
/// documents' repositories are looked at for a new HEAD.
pub const CHECK_EVERY_TICKS: u32 = 15;

#[derive(Debug, Default)]
pub struct Histories {
    by_file: Mutex<HashMap<PathBuf, Kept>>,
}

#[derive(Debug)]
struct Kept {
    /// HEAD when the history was read; `None` outside a repository.
    head: Option<String>,
    history: Option<Arc<History>>,
}

impl Histories {
    /// The history kept for `file`, without touching git.
    pub fn cached(&self, file: &Path) -> Option<Arc<History>> {
        let kept = self.lock();
        kept.get(file).and_then(|k| k.history.clone())
    }

    /// Reads `file`'s history again if HEAD moved since it was read (or it
    /// never was). Blocks on git: call it on a blocking thread. Returns the
    /// new history when it changed.
    pub fn refresh(&self, file: &Path) -> Option<Option<Arc<History>>> {
        let head = git::head_id(file);
        if let Some(kept) = self.lock().get(file)
            && kept.head == head
        {
            return None;
        }
        let history = match git::read(file) {
            Ok(Found::History(history)) => Some(Arc::new(history)),
            Ok(Found::NoRepository | Found::NoCommits) => None,
            Err(error) => {
                tracing::warn!(file = %file.display(), %error, "cannot read the git history");
                None
            }
        };
        tracing::debug!(file = %file.display(), ?head, revisions = history.as_ref().map(|h| h.revisions.len()), "history read");
        self.lock().insert(
            file.to_path_buf(),
            Kept {
                head,
                history: history.clone(),
            },
        );
        Some(history)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<PathBuf, Kept>> {
        self.by_file
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
