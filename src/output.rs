//! Build outputs, written atomically.
//!
//! Every output is produced in memory first; only when all of them exist are they written, each
//! to a temporary file in its final directory, flushed, then renamed over the previous one. A
//! build that fails — or is interrupted — never leaves a truncated file nor overwrites the last
//! good output.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Component, Path, PathBuf};

/// One file of a build, held in memory until everything is ready.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Artifact {
    /// Path relative to the output directory: `versants-d-aime.pdf`, `site/index.html`.
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

impl Artifact {
    pub(crate) fn new(path: impl Into<PathBuf>, bytes: impl Into<Vec<u8>>) -> Self {
        Artifact {
            path: path.into(),
            bytes: bytes.into(),
        }
    }
}

/// Why an output could not be written: a French message for the user (exit code 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct WriteError(pub String);

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn io_error(what: &str, path: &Path, e: &std::io::Error) -> WriteError {
    WriteError(format!(
        "{what} « {} » : {}",
        path.display(),
        crate::io_message(e)
    ))
}

/// Writes every artifact under `dir` (created if needed) and returns their paths.
pub(crate) fn write_all(dir: &Path, artifacts: &[Artifact]) -> Result<Vec<PathBuf>, WriteError> {
    for a in artifacts {
        let relative = a
            .path
            .components()
            .all(|c| matches!(c, Component::Normal(_)));
        if !relative || a.path.as_os_str().is_empty() {
            return Err(WriteError(format!(
                "chemin de sortie « {} » refusé : il doit rester dans le dossier de sortie",
                a.path.display()
            )));
        }
    }
    fs::create_dir_all(dir).map_err(|e| io_error("impossible de créer le dossier", dir, &e))?;
    artifacts
        .iter()
        .map(|a| {
            let target = dir.join(&a.path);
            write_atomic(&target, &a.bytes)?;
            Ok(target)
        })
        .collect()
}

/// Writes `bytes` to `target` through a temporary file of the same directory and a rename: a
/// reader sees either the old file or the new one, never a part.
pub(crate) fn write_atomic(target: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&dir).map_err(|e| io_error("impossible de créer le dossier", &dir, &e))?;
    if target.is_dir() {
        return Err(WriteError(format!(
            "« {} » est un dossier : impossible d'y écrire la sortie",
            target.display()
        )));
    }
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "sortie".into());
    let (tmp, mut file) = temp_file(&dir, &name)?;
    let written = file
        .write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(|e| io_error("impossible d'écrire", &tmp, &e));
    drop(file);
    let renamed = written.and_then(|()| {
        fs::rename(&tmp, target).map_err(|e| io_error("impossible de remplacer", target, &e))
    });
    if renamed.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    renamed
}

/// Creates a new hidden temporary file next to the target (`.nom.pdf.1234.0.tmp`).
fn temp_file(dir: &Path, name: &str) -> Result<(PathBuf, File), WriteError> {
    let pid = std::process::id();
    let mut last = None;
    for attempt in 0..100u32 {
        let path = dir.join(format!(".{name}.{pid}.{attempt}.tmp"));
        match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(f) => return Ok((path, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => {
                return Err(io_error(
                    "impossible de créer un fichier temporaire dans",
                    dir,
                    &e,
                ));
            }
        }
    }
    let e = last.unwrap_or_else(|| std::io::Error::from(std::io::ErrorKind::AlreadyExists));
    Err(io_error(
        "impossible de créer un fichier temporaire dans",
        dir,
        &e,
    ))
}

/// Removes a file if it exists (a stale output of an earlier build). Errors are ignored: a file
/// that cannot be removed is only out of date.
pub(crate) fn remove_stale(path: &Path) {
    if path.is_file() {
        let _ = fs::remove_file(path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("ctgc-output-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn writes_and_replaces_without_leaving_temporaries() {
        let dir = scratch("replace");
        write_all(&dir, &[Artifact::new("a.pdf", b"un".to_vec())]).unwrap();
        write_all(
            &dir,
            &[
                Artifact::new("a.pdf", b"deux".to_vec()),
                Artifact::new("sous/b.html", b"b".to_vec()),
            ],
        )
        .unwrap();
        assert_eq!(fs::read(dir.join("a.pdf")).unwrap(), b"deux");
        assert_eq!(fs::read(dir.join("sous/b.html")).unwrap(), b"b");
        let names: Vec<String> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn refuses_paths_that_leave_the_directory() {
        let dir = scratch("escape");
        assert!(write_all(&dir, &[Artifact::new("../x.pdf", b"x".to_vec())]).is_err());
        assert!(write_all(&dir, &[Artifact::new("/tmp/x.pdf", b"x".to_vec())]).is_err());
        assert!(!dir.exists());
    }

    #[test]
    fn a_directory_in_the_way_is_an_error_and_the_old_file_stays() {
        let dir = scratch("dir");
        write_all(&dir, &[Artifact::new("a.pdf", b"bon".to_vec())]).unwrap();
        fs::create_dir_all(dir.join("b.pdf")).unwrap();
        assert!(write_atomic(&dir.join("b.pdf"), b"x").is_err());
        assert_eq!(fs::read(dir.join("a.pdf")).unwrap(), b"bon");
        fs::remove_dir_all(&dir).unwrap();
    }
}
