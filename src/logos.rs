//! Signatories' logos, one set of rules for `ctgc check` and for the documents: a logo is a file
//! of the project, written as a path relative to the project directory (`./` and `..` allowed
//! while the path, as written, stays inside; no symbolic link out), in a format the PDF can
//! include — told by its extension and confirmed by its content —, read through the project's
//! world.

use std::path::{Path, PathBuf};

use crate::project::{Project, Refusal, Root};
use crate::world::{self, FileError, Kind, ReadError, World};

/// An image format the PDF includes.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Format {
    /// As the user names it: `PNG`, `JPEG`…
    pub name: &'static str,
    pub mime: &'static str,
    extensions: &'static [&'static str],
}

/// The formats typst includes.
pub(crate) static FORMATS: [Format; 5] = [
    Format {
        name: "PNG",
        mime: "image/png",
        extensions: &["png"],
    },
    Format {
        name: "JPEG",
        mime: "image/jpeg",
        extensions: &["jpg", "jpeg"],
    },
    Format {
        name: "GIF",
        mime: "image/gif",
        extensions: &["gif"],
    },
    Format {
        name: "WebP",
        mime: "image/webp",
        extensions: &["webp"],
    },
    Format {
        name: "SVG",
        mime: "image/svg+xml",
        extensions: &["svg"],
    },
];

/// Beyond this size a logo is left out of the HTML page, which embeds it (it stays in the PDF).
pub(crate) const MAX_EMBEDDED_BYTES: u64 = 2 * 1024 * 1024;

/// How many bytes tell a format from another.
const HEAD_BYTES: u64 = 4096;

/// A logo file of the project.
#[derive(Debug)]
pub(crate) struct Logo {
    /// Canonical path, inside the project.
    pub path: PathBuf,
    pub format: &'static Format,
}

/// Why a logo cannot be used: `ctgc check` reports each as a diagnostic, a document leaves the
/// logo out with a warning.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Problem {
    Absolute,
    /// The path leads nowhere.
    Missing(FileError),
    /// A directory, a device…
    NotAFile,
    Outside,
    /// The extension, lowercased (empty without one).
    UnknownFormat(String),
    /// The content is not of the format the extension names.
    Content(&'static Format),
    /// Too large to embed in the HTML page: its size.
    TooLarge(u64),
    Unreadable(FileError),
}

/// Finds the logo written FILE (as in `logo "logos/caf.svg" "…"`) in the project, by the rules
/// above, its content not yet read.
pub(crate) fn locate(world: &dyn World, project: &Project, file: &str) -> Result<Logo, Problem> {
    locate_in(world, &Root::of(project), file)
}

/// Finds the logo written FILE below ROOT (the project, or the Caf's model directory), by the
/// same rules.
pub(crate) fn locate_in(world: &dyn World, root: &Root, file: &str) -> Result<Logo, Problem> {
    // The path as written must stay inside by itself: the PDF's typst reads a copy of the logo
    // at that path in a directory of its own (`build::sandbox`), where a `..` out leads nowhere.
    let canonical = root
        .find(world, Path::new(file))
        .map_err(|refusal| match refusal {
            Refusal::Absolute => Problem::Absolute,
            Refusal::Climbs | Refusal::Outside => Problem::Outside,
            Refusal::Missing(e) => Problem::Missing(e),
        })?;
    if !world
        .metadata(&canonical)
        .is_ok_and(|m| m.kind == Kind::File)
    {
        return Err(Problem::NotAFile);
    }
    let extension = extension(file);
    let format = FORMATS
        .iter()
        .find(|f| f.extensions.contains(&extension.as_str()))
        .ok_or(Problem::UnknownFormat(extension))?;
    Ok(Logo {
        path: canonical,
        format,
    })
}

/// The extension of a written path, lowercased; empty without one.
pub(crate) fn extension(file: &str) -> String {
    Path::new(file)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default()
}

impl Logo {
    /// Whether the file starts as an image of its format does.
    pub(crate) fn check_content(&self, world: &dyn World) -> Result<(), Problem> {
        let head = world.read(&self.path, HEAD_BYTES).unwrap_or_default();
        self.matches(&head)
    }

    /// The whole file, for embedding: at most `MAX_EMBEDDED_BYTES`, of its format.
    pub(crate) fn read(&self, world: &dyn World) -> Result<Vec<u8>, Problem> {
        self.read_at_most(world, MAX_EMBEDDED_BYTES)
    }

    /// The whole file, at most MAX bytes, of its format.
    pub(crate) fn read_at_most(&self, world: &dyn World, max: u64) -> Result<Vec<u8>, Problem> {
        let bytes = world::read_limited(world, &self.path, max).map_err(|e| match e {
            ReadError::TooLarge(size) => Problem::TooLarge(size),
            ReadError::File(e) => Problem::Unreadable(e),
        })?;
        self.matches(&bytes)?;
        Ok(bytes)
    }

    fn matches(&self, head: &[u8]) -> Result<(), Problem> {
        let ok = match self.format.name {
            "PNG" => head.starts_with(b"\x89PNG\r\n\x1a\n"),
            "JPEG" => head.starts_with(b"\xff\xd8\xff"),
            "GIF" => head.starts_with(b"GIF87a") || head.starts_with(b"GIF89a"),
            "WebP" => head.len() >= 12 && head.starts_with(b"RIFF") && &head[8..12] == b"WEBP",
            // Compressed (svgz) or text with an `<svg` element within the first bytes.
            "SVG" => {
                head.starts_with(b"\x1f\x8b")
                    || memchr::memmem::find(&head[..head.len().min(HEAD_BYTES as usize)], b"<svg")
                        .is_some()
            }
            _ => false,
        };
        if ok {
            Ok(())
        } else {
            Err(Problem::Content(self.format))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::world::MemoryWorld;

    fn project() -> Project {
        Project {
            dir: PathBuf::from("."),
            root: PathBuf::from(MemoryWorld::ROOT),
            main: PathBuf::from("convention.ctg"),
            config_file: None,
        }
    }

    #[test]
    fn paths_stay_in_the_project() {
        let world = MemoryWorld::new()
            .with("logos/caf.svg", "<svg/>")
            .with("logos/caf.bmp", "BM")
            .with("/ailleurs/caf.svg", "<svg/>");
        let p = project();
        for ok in ["logos/caf.svg", "./logos/caf.svg", "logos/../logos/caf.svg"] {
            let logo = locate(&world, &p, ok).unwrap();
            assert_eq!(logo.path, PathBuf::from("/projet/logos/caf.svg"), "{ok}");
            assert_eq!(logo.read(&world), Ok(b"<svg/>".to_vec()));
        }
        assert_eq!(
            locate(&world, &p, "/projet/logos/caf.svg").err(),
            Some(Problem::Absolute)
        );
        assert_eq!(
            locate(&world, &p, "../ailleurs/caf.svg").err(),
            Some(Problem::Outside)
        );
        assert_eq!(locate(&world, &p, "logos").err(), Some(Problem::NotAFile));
        assert_eq!(
            locate(&world, &p, "logos/absent.svg").err(),
            Some(Problem::Missing(FileError::NotFound))
        );
        assert_eq!(
            locate(&world, &p, "logos/caf.bmp").err(),
            Some(Problem::UnknownFormat("bmp".into()))
        );
    }

    #[test]
    fn content_and_size_are_checked() {
        let big = [
            b"\x89PNG\r\n\x1a\n".as_slice(),
            &vec![0; MAX_EMBEDDED_BYTES as usize],
        ]
        .concat();
        let world = MemoryWorld::new()
            .with("faux.png", "<svg/>")
            .with("gros.png", big.clone());
        let p = project();
        let faux = locate(&world, &p, "faux.png").unwrap();
        assert_eq!(
            faux.check_content(&world),
            Err(Problem::Content(&FORMATS[0]))
        );
        let gros = locate(&world, &p, "gros.png").unwrap();
        assert_eq!(gros.check_content(&world), Ok(()));
        assert_eq!(gros.read(&world), Err(Problem::TooLarge(big.len() as u64)));
    }
}
