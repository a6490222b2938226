//! Writing files without losing any: every command that writes goes
//! through here.
//!
//! - A file appears whole or not at all: the bytes go to a temporary file
//!   in the destination's folder, which is then renamed over it.
//! - A derived file (a report, a calendar) never replaces what the command
//!   read, nor any roadmap: the destination is compared with the inputs
//!   after resolving links, and by file identity, so `./a`, an absolute
//!   path, a symbolic link and a hard link to the input are all caught.
//! - Only regular files are replaced: a folder, a FIFO or a device at the
//!   destination is refused before anything is opened.
//! - A roadmap is replaced only by its own formatted text
//!   ([`rewrite_in_place`], for `fmt`), and only if unchanged since read.

use std::ffi::OsString;
use std::fs::{self, File, Metadata, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

use super::Failure;
use super::walk::ROADMAP_SUFFIX;
use crate::escape::terminal as escape_terminal;

/// Writes a file derived from `inputs` (a report, a calendar) to `path`,
/// replacing a regular file there. Refuses, with one line saying why, when
/// `path` is one of `inputs` or is named like a roadmap.
pub(crate) fn write_output(path: &Path, bytes: &[u8], inputs: &[&Path]) -> Result<(), Failure> {
    let shown = escape_terminal(&path.display().to_string()).into_owned();
    let destination = resolve(path, &shown)?;
    if is_roadmap_name(path) || is_roadmap_name(&destination.path) {
        return Err(Failure(format!(
            "{shown}: refusing to write over a roadmap file (*{ROADMAP_SUFFIX}); choose another output name"
        )));
    }
    if let Some(existing) = &destination.existing {
        for input in inputs {
            if same_file(existing, &destination.path, input) {
                return Err(Failure(format!(
                    "{shown}: is the input {}; refusing to write over it",
                    escape_terminal(&input.display().to_string())
                )));
            }
        }
    }
    replace(&destination, bytes).map_err(|error| Failure::io(&shown, &error))
}

/// Writes a new file at `path`. An existing file is kept unless `force`
/// is given, even one created while this runs.
pub(crate) fn write_new(path: &Path, bytes: &[u8], force: bool) -> Result<(), Failure> {
    let shown = escape_terminal(&path.display().to_string()).into_owned();
    let exists = || {
        Failure(format!(
            "{shown} already exists; pass --force to replace it"
        ))
    };
    if !force && fs::symlink_metadata(path).is_ok() {
        return Err(exists());
    }
    let destination = resolve(path, &shown)?;
    let written = if force {
        replace(&destination, bytes)
    } else {
        create(&destination, bytes)
    };
    written.map_err(|error| match error.kind() {
        io::ErrorKind::AlreadyExists => exists(),
        _ => Failure::io(&shown, &error),
    })
}

/// Rewrites the roadmap at `path`, whose text was `read`, with `bytes`
/// (`fmt`): the one writer allowed to replace a roadmap, since the new
/// text is the file's own, reformatted. Through a temporary file in the
/// same folder renamed over it, keeping its permissions; a symbolic link
/// is followed and kept; anything but an existing regular file is
/// refused, and so is a file that changed since it was read (an editor
/// saved it meanwhile).
pub(crate) fn rewrite_in_place(path: &Path, read: &[u8], bytes: &[u8]) -> Result<(), Failure> {
    let shown = escape_terminal(&path.display().to_string()).into_owned();
    let destination = resolve(path, &shown)?;
    if destination.existing.is_none() {
        return Err(Failure(format!("{shown}: no longer exists; not written")));
    }
    let now = crate::workspace::read_regular_file(&destination.path)
        .map_err(|error| Failure::io(&shown, &error))?;
    if now != read {
        return Err(Failure(format!(
            "{shown}: changed while it was being formatted; left as it is now"
        )));
    }
    replace(&destination, bytes).map_err(|error| Failure::io(&shown, &error))
}

/// Where the bytes will land: the file a link points to, not the link.
struct Destination {
    path: PathBuf,
    /// What is there now, if anything (always a regular file).
    existing: Option<Metadata>,
}

fn resolve(path: &Path, shown: &str) -> Result<Destination, Failure> {
    let link = match fs::symlink_metadata(path) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == io::ErrorKind::NotFound => {
            return Ok(Destination {
                path: path.to_path_buf(),
                existing: None,
            });
        }
        Err(error) => return Err(Failure::io(shown, &error)),
    };
    let (path, metadata) = if link.file_type().is_symlink() {
        // Writing through a link updates the file it points to, as every
        // editor does; a link to nothing is not guessed at.
        let target = fs::canonicalize(path).map_err(|_| {
            Failure(format!(
                "{shown}: is a symbolic link to a file that does not exist"
            ))
        })?;
        let metadata = fs::metadata(&target).map_err(|error| Failure::io(shown, &error))?;
        (target, metadata)
    } else {
        (path.to_path_buf(), link)
    };
    if metadata.is_dir() {
        return Err(Failure(format!("{shown}: is a folder, not a file")));
    }
    if !metadata.is_file() {
        return Err(Failure(format!(
            "{shown}: is not a regular file (a FIFO, socket or device); refusing to write to it"
        )));
    }
    Ok(Destination {
        path,
        existing: Some(metadata),
    })
}

fn is_roadmap_name(path: &Path) -> bool {
    path.file_name().is_some_and(|name| {
        name.to_string_lossy()
            .to_ascii_lowercase()
            .ends_with(ROADMAP_SUFFIX)
    })
}

/// Whether `input` is the file at `destination`: the same inode, or
/// (where identities cannot be read) the same canonical path.
fn same_file(existing: &Metadata, destination: &Path, input: &Path) -> bool {
    let Ok(input_metadata) = fs::metadata(input) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let _ = destination;
        existing.dev() == input_metadata.dev() && existing.ino() == input_metadata.ino()
    }
    #[cfg(not(unix))]
    {
        let _ = (existing, input_metadata);
        match (fs::canonicalize(destination), fs::canonicalize(input)) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        }
    }
}

/// Replaces the destination with `bytes` through a renamed temporary file,
/// keeping the permissions of the file it replaces.
fn replace(destination: &Destination, bytes: &[u8]) -> io::Result<()> {
    let temp = TempFile::write(&destination.path, bytes)?;
    if let Some(existing) = &destination.existing {
        fs::set_permissions(&temp.path, existing.permissions())?;
    }
    fs::rename(&temp.path, &destination.path)?;
    temp.forget();
    Ok(())
}

/// Creates the destination with `bytes`, failing with `AlreadyExists` if
/// anything is there by the time the file is put in place.
fn create(destination: &Destination, bytes: &[u8]) -> io::Result<()> {
    let temp = TempFile::write(&destination.path, bytes)?;
    // A hard link fails if the destination exists, which closes the gap
    // between looking and writing; without hard links, look once more.
    match fs::hard_link(&temp.path, &destination.path) {
        Ok(()) => Ok(()),
        Err(error) if error.kind() == io::ErrorKind::AlreadyExists => Err(error),
        Err(_) if fs::symlink_metadata(&destination.path).is_err() => {
            fs::rename(&temp.path, &destination.path)?;
            temp.forget();
            Ok(())
        }
        Err(error) => Err(error),
    }
}

/// A temporary file beside the destination, removed unless it was renamed.
struct TempFile {
    path: PathBuf,
    keep: bool,
}

impl TempFile {
    fn write(destination: &Path, bytes: &[u8]) -> io::Result<TempFile> {
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let folder = match destination.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        let mut name = OsString::from(".");
        name.push(destination.file_name().unwrap_or_default());
        name.push(format!(
            ".{}.{}.tmp",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        let path = folder.join(name);
        let mut temp = TempFile { path, keep: false };
        let mut file: File = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp.path)
            .inspect_err(|_| temp.keep = true)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        Ok(temp)
    }

    /// The file was renamed into place: nothing to remove.
    fn forget(mut self) {
        self.keep = true;
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if !self.keep {
            let _ = fs::remove_file(&self.path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(path: &Path) -> String {
        fs::read_to_string(path).unwrap()
    }

    fn leftovers(dir: &Path) -> Vec<String> {
        fs::read_dir(dir)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| name.ends_with(".tmp"))
            .collect()
    }

    #[test]
    fn an_output_replaces_a_regular_file_whole() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("a.report.html");
        fs::write(&out, "old").unwrap();
        write_output(&out, b"new", &[]).unwrap();
        assert_eq!(read(&out), "new");
        assert_eq!(leftovers(dir.path()), Vec::<String>::new());
    }

    #[test]
    fn the_input_is_never_an_output_by_any_name() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("plan.toml");
        fs::write(&input, "[roadmap]\n").unwrap();
        let hard = dir.path().join("hard.html");
        fs::hard_link(&input, &hard).unwrap();
        let mut names = vec![
            input.clone(),
            dir.path().join(".").join("plan.toml"),
            hard.clone(),
        ];
        #[cfg(unix)]
        {
            let soft = dir.path().join("soft.html");
            std::os::unix::fs::symlink(&input, &soft).unwrap();
            names.push(soft);
        }
        for name in names {
            let refused = write_output(&name, b"<html>", &[&input]).unwrap_err();
            assert!(refused.0.contains("refusing"), "{name:?}: {}", refused.0);
        }
        assert_eq!(read(&input), "[roadmap]\n");
    }

    #[test]
    fn no_roadmap_is_ever_a_derived_output() {
        let dir = tempfile::tempdir().unwrap();
        let other = dir.path().join("Other.Roadmap.TOML");
        let refused = write_output(&other, b"x", &[]).unwrap_err();
        assert!(refused.0.contains("roadmap file"), "{}", refused.0);
        assert!(!other.exists());
        #[cfg(unix)]
        {
            let roadmap = dir.path().join("b.roadmap.toml");
            fs::write(&roadmap, "x").unwrap();
            let link = dir.path().join("out.html");
            std::os::unix::fs::symlink(&roadmap, &link).unwrap();
            assert!(write_output(&link, b"<html>", &[]).is_err());
            assert_eq!(read(&roadmap), "x");
        }
    }

    #[cfg(unix)]
    #[test]
    fn special_files_are_refused_before_they_are_opened() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("out.html");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        let refused = write_output(&fifo, b"x", &[]).unwrap_err();
        assert!(refused.0.contains("not a regular file"), "{}", refused.0);
        let refused = write_output(dir.path(), b"x", &[]).unwrap_err();
        assert!(refused.0.contains("folder"), "{}", refused.0);
    }

    #[cfg(unix)]
    #[test]
    fn a_link_is_written_through_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("real.html");
        fs::write(&target, "old").unwrap();
        let link = dir.path().join("link.html");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        write_output(&link, b"new", &[]).unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(read(&target), "new");
    }

    #[test]
    fn a_roadmap_is_rewritten_in_place_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.roadmap.toml");
        fs::write(&path, "id=1\n").unwrap();
        rewrite_in_place(&path, b"id=1\n", b"id = 1\n").unwrap();
        assert_eq!(read(&path), "id = 1\n");
        assert_eq!(leftovers(dir.path()), Vec::<String>::new());
    }

    #[test]
    fn a_rewrite_refuses_a_file_changed_since_it_was_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.roadmap.toml");
        fs::write(&path, "saved by the editor\n").unwrap();
        let refused = rewrite_in_place(&path, b"as read\n", b"formatted\n").unwrap_err();
        assert!(refused.0.contains("changed"), "{}", refused.0);
        assert_eq!(read(&path), "saved by the editor\n");
        let gone = dir.path().join("gone.roadmap.toml");
        let refused = rewrite_in_place(&gone, b"x", b"y").unwrap_err();
        assert!(refused.0.contains("no longer exists"), "{}", refused.0);
        assert!(!gone.exists());
    }

    #[cfg(unix)]
    #[test]
    fn a_rewrite_keeps_permissions_and_links_and_refuses_special_files() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("real.roadmap.toml");
        fs::write(&target, "old").unwrap();
        fs::set_permissions(&target, fs::Permissions::from_mode(0o640)).unwrap();
        let link = dir.path().join("link.roadmap.toml");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        rewrite_in_place(&link, b"old", b"new").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(read(&target), "new");
        let mode = fs::metadata(&target).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o640);

        let fifo = dir.path().join("pipe.roadmap.toml");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        let refused = rewrite_in_place(&fifo, b"", b"x").unwrap_err();
        assert!(refused.0.contains("not a regular file"), "{}", refused.0);
        let refused = rewrite_in_place(dir.path(), b"", b"x").unwrap_err();
        assert!(refused.0.contains("folder"), "{}", refused.0);
        assert_eq!(leftovers(dir.path()), Vec::<String>::new());
    }

    #[test]
    fn a_new_file_never_replaces_one_without_force() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.roadmap.toml");
        write_new(&path, b"first", false).unwrap();
        let refused = write_new(&path, b"second", false).unwrap_err();
        assert!(refused.0.contains("--force"), "{}", refused.0);
        assert_eq!(read(&path), "first");
        write_new(&path, b"third", true).unwrap();
        assert_eq!(read(&path), "third");
        assert_eq!(leftovers(dir.path()), Vec::<String>::new());
    }
}
