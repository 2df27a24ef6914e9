//! The whole front end on any bytes, as `ctgc check` and `ctgc export` run it: decoding (BOM,
//! UTF-8, control characters), parsing, lowering, resolution, every check; then each diagnostic
//! rendered as the terminal and `--format json` show it, and the document view and the export
//! built from the model. Never a panic, whatever the input.

#![no_main]

use ctgc::compile::{Options, analyse_file};
use ctgc::diagnostic;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The last byte picks `--final`, so that both severities of the drafting rules are exercised.
    let final_check = data.last().is_some_and(|b| b & 1 == 1);
    let comp = analyse_file("fuzz.ctg", data, Options { final_check }).expect("un fichier en mémoire se lit");
    for d in &comp.diagnostics {
        let text = diagnostic::render(d, &comp.sources, false, 100);
        assert!(!text.is_empty());
        let json = diagnostic::to_json(d, &comp.sources);
        serde_json::to_string(&json).expect("diagnostic JSON");
    }
    let view = ctgc::render::view::build(&comp.model).expect("les articles intégrés se complètent");
    serde_json::to_string(&view).expect("view JSON");
    let export = ctgc::export::export(&comp.model);
    serde_json::to_string(&export).expect("export JSON");
});
