//! Values as a reader of the diff sees them: as written in the language, in French notation.

use std::fmt::Display;

use crate::bilan::Point;
use crate::date::Date;
use crate::model::{Measure, Period, Ref, Step, TO_COMPLETE, Text, Val, YearRange};
use crate::money::Money;

/// The identifiers a list of references names.
pub(crate) fn names<K>(list: &[Ref<K>]) -> impl Iterator<Item = &str> {
    list.iter().map(|r| r.name.as_str())
}

pub(crate) fn val(v: &Val<String>) -> &str {
    match v {
        Val::Known(s) => s,
        Val::ToComplete => TO_COMPLETE,
    }
}

pub(crate) fn date(v: &Val<Date>) -> String {
    match v {
        Val::Known(d) => d.french(),
        Val::ToComplete => TO_COMPLETE.into(),
    }
}

/// `2023 .. 2026`, or `1er janvier 2023 .. 31 décembre 2026` when the bounds are not whole years.
pub(crate) fn period(p: Period) -> String {
    let whole =
        p.start == Date::first_of_year(p.start.year) && p.end == Date::last_of_year(p.end.year);
    if whole {
        years(p.years()).to_string()
    } else {
        format!("{} .. {}", p.start.french(), p.end.french())
    }
}

/// `2023 .. 2026`, or `2024` for one year.
pub(crate) fn years(r: YearRange) -> Years {
    Years(r)
}

/// A range of years as the language writes it, compared as a range (one range, one text).
#[derive(PartialEq)]
pub(crate) struct Years(YearRange);

impl Display for Years {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        let r = self.0;
        if r.start == r.end {
            write!(f, "{}", r.start)
        } else {
            write!(f, "{} .. {}", r.start, r.end)
        }
    }
}

/// `48 en 2022`: compared by its parts, written out only when shown (the year, last, has no
/// ` en `, so equal parts and equal texts are the same thing).
#[derive(PartialEq)]
pub(crate) struct Measured<'a> {
    valeur: &'a str,
    annee: i32,
}

impl Display for Measured<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "{} en {}", self.valeur, self.annee)
    }
}

pub(crate) fn measure(m: &Measure) -> Measured<'_> {
    Measured {
        valeur: val(&m.valeur),
        annee: m.annee,
    }
}

/// `2024 : Ouverture de la première tranche`, an étape or an indicator's value, compared by its
/// parts (the year, first, has no ` : `).
#[derive(PartialEq)]
pub(crate) struct Dated<'a> {
    annee: i32,
    texte: &'a str,
}

impl<'a> Dated<'a> {
    pub(crate) fn step(e: &'a Step) -> Self {
        Dated {
            annee: e.annee,
            texte: &e.texte,
        }
    }

    /// An indicator's value in a year, from the fiche or a bilan.
    pub(crate) fn point(p: &Point<'a>) -> Self {
        Dated {
            annee: p.annee,
            texte: val(p.valeur),
        }
    }
}

impl Display for Dated<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "{} : {}", self.annee, self.texte)
    }
}

pub(crate) fn text(t: &Option<Text>) -> Option<&str> {
    t.as_ref().map(|t| t.markdown.as_str())
}

pub(crate) fn money(cents: i64) -> String {
    Money(cents).french()
}

/// A difference of money, always signed: « +12 000 € », « −3 000 € » (with the minus sign).
pub(crate) fn delta(cents: i64) -> String {
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
