//! The outputs of the examples, byte for byte: every example's Typst source, HTML page, JSON
//! export and PDF (by its SHA-256), the same for each of its avenants' and bilans' documents, and
//! the three formats of the diff of the three planted changes, compared with the files in
//! `tests/golden/`.
//! A change of any generated document is then always a deliberate one, reviewed in the commit
//! that regenerates them:
//!
//! ```sh
//! CTGC_UPDATE_GOLDEN=1 cargo test --test golden
//! ```
//!
//! Needs the pinned typst (`scripts/ensure-tools typst`): the PDF is reproducible only with it.

mod support;
use support::EXAMPLES;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use sha2::{Digest, Sha256};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn ctgc(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ctgc"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .env_remove("SOURCE_DATE_EPOCH")
        .env_remove("CTGC_TYPST")
        .output()
        .expect("ctgc runs")
}

fn updating() -> bool {
    std::env::var_os("CTGC_UPDATE_GOLDEN").is_some_and(|v| !v.is_empty())
}

/// Compares ACTUAL with the golden file REL (or rewrites it); returns a line describing a
/// difference, if any.
fn compare(rel: &str, actual: &[u8]) -> Option<String> {
    let path = root().join("tests/golden").join(rel);
    if updating() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return None;
    }
    let expected = std::fs::read(&path).unwrap_or_default();
    if expected == actual {
        return None;
    }
    let line = expected
        .split(|&b| b == b'\n')
        .zip(actual.split(|&b| b == b'\n'))
        .position(|(a, b)| a != b)
        .map_or_else(
            || "in length".to_string(),
            |l| format!("from line {}", l + 1),
        );
    Some(format!(
        "{rel} differs {line} (written to {})",
        keep(rel, actual).display()
    ))
}

/// Keeps what was produced beside the test's temporary files, for a `diff` by hand.
fn keep(rel: &str, actual: &[u8]) -> PathBuf {
    let path = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("golden-actual")
        .join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, actual).unwrap();
    path
}

fn sha256(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("{hex}\n")
}

fn assert_no_difference(differences: Vec<String>) {
    assert!(
        differences.is_empty(),
        "the generated documents changed:\n  {}\n\
         if intended: CTGC_UPDATE_GOLDEN=1 cargo test --test golden, then review the diff",
        differences.join("\n  ")
    );
}

#[test]
fn examples_build_to_the_golden_documents() {
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("golden-build");
    let _ = std::fs::remove_dir_all(&out);
    let mut differences = Vec::new();
    for name in EXAMPLES {
        let project = root().join("conventions").join(name);
        let dir = out.join(name);
        let o = ctgc(
            &[
                "build",
                project.to_str().unwrap(),
                "-o",
                dir.to_str().unwrap(),
            ],
            &root(),
        );
        assert_eq!(
            o.status.code(),
            Some(0),
            "{name}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        // `ctgc build` writes a bilan for every year that has one: exactly those of the list.
        let mut bilans: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(|e| {
                let file = e.unwrap().file_name().to_string_lossy().into_owned();
                file.strip_suffix(".pdf")
                    .filter(|d| d.contains("-bilan-") || d.contains("-evaluation-finale-"))
                    .map(str::to_string)
            })
            .collect();
        bilans.sort();
        assert_eq!(
            bilans,
            support::bilan_documents(name),
            "{name}: bilans built"
        );
        // The convention's documents, then each avenant's, then each bilan's.
        for doc in support::documents(name)
            .into_iter()
            .chain(support::bilan_documents(name))
        {
            for ext in ["typ", "html"] {
                let bytes = std::fs::read(dir.join(format!("{doc}.{ext}"))).expect("document");
                differences.extend(compare(&format!("{name}/{doc}.{ext}"), &bytes));
            }
            let pdf = std::fs::read(dir.join(format!("{doc}.pdf"))).expect("PDF");
            differences.extend(compare(
                &format!("{name}/{doc}.pdf.sha256"),
                sha256(&pdf).as_bytes(),
            ));
        }
        let o = ctgc(
            &["export", project.to_str().unwrap(), "--format", "json"],
            &root(),
        );
        assert_eq!(o.status.code(), Some(0), "{name}: export");
        differences.extend(compare(&format!("{name}/export.json"), &o.stdout));
    }
    assert_no_difference(differences);
}

#[test]
fn the_planted_changes_diff_to_the_golden_reports() {
    let dir = support::planted::two_versions_in("golden");
    let mut differences = Vec::new();
    for format in ["text", "markdown", "json"] {
        let o = ctgc(&["diff", "ancienne", "nouvelle", "--format", format], &dir);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{format}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        differences.extend(compare(&format!("diff/planted.{format}"), &o.stdout));
    }
    std::fs::remove_dir_all(&dir).ok();
    assert_no_difference(differences);
}
