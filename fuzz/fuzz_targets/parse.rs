//! The parser on any text: never a panic, never a stack overflow; every span it reports (tree and
//! diagnostics) lies inside the text, on character boundaries, since miette slices with them.
//! Then the whole front end on the same bytes (`analyse_file`: every check included), each
//! diagnostic rendered for the terminal.

#![no_main]

use ctgc::compile::{Options, analyse_file};
use ctgc::source::{FileId, Span};
use ctgc::syntax::{self, Statement};
use libfuzzer_sys::fuzz_target;

fn assert_span(text: &str, span: Span) {
    assert!(span.start <= span.end, "span à l'envers : {span:?}");
    assert!(
        span.end <= text.len(),
        "span hors du texte : {span:?} (longueur {})",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "span au milieu d'un caractère : {span:?}"
    );
}

fn walk(text: &str, statements: &[Statement]) {
    for s in statements {
        assert_span(text, s.span);
        assert_span(text, s.keyword_span);
        assert!(s.keyword_span.start >= s.span.start && s.keyword_span.end <= s.span.end);
        for a in &s.args {
            assert_span(text, a.span);
        }
        for c in s.comments_before.iter().chain(&s.comment_after) {
            assert_span(text, c.span);
        }
        for (i, c) in &s.list_comments {
            assert_span(text, c.span);
            assert!(*i < s.args.len(), "commentaire de liste après l'argument {i}");
        }
        if let Some(b) = &s.block {
            assert_span(text, b.span);
            walk(text, &b.statements);
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (tree, diagnostics) = syntax::parse(text, FileId(0));
    walk(text, &tree.statements);
    for d in &diagnostics {
        for l in &d.labels {
            assert_span(text, l.span);
        }
    }
    let comp = analyse_file("fuzz.ctg", data, Options::default()).expect("un fichier en mémoire se lit");
    for d in &comp.diagnostics {
        assert!(!ctgc::diagnostic::render(d, &comp.sources, false, 100).is_empty());
    }
});
