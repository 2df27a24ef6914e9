//! `ctgc fmt` on any decoded text: never a panic, never an internal refusal (the formatter checks
//! its own output and refuses when it would change the meaning: that refusal is a bug); and when
//! it formats, formatting again changes nothing (idempotent) and the convention means the same
//! (same export, same diagnostics by rule, each from the whole front end, every check included).

#![no_main]

use ctgc::compile::{Options, analyse_file};
use ctgc::format::{Refusal, format};
use ctgc::source::{FileId, decode};
use libfuzzer_sys::fuzz_target;

fn meaning(text: &str) -> (String, Vec<&'static str>) {
    let comp = analyse_file("fmt.ctg", text.as_bytes(), Options::default()).expect("un fichier en mémoire se lit");
    let export = serde_json::to_string(&ctgc::export::export(&comp.model)).expect("export JSON");
    let mut codes: Vec<&'static str> = comp.diagnostics.iter().map(|d| d.rule.code).collect();
    codes.sort_unstable();
    (export, codes)
}

fuzz_target!(|data: &[u8]| {
    // The whole front end first, on any bytes: what `ctgc fmt` reads, `ctgc check` reads too.
    let comp = analyse_file("fmt.ctg", data, Options::default()).expect("un fichier en mémoire se lit");
    for d in &comp.diagnostics {
        assert!(!ctgc::diagnostic::render(d, &comp.sources, false, 100).is_empty());
    }
    let Ok(decoded) = decode(data, FileId(0)) else {
        return;
    };
    if !decoded.diagnostics.is_empty() {
        // Control characters were blanked: the formatter sees another text than the file's.
        return;
    }
    let text = decoded.text;
    match format(&text, FileId(0)) {
        Ok(out) => {
            match format(&out, FileId(0)) {
                Ok(again) => assert_eq!(again, out, "fmt n'est pas idempotent"),
                Err(e) => panic!("la sortie de fmt ne se reformate pas : {e:?}"),
            }
            assert_eq!(
                meaning(&text),
                meaning(&out),
                "fmt a changé le sens de la convention"
            );
        }
        Err(Refusal::Syntax(_)) => {}
        Err(Refusal::Internal(message)) => panic!("refus interne de fmt : {message}"),
    }
});
