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

/// An indicator value as written (`5200`, `12,5`) in French notation: `5 200`, `12,5`.
pub(super) fn number(v: &Val<String>) -> String {
    let Val::Known(s) = v else {
        return TO_COMPLETE.to_string();
    };
    let (sign, digits) = s.strip_prefix('-').map_or(("", s.as_str()), |d| ("-", d));
    let (int, dec) = digits
        .split_once(',')
        .map_or((digits, None), |(i, d)| (i, Some(d)));
    if int.len() <= 4 || !int.bytes().all(|b| b.is_ascii_digit()) {
        // Four digits stay together, as French usage has it (« 2500 places »).
        return s.clone();
    }
    let mut out = String::from(sign);
    out.push_str(&crate::typography::group_digits(
        int,
        crate::typography::NNBSP,
    ));
    if let Some(d) = dec {
        out.push(',');
        out.push_str(d);
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
    fn indicator_values_take_french_notation() {
        let n = |s: &str| number(&Val::Known(s.to_string()));
        assert_eq!(n("12000"), "12\u{202f}000");
        assert_eq!(n("1234567,5"), "1\u{202f}234\u{202f}567,5");
        assert_eq!(n("5200"), "5200");
        assert_eq!(n("48"), "48");
        assert_eq!(n("-12000"), "-12\u{202f}000");
    }
}
