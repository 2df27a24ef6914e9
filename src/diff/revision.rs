//! A project as it was at a git revision: its files read with git itself (`git ls-tree`,
//! `git cat-file`) into a temporary directory that is removed when the snapshot is dropped —
//! after the comparison, on an error, or on a panic. The working tree is never touched.

use std::io::{Read, Write};
use std::path::{Component, Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::limits::MAX_FILE_BYTES;

/// Files read from the revision: the sources, `ctgc.yaml` and the YAML templates (articles).
const EXTENSIONS: &[&str] = &["ctg", "yaml", "yml"];

/// Why the project could not be read at the revision (git missing, unknown revision, a path
/// outside the repository…): its `Display` is the French message (exit code 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RevisionError(String);

impl std::fmt::Display for RevisionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for RevisionError {}

impl From<String> for RevisionError {
    fn from(message: String) -> Self {
        RevisionError(message)
    }
}

impl From<&str> for RevisionError {
    fn from(message: &str) -> Self {
        RevisionError(message.to_string())
    }
}

/// The old version of a project, in a temporary directory.
#[derive(Debug)]
pub(crate) struct Snapshot {
    root: PathBuf,
    /// The path to compile: the user's PATH, at the same place under the temporary directory.
    pub path: PathBuf,
    /// How to name this version: `REV:chemin`.
    pub label: String,
    /// No file of the project existed at that revision.
    pub absent: bool,
}

impl Drop for Snapshot {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

fn git(dir: &Path, args: &[&str]) -> Result<std::process::Output, RevisionError> {
    Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => {
                "git est introuvable : installez git pour utiliser --git".to_string()
            }
            _ => format!("impossible de lancer git : {}", crate::io_message(&e)),
        })
        .map_err(RevisionError)
}

fn stderr_line(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr)
        .lines()
        .next()
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// A fresh, empty temporary directory.
fn temp_dir() -> Result<PathBuf, RevisionError> {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    for _ in 0..100 {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let dir =
            std::env::temp_dir().join(format!("ctgc-diff-{}-{nanos}-{n}", std::process::id()));
        match std::fs::create_dir(&dir) {
            Ok(()) => return Ok(dir),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => {
                return Err(format!(
                    "impossible de créer un dossier temporaire : {}",
                    crate::io_message(&e)
                )
                .into());
            }
        }
    }
    Err("impossible de créer un dossier temporaire".into())
}

/// A path from `git ls-tree`, safe to join under the temporary directory.
fn safe_relative(p: &str) -> Option<PathBuf> {
    let path = Path::new(p);
    path.components()
        .all(|c| matches!(c, Component::Normal(_)))
        .then(|| path.to_path_buf())
}

/// Reads the project at PATH (a `.ctg` file or a project directory in the working tree) as it was at
/// revision `rev`.
pub(crate) fn snapshot(rev: &str, path: &Path) -> Result<Snapshot, RevisionError> {
    let meta = std::fs::metadata(path).map_err(|e| {
        format!(
            "impossible de lire « {} » : {}",
            path.display(),
            crate::io_message(&e)
        )
    })?;
    let dir = if meta.is_dir() {
        path.to_path_buf()
    } else {
        path.parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_path_buf()
    };
    let top = git(&dir, &["rev-parse", "--show-toplevel"])?;
    if !top.status.success() {
        return Err(format!("« {} » n'est pas dans un dépôt git", dir.display()).into());
    }
    let top = PathBuf::from(String::from_utf8_lossy(&top.stdout).trim());
    let commit = git(
        &top,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{rev}^{{commit}}"),
        ],
    )?;
    if !commit.status.success() {
        return Err(format!("révision « {rev} » introuvable dans le dépôt git").into());
    }
    let commit = String::from_utf8_lossy(&commit.stdout).trim().to_string();
    let canonical = |p: &Path| {
        p.canonicalize().map_err(|e| {
            format!(
                "impossible de lire « {} » : {}",
                p.display(),
                crate::io_message(&e)
            )
        })
    };
    let (top_c, path_c, dir_c) = (canonical(&top)?, canonical(path)?, canonical(&dir)?);
    let outside = || {
        format!(
            "« {} » est hors du dépôt git « {} »",
            path.display(),
            top.display()
        )
    };
    let rel_path = path_c
        .strip_prefix(&top_c)
        .map_err(|_| outside())?
        .to_path_buf();
    let rel_dir = dir_c
        .strip_prefix(&top_c)
        .map_err(|_| outside())?
        .to_path_buf();
    let rel_dir_text = rel_dir.to_string_lossy().replace('\\', "/");
    let label = if rel_path.as_os_str().is_empty() {
        rev.to_string()
    } else {
        format!("{rev}:{}", rel_path.to_string_lossy().replace('\\', "/"))
    };

    // The project's files at that commit.
    let mut args = vec!["ls-tree", "-r", "-z", "--full-tree", &commit];
    let pathspec = format!(":(literal){rel_dir_text}");
    if !rel_dir_text.is_empty() {
        args.extend(["--", &pathspec]);
    }
    let listing = git(&top, &args)?;
    if !listing.status.success() {
        return Err(format!("git ls-tree a échoué : {}", stderr_line(&listing)).into());
    }
    let mut files: Vec<(String, PathBuf)> = Vec::new();
    for entry in listing.stdout.split(|&b| b == 0).filter(|e| !e.is_empty()) {
        let entry = String::from_utf8_lossy(entry);
        let Some((meta, name)) = entry.split_once('\t') else {
            continue;
        };
        let fields: Vec<&str> = meta.split(' ').collect();
        // Regular files only: no symbolic links (120000), no submodules.
        let [mode, "blob", oid] = fields[..] else {
            continue;
        };
        if mode == "120000" || !EXTENSIONS.iter().any(|e| name.ends_with(&format!(".{e}"))) {
            continue;
        }
        if let Some(rel) = safe_relative(name) {
            files.push((oid.to_string(), rel));
        }
    }

    let root = temp_dir()?;
    let mut snap = Snapshot {
        path: root.join(&rel_path),
        root,
        label,
        absent: files.is_empty(),
    };
    if !files.is_empty() {
        write_blobs(&top, &files, &snap.root)?;
    }
    if !snap.path.exists() {
        snap.absent = true;
    }
    Ok(snap)
}

/// Writes the blobs under `root`, read in one `git cat-file --batch`.
fn write_blobs(top: &Path, files: &[(String, PathBuf)], root: &Path) -> Result<(), RevisionError> {
    let mut child = Command::new("git")
        .arg("-C")
        .arg(top)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("impossible de lancer git : {}", crate::io_message(&e)))?;
    let mut stdin = child.stdin.take().ok_or("git cat-file sans entrée")?;
    let request: String = files.iter().map(|(oid, _)| format!("{oid}\n")).collect();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(request.as_bytes());
    });
    let mut out = Vec::new();
    let read = child
        .stdout
        .take()
        .ok_or("git cat-file sans sortie")?
        .read_to_end(&mut out);
    let _ = writer.join();
    let status = child
        .wait()
        .map_err(|e| format!("git cat-file : {}", crate::io_message(&e)))?;
    if read.is_err() || !status.success() {
        return Err("git cat-file n'a pas pu lire les fichiers de la révision".into());
    }
    let mut at = 0;
    for (oid, rel) in files {
        let header_end = out[at..]
            .iter()
            .position(|&b| b == b'\n')
            .map(|i| at + i)
            .ok_or("réponse de git tronquée")?;
        let header = String::from_utf8_lossy(&out[at..header_end]).to_string();
        let size: usize = match header.split(' ').collect::<Vec<_>>()[..] {
            [o, "blob", size] if o == oid => {
                size.parse().map_err(|_| "réponse de git illisible")?
            }
            _ => return Err(format!("git n'a pas pu lire l'objet {oid}").into()),
        };
        let start = header_end + 1;
        let end = start + size;
        if end > out.len() {
            return Err("réponse de git tronquée".into());
        }
        if size as u64 > MAX_FILE_BYTES {
            return Err(format!(
                "« {} » dépasse {MAX_FILE_BYTES} octets dans la révision",
                rel.display()
            )
            .into());
        }
        let target = root.join(rel);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| {
                format!(
                    "impossible d'écrire dans le dossier temporaire : {}",
                    crate::io_message(&e)
                )
            })?;
        }
        std::fs::write(&target, &out[start..end]).map_err(|e| {
            format!(
                "impossible d'écrire dans le dossier temporaire : {}",
                crate::io_message(&e)
            )
        })?;
        at = end + 1;
    }
    Ok(())
}
