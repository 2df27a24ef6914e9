//! The set is replaced whole or not at all: failures are injected into the disk operations
//! (a disk that fills up after some bytes, a rename that fails) rather than filling a real disk.

use std::cell::Cell;
use std::io::ErrorKind;

use super::lock::LOCK_FILE;
use super::*;

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ctgc-output-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    dir
}

/// The names in DIR, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn set(pdf: &str, html: &str) -> Vec<Artifact> {
    vec![
        Artifact::new("a.pdf", pdf.as_bytes()),
        Artifact::new("a.typ", format!("source de {pdf}")),
        Artifact::new("a.html", html.as_bytes()),
    ]
}

fn read(dir: &Path, name: &str) -> String {
    fs::read_to_string(dir.join(name)).unwrap()
}

/// A disk that is full after `budget` bytes, and whose rename number `failing` (from 0) fails.
struct Faulty {
    budget: Cell<u64>,
    renames: Cell<usize>,
    failing: Vec<usize>,
}

impl Faulty {
    fn full_after(budget: u64) -> Faulty {
        Faulty {
            budget: Cell::new(budget),
            renames: Cell::new(0),
            failing: Vec::new(),
        }
    }

    fn renames_failing(failing: Vec<usize>) -> Faulty {
        Faulty {
            budget: Cell::new(u64::MAX),
            renames: Cell::new(0),
            failing,
        }
    }
}

impl Disk for Faulty {
    fn write(&self, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
        let room = self.budget.get().min(bytes.len() as u64) as usize;
        self.budget.set(self.budget.get() - room as u64);
        Os.write(path, &bytes[..room])?;
        if room < bytes.len() {
            return Err(ErrorKind::StorageFull.into());
        }
        Ok(())
    }

    fn keep(&self, from: &Path, to: &Path) -> std::io::Result<()> {
        Os.keep(from, to)
    }

    fn rename(&self, from: &Path, to: &Path) -> std::io::Result<()> {
        let n = self.renames.get();
        self.renames.set(n + 1);
        if self.failing.contains(&n) {
            return Err(std::io::Error::other("panne simulée"));
        }
        Os.rename(from, to)
    }
}

#[test]
fn writes_and_replaces_without_leaving_temporaries() {
    let dir = scratch("replace");
    let none = Protected::default();
    write_all(&dir, &[Artifact::new("a.pdf", b"un".to_vec())], &[], &none).unwrap();
    let written = write_all(
        &dir,
        &[
            Artifact::new("a.pdf", b"deux".to_vec()),
            Artifact::new("sous/b.html", b"b".to_vec()),
        ],
        &[],
        &none,
    )
    .unwrap();
    assert_eq!(written, [dir.join("a.pdf"), dir.join("sous/b.html")]);
    assert_eq!(fs::read(dir.join("a.pdf")).unwrap(), b"deux");
    assert_eq!(fs::read(dir.join("sous/b.html")).unwrap(), b"b");
    assert_eq!(names(&dir), [LOCK_FILE, "a.pdf", "sous"]);
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn refuses_paths_that_leave_the_directory() {
    let dir = scratch("escape");
    let none = Protected::default();
    for path in ["../x.pdf", "/tmp/x.pdf", ""] {
        assert!(write_all(&dir, &[Artifact::new(path, b"x".to_vec())], &[], &none).is_err());
    }
    assert!(!dir.exists());
}

#[test]
fn a_directory_in_the_way_is_an_error_and_the_old_file_stays() {
    let dir = scratch("dir");
    let none = Protected::default();
    write_all(&dir, &[Artifact::new("a.pdf", b"bon".to_vec())], &[], &none).unwrap();
    fs::create_dir_all(dir.join("b.pdf")).unwrap();
    let both = [
        Artifact::new("a.pdf", b"x".to_vec()),
        Artifact::new("b.pdf", b"x".to_vec()),
    ];
    assert!(write_all(&dir, &both, &[], &none).is_err());
    assert_eq!(fs::read(dir.join("a.pdf")).unwrap(), b"bon");
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_full_disk_between_two_outputs_leaves_the_previous_set() {
    let dir = scratch("full");
    let none = Protected::default();
    write_all(&dir, &set("pdf 1", "html 1"), &[], &none).unwrap();
    // Room for the new PDF and part of the .typ: the disk fills up between two outputs.
    let disk = Faulty::full_after(8);
    let err = write_set(&disk, &dir, &set("pdf 2", "html 2"), &[], &none).unwrap_err();
    assert!(err.0.contains("disque plein"), "{err}");
    assert!(err.0.contains("a.typ"), "names the file: {err}");
    assert!(
        err.0.ends_with("les documents précédents sont intacts"),
        "{err}"
    );
    assert_eq!(read(&dir, "a.pdf"), "pdf 1");
    assert_eq!(read(&dir, "a.typ"), "source de pdf 1");
    assert_eq!(read(&dir, "a.html"), "html 1");
    assert_eq!(names(&dir), [LOCK_FILE, "a.html", "a.pdf", "a.typ"]);
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_rename_that_fails_midway_puts_the_previous_set_back() {
    let dir = scratch("rename");
    let none = Protected::default();
    write_all(&dir, &[Artifact::new("a.pdf", "pdf 1")], &[], &none).unwrap();
    // The PDF is replaced, the new .typ added, then the HTML's rename fails.
    let disk = Faulty::renames_failing(vec![2]);
    let err = write_set(&disk, &dir, &set("pdf 2", "html 2"), &[], &none).unwrap_err();
    assert!(err.0.contains("panne simulée"), "{err}");
    assert_eq!(read(&dir, "a.pdf"), "pdf 1");
    assert_eq!(
        names(&dir),
        [LOCK_FILE, "a.pdf"],
        "the new .typ, which had no previous version, is removed"
    );
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn previous_files_that_cannot_be_put_back_are_named() {
    let dir = scratch("stuck");
    let none = Protected::default();
    write_all(&dir, &set("pdf 1", "html 1"), &[], &none).unwrap();
    // Every rename after the first fails, putting back included.
    let disk = Faulty::renames_failing((1..10).collect());
    let err = write_set(&disk, &dir, &set("pdf 2", "html 2"), &[], &none).unwrap_err();
    let kept = names(&dir)
        .into_iter()
        .find(|n| n.starts_with(STAGING_PREFIX))
        .expect("the staging directory is kept");
    assert!(err.0.contains(&kept), "{err}");
    assert_eq!(read(&dir.join(&kept).join("old"), "0"), "pdf 1");
    // The next build clears it (and only what ctgc names so) and writes a whole set.
    fs::create_dir_all(dir.join(".ctgc-staging.notes")).unwrap();
    write_all(&dir, &set("pdf 3", "html 3"), &[], &none).unwrap();
    assert_eq!(
        names(&dir),
        [LOCK_FILE, ".ctgc-staging.notes", "a.html", "a.pdf", "a.typ"]
    );
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn obsolete_outputs_go_but_protected_files_stay() {
    let dir = scratch("protected");
    fs::create_dir_all(dir.join("modeles")).unwrap();
    fs::write(dir.join("a.echec.typ"), "ancien").unwrap();
    fs::write(dir.join("source.html"), "convention \"x\"").unwrap();
    fs::write(dir.join("modeles/a.html"), "{{ x }}").unwrap();
    let mut protected = Protected::default();
    protected.file(&dir.join("source.html"));
    protected.dir(dir.join("modeles").canonicalize().unwrap());
    for (out, name) in [
        (dir.clone(), "source.html"),
        (dir.join("modeles"), "a.html"),
    ] {
        let err = write_all(&out, &[Artifact::new(name, "page")], &[], &protected).unwrap_err();
        assert!(err.0.contains("ne le remplace jamais"), "{err}");
    }
    assert_eq!(read(&dir, "source.html"), "convention \"x\"");
    assert_eq!(read(&dir, "modeles/a.html"), "{{ x }}");
    let obsolete = [PathBuf::from("a.echec.typ"), PathBuf::from("source.html")];
    write_all(
        &dir,
        &[Artifact::new("a.pdf", "pdf")],
        &obsolete,
        &protected,
    )
    .unwrap();
    assert!(!dir.join("a.echec.typ").exists());
    assert_eq!(read(&dir, "source.html"), "convention \"x\"");
    fs::remove_dir_all(&dir).unwrap();
}

#[cfg(unix)]
#[test]
fn a_link_to_a_protected_file_is_not_written_through() {
    let dir = scratch("link");
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("convention.ctg"), "source").unwrap();
    std::os::unix::fs::symlink(dir.join("convention.ctg"), dir.join("a.html")).unwrap();
    let mut protected = Protected::default();
    protected.file(&dir.join("convention.ctg"));
    assert!(write_all(&dir, &[Artifact::new("a.html", "page")], &[], &protected).is_err());
    assert_eq!(read(&dir, "convention.ctg"), "source");
    fs::remove_dir_all(&dir).unwrap();
}
