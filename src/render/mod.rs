//! Rendering: the checked model → a target-neutral view (`view`) → Typst (`typst`) or HTML
//! (`html`) through minijinja templates, by one engine parameterised by target (`engine`).
//! Templates are embedded; a project's template directory overrides any of them by file name.

pub mod engine;
pub mod html;
pub mod logos;
pub mod typst;
pub mod view;

use std::path::{Path, PathBuf};

pub use engine::{Engine, Target, TemplateError};

/// Finds templates: the project's directory first, then the built-in set.
#[derive(Debug, Clone)]
pub struct Templates {
    dir: Option<PathBuf>,
}

impl Templates {
    pub fn new(dir: Option<PathBuf>) -> Self {
        Templates { dir }
    }

    /// The source of template `name`, and where it came from (for error messages).
    pub fn get(&self, name: &str) -> Option<(String, String)> {
        if let Some(dir) = &self.dir {
            let p = dir.join(name);
            if let Ok(text) = std::fs::read_to_string(&p) {
                return Some((text, p.display().to_string()));
            }
        }
        crate::templates::EMBEDDED
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(n, t)| (t.to_string(), format!("{n} (modèle intégré)")))
    }

    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }
}
