//! The files a roadmap lives among, as the CLI and the server both read
//! them.

use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::path::Path;

/// The bytes of the regular file at `path`. A FIFO, socket or device is
/// refused without blocking: the file is opened non-blocking (a FIFO with
/// no writer would otherwise wait forever) and its type checked on the
/// open handle, so a file swapped in between cannot slip through.
pub fn read_regular_file(path: &Path) -> io::Result<Vec<u8>> {
    let mut file = open_non_blocking(path)?;
    let metadata = file.metadata()?;
    if metadata.is_dir() {
        return Err(io::Error::new(io::ErrorKind::IsADirectory, "is a folder"));
    }
    if !metadata.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not a regular file (a FIFO, socket or device)",
        ));
    }
    // Spans are 32-bit: a larger file is refused, not read wrong.
    let limit = crate::span::MAX_TEXT as u64;
    if metadata.len() > limit {
        return Err(too_large());
    }
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    // A file that grows while read stops at the limit too.
    (&mut file).take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_large());
    }
    Ok(bytes)
}

fn too_large() -> io::Error {
    io::Error::new(
        io::ErrorKind::FileTooLarge,
        "larger than 4 GiB, more than a roadmap can be",
    )
}

/// [`read_regular_file`] as UTF-8 text.
pub fn read_regular_text(path: &Path) -> io::Result<String> {
    String::from_utf8(read_regular_file(path)?)
        .map_err(|error| io::Error::new(io::ErrorKind::InvalidData, error.utf8_error()))
}

#[cfg(unix)]
fn open_non_blocking(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_non_blocking(path: &Path) -> io::Result<File> {
    OpenOptions::new().read(true).open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn special_files_are_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("x.roadmap.toml");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        let error = read_regular_file(&fifo).unwrap_err();
        assert!(error.to_string().contains("not a regular file"), "{error}");
        let link = dir.path().join("link.roadmap.toml");
        std::os::unix::fs::symlink(&fifo, &link).unwrap();
        assert!(read_regular_file(&link).is_err());
        assert!(read_regular_file(dir.path()).is_err());
        assert!(read_regular_file(Path::new("/dev/zero")).is_err());
    }

    #[test]
    fn regular_files_are_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.roadmap.toml");
        std::fs::write(&path, "[roadmap]\n").unwrap();
        assert_eq!(read_regular_text(&path).unwrap(), "[roadmap]\n");
    }

    #[test]
    fn files_past_what_spans_address_are_refused_unread() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("huge.roadmap.toml");
        // Sparse: 4 GiB and one byte, written in no time and taking no disk.
        let file = std::fs::File::create(&path).unwrap();
        file.set_len(crate::span::MAX_TEXT as u64 + 1).unwrap();
        let error = read_regular_file(&path).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::FileTooLarge);
        assert!(error.to_string().contains("larger than 4 GiB"), "{error}");
    }
}

pub mod walk;

/// The OS's wording without Rust's ` (os error 2)` suffix, which means
/// nothing to someone who mistyped a file name.
pub fn describe_io_error(error: &io::Error) -> String {
    let text = error.to_string();
    match text.rfind(" (os error ") {
        Some(at) if text.ends_with(')') => text[..at].to_string(),
        _ => text,
    }
}
