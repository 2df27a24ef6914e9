//! The synthetic conventions of the benchmarks are valid: no error, no warning, every fiche read.

mod support;

use ctgc::compile::{self, Options};
use support::scratch::Scratch;

#[test]
fn synthetic_conventions_are_valid() {
    for n in [10, 100, 1000] {
        let s = Scratch::new(&format!("synthetique-{n}"));
        ctgc::synthetic::write(&s.dir, n).expect("écriture");
        let comp = compile::compile(&s.dir, Options { final_check: true }).expect("compilation");
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
        assert_eq!(
            comp.sources.len(),
            1 + n.div_ceil(ctgc::synthetic::FICHES_PER_FILE)
        );
    }
}
