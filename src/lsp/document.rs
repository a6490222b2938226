//! Open documents: the text as a rope that takes incremental edits, and
//! immutable snapshots that requests read while edits go on.

use std::sync::{Arc, Mutex, OnceLock};

use chrono::NaiveDate;
use ropey::Rope;
use tower_lsp_server::ls_types::{TextDocumentContentChangeEvent, Uri};

use super::convert::{self, Encoding};
use super::publish;
use crate::analysis::Analysis;
use crate::config::Settings;
use crate::diagnostic::Diagnostic;
use crate::history::History;
use crate::host::{AnalysisHost, Edit};

/// One version of a document with what it is checked against. The
/// versions of a document share one incremental checker, which keeps the
/// analysis diagnostics and features both read; it is released when the
/// document has not been used for a while (see the server's
/// `keep_recent_analyses`), so that thousands of open roadmaps cost
/// little more than their text.
#[derive(Debug)]
pub struct Snapshot {
    pub uri: Uri,
    pub version: i32,
    /// For position conversion (a cheap, shared clone of the document's).
    pub rope: Rope,
    pub text: Arc<str>,
    pub settings: Arc<Settings>,
    pub today: NaiveDate,
    /// The roadmap's git history, once the server has read it.
    pub history: Option<Arc<History>>,
    /// The edit that made this text from the previous version's, as the
    /// editor said it; taken when the text is first checked.
    edit: Mutex<Option<(Arc<str>, Edit)>>,
    /// The document's diagnostics, kept from version to version so an
    /// edit reads again only the blocks it touches.
    checker: Arc<Mutex<Checker>>,
    diagnostics: OnceLock<Vec<Diagnostic>>,
}

/// What a document's versions share: its analysis host and the JSON of
/// its last publish.
#[derive(Debug, Default)]
struct Checker {
    host: AnalysisHost,
    published: publish::Cache,
}

impl Snapshot {
    /// The first version of a document.
    pub fn new(
        uri: Uri,
        version: i32,
        rope: Rope,
        text: Arc<str>,
        settings: Arc<Settings>,
        today: NaiveDate,
    ) -> Snapshot {
        Snapshot {
            uri,
            version,
            rope,
            text,
            settings,
            today,
            history: None,
            edit: Mutex::default(),
            checker: Arc::default(),
            diagnostics: OnceLock::new(),
        }
    }

    /// The next version of the same document, which `edit` (when the
    /// editor said where) made from this one's text.
    pub fn edited(&self, version: i32, rope: Rope, text: Arc<str>, edit: Option<Edit>) -> Snapshot {
        Snapshot {
            version,
            rope,
            text,
            edit: Mutex::new(edit.map(|edit| (Arc::clone(&self.text), edit))),
            ..self.rechecked(Arc::clone(&self.settings), self.today)
        }
    }

    /// The analysis features read: the one the incremental checker keeps,
    /// brought up to this version's text (the blocks an edit touched are
    /// read again; nothing is read twice for diagnostics and features).
    pub fn analysis(&self) -> Arc<Analysis> {
        self.checked().host.analysis()
    }

    /// Takes out what the document's checker keeps (its analysis, blocks
    /// and published JSON) for the caller to free; the next use reads the
    /// whole text again. Skipped while the checker is busy.
    pub fn release_analysis(&self) -> Option<Box<dyn Send>> {
        let mut checker = self.checker.try_lock().ok()?;
        checker.host.holds_text().then_some(())?;
        Some(Box::new(std::mem::take(&mut *checker)))
    }

    /// The diagnostics, as [`Snapshot::analysis`] has them; computed from
    /// the previous version's where they can be.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        self.diagnostics
            .get_or_init(|| self.checked().host.diagnostics())
    }

    /// The `publishDiagnostics` notification of this version, as bytes:
    /// the groups the edit did not change are copied from the last one.
    pub fn publish_notification(&self, encoding: Encoding) -> Vec<u8> {
        let mut checker = self.checked();
        let Checker { host, published } = &mut *checker;
        let groups = host.groups();
        let templates = published.templates(encoding, &groups, |group| {
            let diagnostics = host.group_diagnostics(group);
            let lines = |offset| host.line_at(offset);
            publish::Template::new(
                &self.uri,
                &self.rope,
                &self.text,
                &lines,
                encoding,
                group,
                &diagnostics,
            )
        });
        // Written without the checker: a feature's request need not wait.
        drop(checker);
        publish::notification(&self.uri, Some(self.version), &groups, &templates)
    }

    /// The checker, holding this version's text and settings.
    fn checked(&self) -> std::sync::MutexGuard<'_, Checker> {
        let mut checker = self.checker.lock().unwrap_or_else(|poisoned| {
            // A panic while updating may have left it half done.
            let mut checker = poisoned.into_inner();
            *checker = Checker::default();
            checker
        });
        let told = self
            .edit
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .take();
        checker.host.update(
            &self.text,
            told.as_ref().map(|(before, edit)| (before, *edit)),
            self.today,
            &self.settings,
            self.history.as_ref(),
        );
        tracing::debug!(uri = self.uri.as_str(), version = self.version, update = ?checker.host.last, "checked");
        checker
    }

    /// The same text checked against other settings or another day.
    pub fn rechecked(&self, settings: Arc<Settings>, today: NaiveDate) -> Snapshot {
        Snapshot {
            uri: self.uri.clone(),
            version: self.version,
            rope: self.rope.clone(),
            text: Arc::clone(&self.text),
            settings,
            today,
            history: self.history.clone(),
            edit: Mutex::default(),
            checker: Arc::clone(&self.checker),
            diagnostics: OnceLock::new(),
        }
    }

    /// The same text checked with another git history.
    pub fn with_history(&self, history: Option<Arc<History>>) -> Snapshot {
        Snapshot {
            history,
            ..self.rechecked(Arc::clone(&self.settings), self.today)
        }
    }
}

/// An open document.
#[derive(Debug)]
pub struct Document {
    pub rope: Rope,
    pub snapshot: Arc<Snapshot>,
    /// An edit could not be applied: the editor's text is no longer known,
    /// so edits relative to it are not applied on top of the last good
    /// text either; only a whole-text change (or reopening) brings the
    /// document back.
    pub out_of_sync: bool,
    /// The user was told that an edit was lost (once per document).
    pub warned: bool,
}

impl Document {
    pub fn new(rope: Rope, snapshot: Arc<Snapshot>) -> Document {
        Document {
            rope,
            snapshot,
            out_of_sync: false,
            warned: false,
        }
    }
}

/// Why a `didChange` was refused (and the document left as it was).
#[derive(Debug, PartialEq, Eq)]
pub enum ChangeError {
    OutOfRange(String),
    /// The text would grow past what spans can address.
    TooLarge(usize),
}

impl std::fmt::Display for ChangeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ChangeError::OutOfRange(why) => write!(f, "{why}"),
            ChangeError::TooLarge(len) => write!(
                f,
                "the document would be {len} bytes, over the limit of {} bytes",
                crate::span::MAX_TEXT
            ),
        }
    }
}

/// The rope's text in one shared allocation, copied once (not through a
/// `String` first, which copies it twice).
pub fn shared_text(rope: &Rope) -> Arc<str> {
    let len = rope.len_bytes();
    let mut bytes = Arc::<[u8]>::new_uninit_slice(len);
    let Some(slots) = Arc::get_mut(&mut bytes) else {
        // Unreachable (a new Arc has no other owner); copy twice instead.
        return Arc::from(rope.to_string());
    };
    let mut at = 0;
    for chunk in rope.chunks() {
        let end = at + chunk.len();
        // The chunks add up to `len`; a rope that lied would panic here,
        // caught as any handler panic, rather than write out of bounds.
        let target = &mut slots[at..end];
        // SAFETY: `target` and `chunk` are both `chunk.len()` bytes long
        // and cannot overlap (one was just allocated).
        unsafe {
            std::ptr::copy_nonoverlapping(
                chunk.as_ptr(),
                target.as_mut_ptr().cast::<u8>(),
                chunk.len(),
            );
        }
        at = end;
    }
    assert_eq!(at, len, "the rope's chunks cover its length");
    // SAFETY: every byte was written above.
    let bytes = unsafe { bytes.assume_init() };
    // SAFETY: the bytes are the rope's chunks in order, which are `str`s,
    // so together they are UTF-8; `str` and `[u8]` share a layout.
    unsafe { Arc::from_raw(Arc::into_raw(bytes) as *const str) }
}

/// Applies `changes` in order to a copy of `rope` and returns it, with
/// where the text changed when every change had a range; or the first
/// change that does not fit: then nothing is applied at all.
pub fn apply_changes(
    rope: &Rope,
    changes: &[TextDocumentContentChangeEvent],
    encoding: Encoding,
) -> Result<(Rope, Option<Edit>), ChangeError> {
    let mut edited = rope.clone();
    let mut covered: Option<Option<Edit>> = None;
    for change in changes {
        let Some(range) = change.range else {
            edited = Rope::from_str(&change.text);
            covered = Some(None);
            continue;
        };
        let grown = edited.len_bytes() + change.text.len();
        if grown > crate::span::MAX_TEXT {
            return Err(ChangeError::TooLarge(grown));
        }
        let span = convert::span(&edited, range, encoding)
            .map_err(|error| ChangeError::OutOfRange(error.to_string()))?;
        let start = edited.byte_to_char(span.start());
        let end = edited.byte_to_char(span.end());
        edited.remove(start..end);
        edited.insert(start, &change.text);
        let edit = Edit {
            start: span.start(),
            old_end: span.end(),
            new_end: span.start() + change.text.len(),
        };
        covered = Some(match covered {
            None => Some(edit),
            Some(before) => before.map(|before| before.then(edit)),
        });
    }
    Ok((edited, covered.flatten()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp_server::ls_types::{Position, Range};

    fn change(range: ((u32, u32), (u32, u32)), text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(
                Position::new(range.0.0, range.0.1),
                Position::new(range.1.0, range.1.1),
            )),
            range_length: None,
            text: text.to_string(),
        }
    }

    #[test]
    fn edits_apply_in_order_in_either_encoding() {
        let rope = Rope::from_str("title = \"🚀 go\"\r\nid = 1\r\n");
        // UTF-16: 🚀 is two units, so "go" starts at column 12.
        let edited = apply_changes(
            &rope,
            &[
                change(((0, 12), (0, 14)), "ship"),
                change(((1, 5), (1, 6)), "2"),
            ],
            Encoding::Utf16,
        );
        assert_eq!(
            edited.map(|(r, edit)| (r.to_string(), edit)),
            Ok((
                "title = \"🚀 ship\"\r\nid = 2\r\n".to_string(),
                // Bytes 14..16 ("go") became "ship", then "1" (24..25
                // before, 26..27 after the first change) became "2":
                // together 14..25 became 14..27.
                Some(Edit {
                    start: 14,
                    old_end: 25,
                    new_end: 27
                })
            ))
        );
        // UTF-8: 🚀 is four bytes, so "go" starts at column 14.
        let edited = apply_changes(&rope, &[change(((0, 14), (0, 16)), "ship")], Encoding::Utf8);
        assert_eq!(
            edited.map(|(r, _)| r.to_string()),
            Ok("title = \"🚀 ship\"\r\nid = 1\r\n".to_string())
        );
    }

    #[test]
    fn shared_text_is_the_rope_text() {
        let mut rope = Rope::from_str(&"🚀 漢字 title = \"x\"\r\n".repeat(5_000));
        rope.insert(7, "inserted");
        let text = shared_text(&rope);
        assert_eq!(&*text, rope.to_string());
        assert!(rope.chunks().count() > 1, "the text spans several chunks");
        assert_eq!(&*shared_text(&Rope::new()), "");
    }

    #[test]
    fn a_bad_change_applies_nothing() {
        let rope = Rope::from_str("a\nb\n");
        let result = apply_changes(
            &rope,
            &[change(((0, 0), (0, 1)), "x"), change(((9, 0), (9, 1)), "y")],
            Encoding::Utf16,
        );
        assert!(matches!(result, Err(ChangeError::OutOfRange(_))));
        assert_eq!(rope.to_string(), "a\nb\n");
    }
}
