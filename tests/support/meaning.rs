//! What a text means, as `ctgc fmt` must keep it: the export of its model, and the rules of its
//! diagnostics (sorted). The `fmt` fuzz target compares the same pair.

use ctgc::compile::{Options, analyse_file};

pub fn meaning(text: &str) -> (String, Vec<&'static str>) {
    let comp = analyse_file("fmt.ctg", text.as_bytes(), Options::default()).expect("en mémoire");
    let export = serde_json::to_string(&ctgc::export::export(&comp.model)).expect("export JSON");
    let mut codes: Vec<&'static str> = comp.diagnostics.iter().map(|d| d.rule.code).collect();
    codes.sort_unstable();
    (export, codes)
}
