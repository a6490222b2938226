//! Reads a roadmap's [`History`] from the git repository around it, with
//! gitoxide: no `git` executable is needed, and nothing is written.
//!
//! The walk follows HEAD's first parents (the line of commits a branch
//! went through, merges counted once, when they landed) and records each
//! commit whose copy of the file differs from its parent's. When the file
//! appears in a commit, the parent's `.toml` files that the commit removed
//! are looked at: one with the same content, else the most similar one
//! (at least half of its lines, as git's default rename threshold), is
//! the file under its old name, and the walk goes on with that name.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate};
use gix::ObjectId;

use super::{History, Revision, read_goals};

/// What reading the history found.
#[derive(Debug)]
pub enum Found {
    /// The file is not inside a git work tree.
    NoRepository,
    /// The repository has no commit yet.
    NoCommits,
    History(History),
}

/// Git's default rename threshold: half the lines in common.
const RENAME_SIMILARITY: f64 = 0.5;

/// The id of the commit HEAD points to in the repository around `file`,
/// or `None` outside a repository or before the first commit. Cheap: what
/// the server compares before reading a history again.
pub fn head_id(file: &Path) -> Option<String> {
    let repo = gix::discover(folder_of(file)).ok()?;
    repo.workdir()?;
    repo.head_id().ok().map(|id| id.to_string())
}

/// Reads the history of `file` (which need not exist on disk any more: its
/// place in the work tree names it).
pub fn read(file: &Path) -> Result<Found, String> {
    let folder = folder_of(file);
    let Ok(repo) = gix::discover(&folder) else {
        return Ok(Found::NoRepository);
    };
    let Some(workdir) = repo.workdir() else {
        return Ok(Found::NoRepository);
    };
    let Some(relative) = relative_path(workdir, file) else {
        return Ok(Found::NoRepository);
    };
    let Ok(head) = repo.head_commit() else {
        return Ok(Found::NoCommits);
    };
    let mut history = History {
        path: relative.clone(),
        head: Some(head.id().to_string()),
        revisions: Vec::new(),
        shallow: false,
    };
    // A shallow clone's boundary: commits whose parents were not fetched.
    let boundary: Vec<ObjectId> = repo
        .shallow_commits()
        .ok()
        .flatten()
        .map(|commits| commits.iter().copied().collect())
        .unwrap_or_default();
    let mut commit = head;
    let mut path = relative;
    loop {
        let tree = commit.tree().map_err(|e| e.to_string())?;
        let Some(blob) = blob_at(&tree, &path)? else {
            break;
        };
        let parent = match commit.parent_ids().next() {
            Some(_) if boundary.contains(&commit.id) => {
                history.shallow = true;
                None
            }
            Some(id) => match repo.try_find_object(id.detach()) {
                Ok(Some(object)) => Some(object.try_into_commit().map_err(|e| e.to_string())?),
                // A parent the repository does not have: a shallow clone's
                // boundary (or a damaged one); the history stops here.
                _ => {
                    history.shallow = true;
                    None
                }
            },
            None => None,
        };
        let parent_tree = match &parent {
            Some(parent) => Some(parent.tree().map_err(|e| e.to_string())?),
            None => None,
        };
        let mut before = match &parent_tree {
            Some(tree) => blob_at(tree, &path)?.map(|id| (id, path.clone())),
            None => None,
        };
        if before.is_none()
            && let Some(parent_tree) = &parent_tree
        {
            before = renamed_from(&repo, parent_tree, &tree, blob)?;
        }
        if before.as_ref().is_none_or(|(id, _)| *id != blob) {
            history
                .revisions
                .push(revision(&repo, &commit, blob, &path)?);
        }
        match (parent, before) {
            (Some(parent), Some((_, old_path))) => {
                commit = parent;
                path = old_path;
            }
            _ => break,
        }
    }
    history.revisions.reverse();
    Ok(Found::History(history))
}

fn folder_of(file: &Path) -> PathBuf {
    let parent = file.parent().filter(|p| !p.as_os_str().is_empty());
    let folder = parent.map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    folder.canonicalize().unwrap_or(folder)
}

/// `file`'s path inside `workdir`, `/`-separated.
fn relative_path(workdir: &Path, file: &Path) -> Option<String> {
    let workdir = workdir.canonicalize().ok()?;
    let folder = folder_of(file);
    let name = file.file_name()?;
    let inside = folder.strip_prefix(&workdir).ok()?.join(name);
    let parts: Option<Vec<&str>> = inside
        .components()
        .map(|c| c.as_os_str().to_str())
        .collect();
    Some(parts?.join("/"))
}

/// The blob at `path` in `tree`, if it is a file there.
fn blob_at(tree: &gix::Tree<'_>, path: &str) -> Result<Option<ObjectId>, String> {
    let entry = tree
        .lookup_entry(path.split('/'))
        .map_err(|e| e.to_string())?;
    Ok(entry
        .filter(|entry| entry.mode().is_blob())
        .map(|entry| entry.object_id()))
}

/// The file `child`'s new file was, in `parent`, under another name.
fn renamed_from(
    repo: &gix::Repository,
    parent: &gix::Tree<'_>,
    child: &gix::Tree<'_>,
    blob: ObjectId,
) -> Result<Option<(ObjectId, String)>, String> {
    let files = parent
        .traverse()
        .breadthfirst
        .files()
        .map_err(|e| e.to_string())?;
    let mut removed = Vec::new();
    for entry in files {
        let Ok(path) = std::str::from_utf8(&entry.filepath) else {
            continue;
        };
        if !entry.mode.is_blob() || !path.ends_with(".toml") {
            continue;
        }
        if blob_at(child, path)?.is_none() {
            if entry.oid == blob {
                return Ok(Some((entry.oid, path.to_string())));
            }
            removed.push((entry.oid, path.to_string()));
        }
    }
    if removed.is_empty() {
        return Ok(None);
    }
    let new_text = blob_text(repo, blob)?;
    let mut best: Option<(f64, ObjectId, String)> = None;
    for (oid, path) in removed {
        let score = similarity(&new_text, &blob_text(repo, oid)?);
        if score >= RENAME_SIMILARITY && best.as_ref().is_none_or(|(s, ..)| score > *s) {
            best = Some((score, oid, path));
        }
    }
    Ok(best.map(|(_, oid, path)| (oid, path)))
}

/// The share of lines two texts have in common (each line counted as
/// often as both have it), of the longer one's.
fn similarity(a: &str, b: &str) -> f64 {
    let mut counts: std::collections::HashMap<&str, i64> = std::collections::HashMap::new();
    for line in a.lines() {
        *counts.entry(line.trim_end()).or_default() += 1;
    }
    let mut common = 0;
    for line in b.lines() {
        if let Some(count) = counts.get_mut(line.trim_end())
            && *count > 0
        {
            *count -= 1;
            common += 1;
        }
    }
    let longest = a.lines().count().max(b.lines().count());
    if longest == 0 {
        return 1.0;
    }
    f64::from(common) / longest as f64
}

fn blob_text(repo: &gix::Repository, id: ObjectId) -> Result<String, String> {
    let blob = repo.find_blob(id).map_err(|e| e.to_string())?;
    Ok(String::from_utf8_lossy(&blob.data).into_owned())
}

fn revision(
    repo: &gix::Repository,
    commit: &gix::Commit<'_>,
    blob: ObjectId,
    path: &str,
) -> Result<Revision, String> {
    let author = commit.author().map_err(|e| e.to_string())?;
    let time = author.time().map_err(|e| e.to_string())?;
    let date = local_date(time.seconds, time.offset)
        .ok_or_else(|| format!("commit {} has an impossible date", commit.id()))?;
    let summary = commit
        .message()
        .map(|m| m.summary().to_string())
        .unwrap_or_default();
    let (goals, progress) = read_goals(&blob_text(repo, blob)?);
    Ok(Revision {
        commit: commit.id().to_string(),
        date,
        path: path.to_string(),
        summary,
        goals,
        progress,
    })
}

/// The calendar day at `seconds` since the epoch, `offset` seconds east of
/// UTC.
fn local_date(seconds: i64, offset: i32) -> Option<NaiveDate> {
    let local = seconds.checked_add(i64::from(offset))?;
    Some(DateTime::from_timestamp(local, 0)?.date_naive())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similarity_counts_shared_lines() {
        assert_eq!(similarity("a\nb\nc\nd", "a\nb\nc\nd"), 1.0);
        assert_eq!(similarity("a\nb\nc\nd", "a\nb\nx\ny"), 0.5);
        assert_eq!(similarity("a\na\n", "a\n"), 0.5);
        assert_eq!(similarity("", ""), 1.0);
    }

    #[test]
    fn dates_are_the_authors_local_day() {
        // 2026-01-01T23:30:00Z is already the 2nd in UTC+1, still the 1st
        // in UTC-5.
        let seconds = 1_767_310_200;
        assert_eq!(local_date(seconds, 3600).unwrap().to_string(), "2026-01-02");
        assert_eq!(
            local_date(seconds, -5 * 3600).unwrap().to_string(),
            "2026-01-01"
        );
    }
}
