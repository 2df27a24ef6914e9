//! Random input: the example conventions, randomly edited (snippets inserted, bytes deleted), fed to the whole front end (parse, lower, resolve,
//! check, totals, export, render view, diagnostic rendering): whatever the text, no panic.

mod support;
use support::prng::Rng;

use ctgc::compile::{Compilation, Options, analyse_file};

const SNIPPETS: &[&str] = &[
    "{",
    "}",
    "\"",
    "\"\"\"",
    "#",
    "€",
    " 12 000 €",
    "12.000 €",
    "..",
    ",",
    ";",
    "\n",
    "\r\n",
    "\t",
    "\u{0}",
    "\u{7}",
    "\u{202f}",
    "é",
    "à compléter",
    "1er janvier 2023",
    "31 février 2023",
    "2023-13-45",
    "axe",
    "fiche x \"t\" {",
    "financement caf 2023 .. 2026 1 000 € par an",
    "inclure \"../x.ctg\"",
    "-",
    "%",
    "’",
    "\u{feff}",
    "🦀",
    "9999999999999999999999 €",
    "numéro 1",
    "objectifs",
    " .. ",
    "représentant",
    "\\",
    "\"\\\"",
];

fn mutate(rng: &mut Rng, text: &str) -> Vec<u8> {
    let mut bytes = text.as_bytes().to_vec();
    for _ in 0..1 + rng.below(6) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(5) {
            0 => {
                let end = (at + rng.below(40)).min(bytes.len());
                bytes.drain(at..end);
            }
            1 | 2 => {
                let s = SNIPPETS[rng.below(SNIPPETS.len())];
                bytes.splice(at..at, s.bytes());
            }
            3 => {
                // Duplicate a slice somewhere else.
                let end = (at + rng.below(200)).min(bytes.len());
                let slice: Vec<u8> = bytes[at..end].to_vec();
                let to = rng.below(bytes.len() + 1);
                bytes.splice(to..to, slice);
            }
            _ => {
                // A random byte: sometimes invalid UTF-8.
                let b = (rng.next() & 0xff) as u8;
                bytes.insert(at, b);
            }
        }
    }
    bytes
}

fn example_files() -> Vec<String> {
    let mut out = Vec::new();
    for entry in glob::glob("conventions/*/**/*.ctg").expect("pattern") {
        let path = entry.expect("readable");
        out.push(std::fs::read_to_string(path).expect("utf-8"));
    }
    assert!(out.len() >= 5, "examples found");
    out
}

#[test]
fn random_edits_never_panic() {
    let files = example_files();
    let mut rng = Rng(0x5eed_c7c0_ffee_1234);
    let mut with_errors = 0;
    let rounds = 1500;
    for round in 0..rounds {
        let base = &files[rng.below(files.len())];
        let mutated = mutate(&mut rng, base);
        let final_check = round % 7 == 0;
        let Compilation {
            sources,
            model,
            diagnostics: diags,
            ..
        } = analyse_file("aleatoire.ctg", &mutated, Options { final_check }).expect("en mémoire");
        if diags.iter().any(|d| d.is_error()) {
            with_errors += 1;
        }
        for d in &diags {
            assert!(!d.message.is_empty());
            let rendered = ctgc::diagnostic::render(d, &sources, false, 80);
            assert!(rendered.contains(d.rule.code));
            let _ = ctgc::diagnostic::to_json(d, &sources);
        }
        let _ = ctgc::export::export(&model);
        let _ = ctgc::render::view::build(&model);
    }
    // The mutations must actually exercise the error paths.
    assert!(
        with_errors > rounds / 4,
        "only {with_errors} mutated inputs had errors"
    );
}
