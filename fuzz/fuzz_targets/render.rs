//! The escape layer of both renderers. Any text, as a whole convention (view → Typst and HTML
//! through the built-in templates: never a panic, never a template error), and as a single
//! string given to each escape function, which must print it back exactly: HTML-unescaping
//! `html::escape` gives the text; removing Typst's backslashes from `typst::escape` gives the
//! text with its documented substitutions (’ for ', a space for a line break or a tab, control
//! characters dropped).

#![no_main]

use ctgc::compile::{Options, analyse_file};
use ctgc::render::view::{self, TO_COMPLETE};
use ctgc::render::logos::Logos;
use ctgc::render::{Engine, Target, Templates, html, typst};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

#[path = "../../tests/support/unescape.rs"]
mod unescape;
use unescape::{html_unescape, typst_unescape};

/// The built-in templates, compiled once for the whole run as `ctgc build` compiles them once.
static ENGINES: OnceLock<(Engine, Engine)> = OnceLock::new();

fn typst_expected(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            '\'' => Some('’'),
            '\n' | '\r' | '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let escaped = html::escape(text);
        assert!(
            !escaped.contains(['<', '>', '"', '\'']),
            "HTML mal échappé : {escaped:?}"
        );
        assert_eq!(html_unescape(&escaped), text);
        if !text.contains(TO_COMPLETE) {
            let escaped = typst::escape(text);
            assert_eq!(
                typst_unescape(&escaped),
                typst_expected(text),
                "Typst mal échappé : {escaped:?}"
            );
        }
    }
    let comp = analyse_file("rendu.ctg", data, Options::default()).expect("un fichier en mémoire se lit");
    let v = view::build(&comp.model).expect("les articles intégrés se complètent");
    let logos = Logos::new();
    let page = html::Page {
        view: &v,
        logos: &logos,
    };
    let (typst, html) = ENGINES.get_or_init(|| {
        let templates = Templates::new(None);
        (
            Engine::new(Target::Typst, &templates),
            Engine::new(Target::Html, &templates),
        )
    });
    if let Err(e) = typst.render(&v) {
        panic!("le modèle Typst intégré échoue : {e}");
    }
    if let Err(e) = html.render(&page) {
        panic!("le modèle HTML intégré échoue : {e}");
    }
});
