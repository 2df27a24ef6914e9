//! Values as a reader of the diff sees them: as written in the language, in French notation.

use crate::date::Date;
use crate::model::{Measure, Period, Ref, Text, Val, YearRange};
use crate::money::Money;

pub const TO_COMPLETE: &str = "à compléter";

/// The identifiers a list of references names.
pub fn names(list: &[Ref]) -> Vec<String> {
    list.iter().map(|r| r.name.clone()).collect()
}

pub fn val(v: &Val<String>) -> String {
    match v {
        Val::Known(s) => s.clone(),
        Val::ToComplete => TO_COMPLETE.into(),
    }
}

pub fn date(v: &Val<Date>) -> String {
    match v {
        Val::Known(d) => d.french(),
        Val::ToComplete => TO_COMPLETE.into(),
    }
}

/// `2023 .. 2026`, or `1er janvier 2023 .. 31 décembre 2026` when the bounds are not whole years.
pub fn period(p: Period) -> String {
    let whole =
        p.start == Date::first_of_year(p.start.year) && p.end == Date::last_of_year(p.end.year);
    if whole {
        years(p.years())
    } else {
        format!("{} .. {}", p.start.french(), p.end.french())
    }
}

pub fn years(r: YearRange) -> String {
    if r.start == r.end {
        r.start.to_string()
    } else {
        format!("{} .. {}", r.start, r.end)
    }
}

/// `48 en 2022`.
pub fn measure(m: &Measure) -> String {
    format!("{} en {}", val(&m.valeur), m.annee)
}

pub fn text(t: &Option<Text>) -> Option<String> {
    t.as_ref().map(|t| t.markdown.clone())
}

pub fn money(cents: i64) -> String {
    Money(cents).french()
}

/// A difference of money, always signed: « +12 000 € », « −3 000 € » (with the minus sign).
pub fn delta(cents: i64) -> String {
    if cents < 0 {
        format!("\u{2212}{}", Money(-cents).french())
    } else {
        format!("+{}", Money(cents).french())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deltas_are_signed_in_french_notation() {
        assert_eq!(delta(1_200_000), "+12\u{202f}000\u{a0}€");
        assert_eq!(delta(-300_000), "\u{2212}3\u{202f}000\u{a0}€");
        assert_eq!(delta(0), "+0\u{a0}€");
    }
}
