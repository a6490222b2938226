//! Finds the `roadmap-lsp.toml` that governs each roadmap and loads each
//! one once, however many roadmaps share it, so that its own problems are
//! reported once and it is parsed once.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::rc::Rc;

use crate::config::{Settings, find_config_file, load_config_file};

use super::Failure;
use super::output::CheckedFile;

/// What looking up a roadmap's configuration produced.
pub struct Lookup {
    pub settings: Rc<Settings>,
    /// Set the first time a configuration file is seen: either the file,
    /// to report its diagnostics, or why it could not be read.
    pub first_seen: Option<Result<CheckedFile, Failure>>,
}

pub struct Configs {
    loaded: HashMap<PathBuf, Rc<Settings>>,
    defaults: Rc<Settings>,
    cwd: Option<PathBuf>,
}

impl Configs {
    pub fn new() -> Self {
        Configs {
            loaded: HashMap::new(),
            defaults: Rc::new(Settings::default()),
            cwd: std::env::current_dir().ok(),
        }
    }

    /// The settings for the roadmap at `roadmap`. `absolute_display` says
    /// whether the user named that roadmap by an absolute path, in which
    /// case the configuration is named the same way.
    pub fn lookup(&mut self, roadmap: &Path, absolute_display: bool) -> Lookup {
        let Some(config_path) = find_config_file(roadmap) else {
            return Lookup {
                settings: Rc::clone(&self.defaults),
                first_seen: None,
            };
        };
        if let Some(settings) = self.loaded.get(&config_path) {
            return Lookup {
                settings: Rc::clone(settings),
                first_seen: None,
            };
        }
        let display = self.display(&config_path, absolute_display);
        let (settings, first_seen) = match load_config_file(&config_path) {
            Ok(config) => (
                Rc::new(config.settings),
                Ok(CheckedFile::config(
                    display,
                    config.text,
                    config.diagnostics,
                )),
            ),
            // The roadmap is still checked, with defaults; the exit status
            // records that the configuration was not applied.
            Err(error) => (
                Rc::clone(&self.defaults),
                Err(Failure::io(&display, &error)),
            ),
        };
        self.loaded.insert(config_path, Rc::clone(&settings));
        Lookup {
            settings,
            first_seen: Some(first_seen),
        }
    }

    /// Configuration files are found as absolute paths; reports name them
    /// relative to the working directory like every other path, unless the
    /// user works with absolute paths.
    fn display(&self, config_path: &Path, absolute_display: bool) -> String {
        match &self.cwd {
            Some(cwd) if !absolute_display => relative_path(config_path, cwd)
                .unwrap_or_else(|| config_path.to_path_buf())
                .display()
                .to_string(),
            _ => config_path.display().to_string(),
        }
    }
}

/// `path` relative to the folder `base`, both absolute; `None` when they
/// share no root (another drive on Windows).
fn relative_path(path: &Path, base: &Path) -> Option<PathBuf> {
    let path: Vec<Component> = path.components().collect();
    let base: Vec<Component> = base.components().collect();
    let common = path.iter().zip(&base).take_while(|(a, b)| a == b).count();
    if common == 0 {
        return None;
    }
    let mut relative = PathBuf::new();
    for _ in &base[common..] {
        relative.push("..");
    }
    for component in &path[common..] {
        relative.push(component.as_os_str());
    }
    Some(relative)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_climb_with_dot_dot() {
        let root = if cfg!(windows) { "C:\\" } else { "/" };
        let repo = Path::new(root).join("repo");
        let config = repo.join("roadmap-lsp.toml");
        assert_eq!(
            relative_path(&config, &repo),
            Some(PathBuf::from("roadmap-lsp.toml"))
        );
        assert_eq!(
            relative_path(&config, &repo.join("team").join("alex")),
            Some(Path::new("..").join("..").join("roadmap-lsp.toml"))
        );
        assert_eq!(
            relative_path(&repo.join("team").join("roadmap-lsp.toml"), &repo),
            Some(Path::new("team").join("roadmap-lsp.toml"))
        );
    }
}
