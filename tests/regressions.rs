//! Every input a fuzzer or an audit crashed on (`tests/regressions/*.ctg`, named after what was
//! wrong): the front end must now handle it, with every diagnostic pointing inside the text and
//! rendered for the terminal; and `ctgc fmt` formats it as the `fmt` fuzz target demands (output
//! formatted again unchanged, the same meaning: export and diagnostics). To add one: copy the
//! fuzzer's `crash-…` file here under a descriptive name.

mod support;
use support::meaning::meaning;

use ctgc::compile::{Options, analyse_file};
use ctgc::format::{Refusal, format};
use ctgc::source::{FileId, decode};

/// The `fmt` fuzz target's oracle on one input.
fn formats_faithfully(path: &std::path::Path, bytes: &[u8]) {
    let Ok(decoded) = decode(bytes, FileId(0)) else {
        return;
    };
    if !decoded.diagnostics.is_empty() {
        return;
    }
    let text = decoded.text;
    match format(&text, FileId(0)) {
        Ok(out) => {
            let again =
                format(&out, FileId(0)).unwrap_or_else(|e| panic!("{}: {e:?}", path.display()));
            assert_eq!(again, out, "{}: fmt n'est pas idempotent", path.display());
            let (before, after) = (meaning(&text), meaning(&out));
            assert_eq!(
                before.1,
                after.1,
                "{}: fmt a changé les diagnostics",
                path.display()
            );
            // Not `assert_eq!`: it would print the whole export twice.
            assert!(
                before.0 == after.0,
                "{}: fmt a changé l'export",
                path.display()
            );
        }
        Err(Refusal::Syntax(_)) => {}
        Err(Refusal::Internal(m)) => panic!("{}: refus interne de fmt : {m}", path.display()),
    }
}

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
        formats_faithfully(&path, &bytes);
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

/// What the fuzzers and the property tests give the front end, `analyse_file`, runs every check:
/// those on the model and those that read the project's other files through the world (the
/// logos, the characters the fonts can print) — a panic in any of them is found by fuzzing.
#[test]
fn analyse_file_runs_every_check() {
    let text = "convention \"C 😀\" {}\nsignataire caf \"Caf\" {\n  nature caf\n  logo \"logos/caf.svg\" \"\"\n}\n";
    let comp = analyse_file("entree.ctg", text.as_bytes(), Options::default()).expect("en mémoire");
    let codes: Vec<&str> = comp.diagnostics.iter().map(|d| d.rule.code).collect();
    for code in [
        "ctg::lexique::caractere-non-imprimable",
        "ctg::logo::introuvable",
        "ctg::logo::sans-alternative",
        "ctg::signataire::sans-representant",
    ] {
        assert!(codes.contains(&code), "{code} absent : {codes:?}");
    }
}

/// A diagnostic past column 65 535 made miette panic (its padding widths are 16-bit): the line is
/// generated here rather than stored, a 70 000-character file being of no use to read.
#[test]
fn a_diagnostic_past_column_65535_renders() {
    let text = format!(
        "convention \"C\" {{}}\n{} }}\nx \"{}\\P\" }}\n",
        "a".repeat(70_000),
        "é".repeat(40_000)
    );
    let comp = analyse_file("long.ctg", text.as_bytes(), Options::default()).expect("en mémoire");
    assert!(comp.diagnostics.len() >= 2);
    for d in &comp.diagnostics {
        let rendered = ctgc::diagnostic::render(d, &comp.sources, false, 100);
        assert!(rendered.len() < 2_000, "{rendered}");
    }
}
