//! Every input a fuzzer crashed on (`tests/regressions/*.ctg`, named after what was wrong): the
//! front end must now handle it, with every diagnostic pointing inside the text.
//! To add one: copy the fuzzer's `crash-…` file here under a descriptive name.

use ctgc::compile::{Options, analyse_file};
use ctgc::source::FileId;

#[test]
fn fuzz_crashes_stay_fixed() {
    let mut paths: Vec<_> = glob::glob("tests/regressions/*.ctg")
        .expect("motif")
        .map(|p| p.expect("chemin"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "aucune entrée dans tests/regressions");
    for path in paths {
        let bytes = std::fs::read(&path).expect("lecture");
        if let Ok(text) = std::str::from_utf8(&bytes) {
            let (_, diags) = ctgc::syntax::parse(text, FileId(0));
            for d in &diags {
                for l in &d.labels {
                    assert!(
                        l.span.start <= l.span.end && l.span.end <= text.len(),
                        "{}: {:?}",
                        path.display(),
                        l.span
                    );
                    assert!(
                        text.is_char_boundary(l.span.start) && text.is_char_boundary(l.span.end),
                        "{}",
                        path.display()
                    );
                }
            }
        }
        for final_check in [false, true] {
            let comp = analyse_file("regression.ctg", &bytes, Options { final_check })
                .expect("en mémoire");
            for d in &comp.diagnostics {
                let rendered = ctgc::diagnostic::render(d, &comp.sources, false, 100);
                assert!(
                    rendered.contains(d.rule.code),
                    "{}: {rendered}",
                    path.display()
                );
            }
            let _ = ctgc::render::view::build(&comp.model);
            let _ = ctgc::export::export(&comp.model);
        }
    }
}
