//! One fixture per rule, one snapshot per fixture.
//!
//! Layout:
//!
//! - `tests/fixtures/<rule>/<case>.ctg`: a one-file convention in which rule `ctg::<rule>` fires
//!   (`<rule>` is the code without `ctg::`, `::` written `.`: `ref.axe-inconnu`);
//! - `tests/fixtures/<rule>/<case>/`: a whole project (`convention.ctg`, optional `ctgc.yaml`,
//!   included files), compiled as a directory;
//! - entries whose name starts with `_` are shared material (a file that a case includes from
//!   outside its project, for instance), not cases.
//!
//! A case whose name contains `final` is compiled as `ctgc check --final`.
//!
//! For each case, the diagnostics of the fixture's rule (and only those) are rendered as the
//! terminal shows them, without colours, and compared with `tests/snapshots/<rule>__<case>.snap`.
//! The rule must fire at least once. To accept new or changed snapshots:
//! `INSTA_UPDATE=always cargo test --test diagnostics` (or `cargo insta review`).

use std::collections::BTreeSet;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use ctgc::compile::{self, Options};
use ctgc::diagnostic::{self, Diagnostic};
use ctgc::rules;
use ctgc::source::Sources;

/// Relative to the package root, which is the working directory of `cargo test`: the paths shown
/// in the diagnostics are then the same on every machine.
const FIXTURES: &str = "tests/fixtures";
const SNAPSHOTS: &str = "tests/snapshots";

/// `ctg::ref::axe-inconnu` → `ref.axe-inconnu`
fn dir_name(code: &str) -> String {
    code.strip_prefix("ctg::")
        .unwrap_or(code)
        .replace("::", ".")
}

fn sorted_entries(dir: &Path) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("impossible de lire {}: {e}", dir.display()))
        .map(|e| e.expect("entrée de dossier").path())
        .collect();
    entries.sort();
    entries
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .expect("nom de fichier")
        .to_string_lossy()
        .into_owned()
}

/// A case of a rule directory: its name (without `.ctg`) and the path to compile.
struct Case {
    rule_dir: String,
    name: String,
    path: PathBuf,
}

impl Case {
    fn id(&self) -> String {
        format!("{}__{}", self.rule_dir, self.name)
    }
}

fn cases_of(rule_dir: &Path) -> Vec<Case> {
    let rule = file_name(rule_dir);
    sorted_entries(rule_dir)
        .into_iter()
        .filter(|p| !file_name(p).starts_with('_'))
        .map(|path| {
            let name = file_name(&path);
            let name = if path.is_dir() {
                name
            } else {
                assert!(
                    name.ends_with(".ctg"),
                    "{}: un cas est un fichier .ctg ou un dossier de projet (préfixez de « _ » le reste)",
                    path.display()
                );
                name.trim_end_matches(".ctg").to_string()
            };
            Case {
                rule_dir: rule.clone(),
                name,
                path,
            }
        })
        .collect()
}

fn all_cases() -> Vec<Case> {
    sorted_entries(Path::new(FIXTURES))
        .iter()
        .filter(|p| p.is_dir())
        .flat_map(|d| cases_of(d))
        .collect()
}

/// Absolute paths (a few messages show them) would make the snapshots depend on the checkout.
fn portable(mut d: Diagnostic, root: &str) -> Diagnostic {
    let strip = |s: &str| s.replace(root, "<racine>");
    d.message = strip(&d.message);
    d.help = strip(&d.help);
    for l in &mut d.labels {
        l.text = strip(&l.text);
    }
    d
}

/// Compiles one case and snapshots the diagnostics of its rule.
fn check_case(case: &Case) {
    let rule = rules::ALL
        .iter()
        .find(|r| dir_name(r.code) == case.rule_dir)
        .unwrap_or_else(|| {
            panic!(
                "{}: « {} » ne nomme aucune règle",
                case.path.display(),
                case.rule_dir
            )
        });
    let final_check = case.name.contains("final");
    // A project that cannot be read at all is one diagnostic, without a position.
    let (diagnostics, sources) = match compile::compile(&case.path, Options { final_check }) {
        Ok(comp) => (comp.diagnostics, comp.sources),
        Err(e) => (vec![e.diagnostic()], Sources::default()),
    };
    let root = std::env::current_dir()
        .and_then(|d| d.canonicalize())
        .expect("dossier courant")
        .display()
        .to_string();
    let rendered: Vec<String> = diagnostics
        .iter()
        .filter(|d| d.rule.code == rule.code)
        .map(|d| diagnostic::render(&portable(d.clone(), &root), &sources, false, 100))
        .collect();
    assert!(
        !rendered.is_empty(),
        "{}: la règle {} ne se déclenche plus ; diagnostics obtenus : {:?}",
        case.path.display(),
        rule.code,
        diagnostics.iter().map(|d| d.rule.code).collect::<Vec<_>>()
    );

    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.set_input_file(&case.path);
    settings.set_description(format!(
        "{}{} — {}",
        rule.code,
        if final_check { " (--final)" } else { "" },
        case.path.display()
    ));
    settings.set_omit_expression(true);
    settings.bind(|| insta::assert_snapshot!(case.id(), rendered.join("\n")));
}

/// Every case of every rule; a failing case names itself, and the others still run.
#[test]
fn every_rule_fires_as_snapshotted() {
    let cases = all_cases();
    assert!(!cases.is_empty(), "aucun cas dans {FIXTURES}");
    let mut failed = Vec::new();
    for case in &cases {
        if panic::catch_unwind(AssertUnwindSafe(|| check_case(case))).is_err() {
            failed.push(case.path.display().to_string());
        }
    }
    assert!(
        failed.is_empty(),
        "{} cas sur {} en échec :\n  {}",
        failed.len(),
        cases.len(),
        failed.join("\n  ")
    );
}

/// Every rule has fixtures, every fixture directory names a rule, every snapshot has its case.
#[test]
fn fixtures_cover_every_rule() {
    let rule_dirs: BTreeSet<String> = rules::ALL.iter().map(|r| dir_name(r.code)).collect();
    let fixture_dirs: BTreeSet<String> = sorted_entries(Path::new(FIXTURES))
        .iter()
        .filter(|p| p.is_dir())
        .map(|p| file_name(p))
        .collect();
    let without_fixture: Vec<_> = rule_dirs.difference(&fixture_dirs).collect();
    let unknown: Vec<_> = fixture_dirs.difference(&rule_dirs).collect();
    assert!(
        without_fixture.is_empty(),
        "règles sans dossier dans {FIXTURES} : {without_fixture:?}"
    );
    assert!(
        unknown.is_empty(),
        "dossiers de {FIXTURES} qui ne nomment aucune règle : {unknown:?}"
    );
    let empty: Vec<_> = fixture_dirs
        .iter()
        .filter(|d| cases_of(&Path::new(FIXTURES).join(d)).is_empty())
        .collect();
    assert!(
        empty.is_empty(),
        "dossiers de {FIXTURES} sans aucun cas : {empty:?}"
    );

    let case_ids: BTreeSet<String> = all_cases().iter().map(Case::id).collect();
    let orphans: Vec<String> = sorted_entries(Path::new(SNAPSHOTS))
        .iter()
        .map(|p| file_name(p))
        .filter_map(|n| n.strip_suffix(".snap").map(str::to_string))
        .filter(|id| !case_ids.contains(id))
        .collect();
    assert!(
        orphans.is_empty(),
        "instantanés sans cas (à supprimer) : {orphans:?}"
    );
}
