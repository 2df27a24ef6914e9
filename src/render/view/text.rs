//! The small pieces of French display text every part of the view uses: capitals,
//! enumerations, year ranges, values still « à compléter », and Markdown escaping.

use crate::model::{Val, YearRange};
use crate::typography::french;

use super::TO_COMPLETE;

/// « Président » → « président », but « DGS » stays « DGS ».
pub(super) fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match (c.next(), s.chars().nth(1)) {
        (Some(f), Some(second)) if !second.is_uppercase() => {
            f.to_lowercase().collect::<String>() + c.as_str()
        }
        _ => s.to_string(),
    }
}

/// « a, b et c »
pub(crate) fn join_fr(items: &[String]) -> String {
    match items.len() {
        0 => String::new(),
        1 => items[0].clone(),
        n => format!("{} et {}", items[..n - 1].join(", "), items[n - 1]),
    }
}

/// « 2023-2026 », or « 2024 » for a single year.
pub(super) fn years_text(r: YearRange) -> String {
    if r.start == r.end {
        r.start.to_string()
    } else {
        format!("{}-{}", r.start, r.end)
    }
}

/// A written value with French typography, or « [à compléter] ».
pub(super) fn val(v: &Val<String>) -> String {
    match v {
        Val::Known(s) => french(s),
        Val::ToComplete => TO_COMPLETE.to_string(),
    }
}

/// Escapes the characters Markdown would interpret, so that a value inserted into Markdown reads as written.
pub(crate) fn escape_markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`'
                | '*'
                | '_'
                | '{'
                | '}'
                | '['
                | ']'
                | '<'
                | '>'
                | '('
                | ')'
                | '#'
                | '+'
                | '-'
                | '!'
                | '|'
                | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enumerations_end_with_et() {
        assert_eq!(join_fr(&["a".into(), "b".into(), "c".into()]), "a, b et c");
        assert_eq!(join_fr(&["a".into()]), "a");
        assert_eq!(join_fr(&[]), "");
    }

    #[test]
    fn capitals_follow_the_word() {
        assert_eq!(lower_first("Président"), "président");
        assert_eq!(lower_first("DGS"), "DGS");
    }

    #[test]
    fn markdown_signs_are_escaped() {
        assert_eq!(escape_markdown("a_b *c* [d]"), "a\\_b \\*c\\* \\[d\\]");
    }
}
