//! Git repositories built commit by commit with dates of the test's
//! choosing, through gitoxide (no `git` executable needed), for the tests
//! of the history.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use gix::ObjectId;
use gix::objs::tree::EntryKind;

/// A repository whose work tree follows the last commit.
pub struct Repo {
    repo: gix::Repository,
    /// The files of the next commit, by path.
    files: BTreeMap<String, String>,
    head: Option<ObjectId>,
}

impl Repo {
    /// A new repository with a work tree at `dir`.
    pub fn init(dir: &Path) -> Repo {
        let repo = gix::init(dir).expect("a repository can be created");
        Repo {
            repo,
            files: BTreeMap::new(),
            head: None,
        }
    }

    pub fn workdir(&self) -> PathBuf {
        self.repo.workdir().expect("a work tree").to_path_buf()
    }

    /// Sets a file's content for the next commit, and in the work tree.
    pub fn write(&mut self, path: &str, text: &str) -> &mut Repo {
        let on_disk = self.workdir().join(path);
        if let Some(parent) = on_disk.parent() {
            std::fs::create_dir_all(parent).expect("folders can be created");
        }
        std::fs::write(on_disk, text).expect("the file can be written");
        self.files.insert(path.to_string(), text.to_string());
        self
    }

    /// Removes a file from the next commit and the work tree.
    pub fn remove(&mut self, path: &str) -> &mut Repo {
        let _ = std::fs::remove_file(self.workdir().join(path));
        self.files.remove(path);
        self
    }

    /// Commits the files as they are, authored and committed on `date`
    /// (`YYYY-MM-DD`) at noon UTC; returns the commit id.
    pub fn commit(&mut self, date: &str, message: &str) -> String {
        let day = crate::dates::parse_date(date).expect("a date");
        let seconds = day
            .and_hms_opt(12, 0, 0)
            .expect("noon exists")
            .and_utc()
            .timestamp();
        let mut editor = self
            .repo
            .edit_tree(ObjectId::empty_tree(self.repo.object_hash()))
            .expect("an empty tree");
        for (path, text) in &self.files {
            let blob = self.repo.write_blob(text.as_bytes()).expect("a blob");
            editor
                .upsert(path.as_str(), EntryKind::Blob, blob.detach())
                .expect("an entry");
        }
        let tree = editor.write().expect("a tree").detach();
        let signature = gix::actor::Signature {
            name: "Alex Doe".into(),
            email: "alex@example.com".into(),
            time: gix::date::Time::new(seconds, 0),
        };
        let mut buf = gix::date::parse::TimeBuf::default();
        let mut buf2 = gix::date::parse::TimeBuf::default();
        let id = self
            .repo
            .commit_as(
                signature.to_ref(&mut buf),
                signature.to_ref(&mut buf2),
                "HEAD",
                message,
                tree,
                self.head,
            )
            .expect("a commit")
            .detach();
        self.head = Some(id);
        id.to_string()
    }
}
