//! The convention itself: its period, where and when it is signed, its visas, and the PDF's
//! metadata.

use serde::Serialize;

use crate::model::{ConventionInfo, Party, Val};
use crate::typography::french;

use super::TO_COMPLETE;
use super::french::a;
use super::text::{val, years_text};

#[derive(Serialize, Debug, Clone)]
pub struct PeriodView {
    /// « 1er janvier 2023 »
    pub debut: String,
    /// « 31 décembre 2026 »
    pub fin: String,
    /// « 2023-2026 »
    pub annees: String,
    /// The title already names the period's years (« CTG 2023-2026 »): the documents do not
    /// print them a second time beside it.
    pub dans_titre: bool,
}

#[derive(Serialize, Debug, Clone)]
pub struct SignatureView {
    pub date: Option<String>,
    pub lieu: Option<String>,
    pub exemplaires: Option<u32>,
    /// « Fait à Aime-la-Plagne, le 13 janvier 2023, en 7 exemplaires originaux. »
    pub fait_a: String,
    /// For the cover: « le 13 janvier 2023 à Aime-la-Plagne », « le 13 janvier 2023 », or
    /// « [à compléter] » when neither date nor place is known; `None` without a date.
    pub resume: Option<String>,
}

#[derive(Serialize, Debug, Clone)]
pub struct Metadata {
    pub title: String,
    /// The signing bodies, comma-separated.
    pub author: String,
    /// The signing bodies, one per entry (the PDF's authors).
    pub authors: Vec<String>,
    pub keywords: Vec<String>,
    pub language: String,
}

/// The champs d'intervention, as labels.
pub(super) fn champs(conv: Option<&ConventionInfo>) -> Vec<String> {
    conv.map(|c| {
        c.champs
            .iter()
            .map(|c| c.value.label().to_string())
            .collect()
    })
    .unwrap_or_default()
}

pub(super) fn period(conv: Option<&ConventionInfo>) -> Option<PeriodView> {
    let c = conv?;
    c.periode.map(|(p, _)| PeriodView {
        debut: p.start.french(),
        fin: p.end.french(),
        annees: years_text(p.years()),
        dans_titre: names_years(&c.titre.value, p.years().start, p.years().end),
    })
}

/// Whether TITLE names the years START and END, as whole numbers (« 2023-2026 », « 2023 à
/// 2026 », « 2023/2026 »; « 2024 » for a single year).
fn names_years(title: &str, start: i32, end: i32) -> bool {
    let numbers: Vec<&str> = title
        .split(|c: char| !c.is_ascii_digit())
        .filter(|n| !n.is_empty())
        .collect();
    let named = |year: i32| numbers.contains(&year.to_string().as_str());
    named(start) && named(end)
}

pub(super) fn signature(conv: Option<&ConventionInfo>) -> SignatureView {
    let signed = conv.and_then(|c| c.signature.as_ref()).map(|(d, _)| d);
    let date = signed.map(|d| match d {
        Val::Known(d) => d.french(),
        Val::ToComplete => TO_COMPLETE.to_string(),
    });
    let on_date = match signed {
        Some(Val::Known(d)) => d.french_on(),
        Some(Val::ToComplete) | None => format!("le {TO_COMPLETE}"),
    };
    let lieu = conv.and_then(|c| c.lieu.as_ref()).map(val);
    let exemplaires = conv.and_then(|c| c.exemplaires).map(|e| e.0);
    let fait_a = french(&format!(
        "Fait {}, {on_date}, en {} exemplaire{} originaux.",
        a(lieu.as_deref().unwrap_or(TO_COMPLETE)),
        exemplaires.map_or_else(|| TO_COMPLETE.to_string(), |n| n.to_string()),
        if exemplaires.unwrap_or(2) > 1 {
            "s"
        } else {
            ""
        }
    ))
    .replace("exemplaire originaux", "exemplaire original");
    SignatureView {
        resume: signature_summary(date.as_ref().map(|_| on_date.as_str()), lieu.as_deref()),
        date,
        lieu,
        exemplaires,
        fait_a,
    }
}

/// « le 13 janvier 2023 à Aime-la-Plagne »: what is known of the signature, for the cover, from
/// its date with its preposition (« le 13 janvier 2023 », « en octobre 2019 »).
fn signature_summary(on_date: Option<&str>, lieu: Option<&str>) -> Option<String> {
    let on_date = on_date?;
    let lieu = lieu.filter(|l| *l != TO_COMPLETE);
    Some(match (on_date.ends_with(TO_COMPLETE), lieu) {
        (true, None) => TO_COMPLETE.to_string(),
        (true, Some(l)) => format!("{}, {on_date}", a(l)),
        (false, None) => on_date.to_string(),
        (false, Some(l)) => format!("{on_date} {}", a(l)),
    })
}

/// « Vu … » lines as printed, with their punctuation: « ; » after each, « . » after the last.
pub(super) fn visas(conv: Option<&ConventionInfo>) -> Vec<String> {
    let visas = conv.map_or(&[][..], |c| &c.visas[..]);
    visas
        .iter()
        .enumerate()
        .map(|(i, v)| visa(&v.value, i + 1 == visas.len()))
        .collect()
}

/// One visa as written, « Vu » added unless written, its final punctuation the renderer's: a
/// final « ; » or « , » is dropped, a final « . » is kept when it ends an abbreviation (« et
/// s. ») and never doubled, otherwise dropped between visas and kept after the last.
fn visa(text: &str, last: bool) -> String {
    let text = text
        .trim()
        .trim_end_matches([';', ',', ' ', '\u{a0}', '\u{202f}']);
    let folded = crate::keyword::fold(text);
    let text = if folded.starts_with("vu ") {
        text.to_string()
    } else {
        format!("Vu {text}")
    };
    let (body, abbreviation) = match text.strip_suffix('.') {
        Some(body) if ends_with_abbreviation(body) => (text.as_str(), true),
        Some(body) => (body, false),
        None => (text.as_str(), false),
    };
    french(&match (last, abbreviation) {
        (false, _) => format!("{body} ;"),
        (true, true) => body.to_string(),
        (true, false) => format!("{body}."),
    })
}

/// Whether TEXT (before a final « . ») ends with an abbreviation: an initial (« L », « s »), or
/// one of legal texts' (« etc », « al », « art », « suiv »…).
fn ends_with_abbreviation(text: &str) -> bool {
    const ABBREVIATIONS: &[&str] = &[
        "etc", "al", "art", "arts", "suiv", "sq", "sqq", "ss", "seq", "cf", "chap", "coll", "vol",
        "ed", "ibid", "op", "cit", "pp", "no", "mm", "mme",
    ];
    let word = text
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or_default();
    let folded = crate::keyword::fold(word);
    word.chars().count() == 1 || ABBREVIATIONS.contains(&folded.as_str())
}

pub(super) fn metadata(
    conv: Option<&ConventionInfo>,
    signing: &[&Party],
    champs: &[String],
) -> Metadata {
    let mut keywords = vec![
        "Convention territoriale globale".to_string(),
        "CTG".to_string(),
    ];
    keywords.extend(
        conv.and_then(|c| c.territoire.as_ref())
            .map(|t| t.value.clone()),
    );
    keywords.extend(champs.iter().cloned());
    Metadata {
        title: conv.map(|c| french(&c.titre.value)).unwrap_or_default(),
        author: signing
            .iter()
            .map(|p| p.nom.value.clone())
            .collect::<Vec<_>>()
            .join(", "),
        authors: signing.iter().map(|p| p.nom.value.clone()).collect(),
        keywords,
        language: "fr-FR".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visas_are_punctuated_once() {
        let n = |s: &str| s.replace(['\u{202f}', '\u{a0}'], " ");
        assert_eq!(
            n(&visa("le Code de l'action sociale et des familles", false)),
            "Vu le Code de l'action sociale et des familles ;"
        );
        assert_eq!(n(&visa("le Code ;", false)), "Vu le Code ;");
        assert_eq!(n(&visa("le Code ;", true)), "Vu le Code.");
        assert_eq!(n(&visa("la loi NOTRe.", false)), "Vu la loi NOTRe ;");
        assert_eq!(n(&visa("la loi NOTRe.", true)), "Vu la loi NOTRe.");
        assert_eq!(
            n(&visa("les articles L. 227-1 et s.", false)),
            "Vu les articles L. 227-1 et s. ;"
        );
        assert_eq!(
            n(&visa("les articles L. 227-1 et s.", true)),
            "Vu les articles L. 227-1 et s."
        );
        assert_eq!(n(&visa("les schémas, etc.", true)), "Vu les schémas, etc.");
        assert_eq!(n(&visa("Vu la délibération,", true)), "Vu la délibération.");
    }

    #[test]
    fn a_title_may_name_the_period() {
        assert!(names_years("CTG 2023-2026", 2023, 2026));
        assert!(names_years("CTG 2023 – 2026 de Rai", 2023, 2026));
        assert!(names_years("CTG 2024", 2024, 2024));
        assert!(!names_years("CTG 2023-2027", 2023, 2026));
        assert!(!names_years("CTG de Rai", 2023, 2026));
        assert!(!names_years("CTG 120235", 2023, 2023));
    }

    #[test]
    fn signature_summary_says_what_is_known() {
        assert_eq!(
            signature_summary(Some("le 13 janvier 2023"), Some("Aime")).as_deref(),
            Some("le 13 janvier 2023 à Aime")
        );
        assert_eq!(
            signature_summary(Some("en octobre 2019"), Some("Le Barp")).as_deref(),
            Some("en octobre 2019 au Barp")
        );
        assert_eq!(
            signature_summary(Some("le 13 janvier 2023"), Some(TO_COMPLETE)).as_deref(),
            Some("le 13 janvier 2023")
        );
        assert_eq!(
            signature_summary(Some("le [à compléter]"), None).as_deref(),
            Some(TO_COMPLETE)
        );
        assert_eq!(
            signature_summary(Some("le [à compléter]"), Some("Aime")).as_deref(),
            Some("à Aime, le [à compléter]")
        );
        assert_eq!(signature_summary(None, Some("Aime")), None);
    }
}
