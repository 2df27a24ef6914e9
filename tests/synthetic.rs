//! The synthetic conventions of the benchmarks are valid: no error, no warning, every fiche read;
//! with their bilans too.

mod support;

use std::path::Path;

use ctgc::compile::{self, Compilation, Options};
use support::scratch::Scratch;

/// The project in DIR of N fiches, checked as for signature: not one diagnostic.
fn checked_without_diagnostic(dir: &Path, n: usize) -> Compilation {
    let comp = compile::compile(dir, Options { final_check: true }).expect("compilation");
    let shown: Vec<String> = comp
        .diagnostics
        .iter()
        .take(5)
        .map(|d| ctgc::diagnostic::render(d, &comp.sources, false, 100))
        .collect();
    assert!(
        comp.diagnostics.is_empty(),
        "{n} fiches : {} diagnostics\n{}",
        comp.diagnostics.len(),
        shown.join("\n")
    );
    assert_eq!(comp.model.fiches.len(), n);
    comp
}

#[test]
fn synthetic_conventions_are_valid() {
    for n in [10, 100, 1000] {
        let s = Scratch::new(&format!("synthetique-{n}"));
        ctgc::synthetic::write(&s.dir, n).expect("écriture");
        let comp = checked_without_diagnostic(&s.dir, n);
        assert_eq!(
            comp.sources.len(),
            1 + n.div_ceil(ctgc::synthetic::FICHES_PER_FILE)
        );
    }
}

#[test]
fn synthetic_conventions_with_bilans_are_valid() {
    for n in [10, 120] {
        let s = Scratch::new(&format!("synthetique-bilans-{n}"));
        ctgc::synthetic::write_with_bilans(&s.dir, n).expect("écriture");
        let comp = checked_without_diagnostic(&s.dir, n);
        let per_year = n.div_ceil(ctgc::synthetic::FICHES_PER_FILE);
        assert_eq!(comp.sources.len(), 1 + 3 * per_year);
        assert_eq!(comp.model.bilans.len(), 2 * per_year);
        let entries: usize = comp.model.bilans.iter().map(|b| b.fiches.len()).sum();
        assert_eq!(entries, 2 * n, "every fiche in each year's bilan");
    }
}
