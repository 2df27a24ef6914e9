//! The people who sign, as a legal text names them: « par sa Directrice, Mme … », « par le
//! Président de son Conseil d'administration, M. … », « par sa Première Adjointe au Maire », and
//! on the signature cells « La Directrice ». The qualité keeps the capitals it is written with;
//! the determiner agrees with the qualité's own gender when its words mark one, else with the
//! civilité; « dûment autorisé » agrees with the person (the civilité), else with the qualité.

use crate::model::{Civility, Gender, Representative, Val};
use crate::typography::{NBSP, french};

use super::TO_COMPLETE;
use super::french::elides;

/// Head nouns whose gender their spelling does not show, or shows misleadingly once folded.
const KNOWN: &[(&str, Option<Gender>)] = &[
    ("maire", None),
    ("secretaire", None),
    ("ministre", None),
    ("responsable", None),
    ("membre", None),
    ("juge", None),
    ("adjoint", Some(Gender::Masculin)),
    ("adjointe", Some(Gender::Feminin)),
    ("chef", Some(Gender::Masculin)),
    ("cheffe", Some(Gender::Feminin)),
    ("1er", Some(Gender::Masculin)),
    ("1re", Some(Gender::Feminin)),
    ("1ere", Some(Gender::Feminin)),
];

/// Endings that mark a noun or adjective feminine or masculine (lowercase, accents kept: « délégué »
/// and « déléguée » differ only by them).
const FEMININE: &[&str] = &[
    "trice", "ère", "ée", "ente", "ante", "euse", "esse", "ète", "enne", "onne", "ale",
];
const MASCULINE: &[&str] = &["eur", "er", "é", "ent", "ant", "et", "en", "on", "al"];

/// Bodies a qualité may be the head of, with their gender: « le Président de son Conseil
/// d'administration », « de sa Commission permanente ».
const BODIES: &[(&str, Gender)] = &[
    ("conseil", Gender::Masculin),
    ("comite", Gender::Masculin),
    ("bureau", Gender::Masculin),
    ("directoire", Gender::Masculin),
    ("college", Gender::Masculin),
    ("commission", Gender::Feminin),
    ("assemblee", Gender::Feminin),
];

/// The gender one word of a qualité marks, if any.
fn word_gender(word: &str) -> Option<Option<Gender>> {
    let lower = word.to_lowercase();
    // « Vice-présidente », « Maire-adjoint », « Sous-préfet »: the last part is the noun.
    let noun = lower.rsplit('-').next().unwrap_or(&lower);
    let folded = crate::keyword::fold(noun);
    if let Some((_, g)) = KNOWN.iter().find(|(w, _)| *w == folded) {
        return Some(*g);
    }
    if FEMININE.iter().any(|e| noun.ends_with(e)) {
        Some(Some(Gender::Feminin))
    } else if MASCULINE.iter().any(|e| noun.ends_with(e)) {
        Some(Some(Gender::Masculin))
    } else {
        None
    }
}

/// Words that end the noun phrase of a qualité: what follows them (« Adjointe au Maire »,
/// « Responsable du pôle ») no longer says the qualité's gender.
const PREPOSITIONS: &[&str] = &[
    "a", "au", "aux", "de", "du", "des", "d", "en", "par", "pour", "chargé", "charge",
];

/// The gender the qualité's noun phrase marks (« Présidente », « Première Adjointe »,
/// « Vice-président », « Secrétaire générale »); `None` for a noun of both genders alone
/// (« Maire », « Responsable du pôle ») or one not recognised. Ordinals other than « 1er » and
/// « 1re » (« 2e Adjoint ») are skipped.
pub(super) fn marked_gender(qualite: &str) -> Option<Gender> {
    for word in qualite.split_whitespace() {
        let folded = crate::keyword::fold(word);
        let head = folded.split(['\'', '’']).next().unwrap_or_default();
        if PREPOSITIONS.contains(&head) {
            return None;
        }
        let ordinal = folded.len() > 1
            && folded.starts_with(|c: char| c.is_ascii_digit())
            && !["1er", "1re", "1ere"].contains(&folded.as_str());
        if ordinal {
            continue;
        }
        if let Some(Some(gender)) = word_gender(word) {
            return Some(gender);
        }
    }
    None
}

/// The gender the determiner before the qualité takes.
fn title_gender(r: &Representative) -> Gender {
    marked_gender(&r.qualite.value)
        .or(match r.civilite {
            Some(Civility::Mme) => Some(Gender::Feminin),
            Some(Civility::M) => Some(Gender::Masculin),
            None => None,
        })
        .unwrap_or(Gender::Masculin)
}

/// The gender of the person, for « dûment autorisé(e) »: the civilité, else the qualité.
pub(super) fn person_gender(r: &Representative) -> Gender {
    match r.civilite {
        Some(Civility::Mme) => Gender::Feminin,
        Some(Civility::M) => Gender::Masculin,
        None => marked_gender(&r.qualite.value).unwrap_or(Gender::Masculin),
    }
}

/// « M. Lucien Spigarelli » (a no-break space after the civilité), or « [à compléter] ».
pub(super) fn person_name(r: &Representative) -> String {
    match (&r.nom, r.civilite) {
        (Val::Known(n), Some(c)) => format!("{}{NBSP}{}", c.keyword(), french(n)),
        (Val::Known(n), None) => french(n),
        (Val::ToComplete, _) => TO_COMPLETE.to_string(),
    }
}

/// « le », « la » or « l' » before a word of GENDER.
fn definite(word: &str, gender: Gender) -> &'static str {
    if elides(word) {
        "l'"
    } else if gender == Gender::Feminin {
        "la "
    } else {
        "le "
    }
}

/// « son » or « sa » before a word of GENDER (« son Adjointe »: « sa » does not elide).
fn possessive(word: &str, gender: Gender) -> &'static str {
    if gender == Gender::Feminin && !elides(word) {
        "sa "
    } else {
        "son "
    }
}

/// What a qualité says of the body its holder heads.
enum Body<'q> {
    /// « Président du Conseil d'administration »: the head, the body and its gender; written « le
    /// Président de son Conseil d'administration ».
    Own(&'q str, &'q str, Gender),
    /// « Président du Conseil d'administration de la Caf de l'Orne »: the body is named in full;
    /// written « le Président du Conseil … ».
    Named,
    /// « Directrice », « Adjointe au Maire »: written « sa Directrice ».
    None,
}

/// Which [`Body`] QUALITE is.
fn body(qualite: &str) -> Body<'_> {
    for link in [" du ", " de la ", " de l'", " de l’"] {
        let Some(at) = qualite.find(link) else {
            continue;
        };
        let head = &qualite[..at];
        let body = &qualite[at + link.len()..];
        let noun = body.split([' ', '\'', '’']).next().unwrap_or_default();
        let Some(&(_, gender)) = BODIES
            .iter()
            .find(|(b, _)| *b == crate::keyword::fold(noun))
        else {
            continue;
        };
        if head.trim().is_empty() {
            return Body::None;
        }
        // One elided complement is part of the body's name (« Conseil d'administration »).
        let mut tail = &body[noun.len()..];
        for elided in [" d'", " d’"] {
            if let Some(rest) = tail.strip_prefix(elided) {
                tail = rest.split_once(' ').map_or("", |(_, t)| t);
            }
        }
        let qualified = [" de ", " du ", " des ", " d'", " d’"]
            .iter()
            .any(|l| format!(" {tail}").contains(l));
        return if qualified {
            Body::Named
        } else {
            Body::Own(head, body, gender)
        };
    }
    Body::None
}

/// « sa Directrice », « son Adjointe », « le Président de son Conseil d'administration »,
/// « la Présidente de sa Commission permanente »: the qualité after « par ».
pub(super) fn title(r: &Representative) -> String {
    let q = &r.qualite.value;
    let gender = title_gender(r);
    french(&match body(q) {
        Body::Own(head, body, body_gender) => format!(
            "{}{head} de {}{body}",
            definite(head, gender),
            possessive(body, body_gender)
        ),
        Body::Named => format!("{}{q}", definite(q, gender)),
        Body::None => format!("{}{q}", possessive(q, gender)),
    })
}

/// « par sa Directrice, Mme Anne Upravan »
pub(super) fn represented_by(r: &Representative) -> String {
    format!("par {}, {}", title(r), person_name(r))
}

/// « dûment autorisée », « dûment autorisés »…: agreeing with every person who signs.
pub(super) fn authorised(representatives: &[Representative]) -> &'static str {
    let plural = representatives.len() > 1;
    let feminine = representatives
        .iter()
        .all(|r| person_gender(r) == Gender::Feminin);
    match (plural, feminine) {
        (true, true) => "dûment autorisées",
        (true, false) => "dûment autorisés",
        (false, true) => "dûment autorisée",
        (false, false) => "dûment autorisé",
    }
}

/// The qualité on a signature cell: « Le Président du Conseil d'administration », « La
/// Directrice », « L'Adjointe au Maire ».
pub(super) fn cell_title(r: &Representative) -> String {
    let q = french(&r.qualite.value);
    let article = definite(&q, title_gender(r));
    let mut chars = article.chars();
    let first: String = chars
        .next()
        .map(|c| c.to_uppercase().collect())
        .unwrap_or_default();
    format!("{first}{}{q}", chars.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Str;
    use crate::source::{FileId, Span};

    fn rep(qualite: &str, civilite: Option<Civility>, nom: Option<&str>) -> Representative {
        let span = Span::new(FileId(0), 0, 0);
        Representative {
            qualite: Str {
                value: qualite.to_string(),
                span,
            },
            civilite,
            nom: nom.map_or(Val::ToComplete, |n| Val::Known(n.to_string())),
            span,
        }
    }

    #[test]
    fn qualites_keep_their_capitals_and_agree() {
        use Civility::{M, Mme};
        // Qualité, civilité, name, then the clause's phrase and the signature cell's title.
        type Case = (
            &'static str,
            Option<Civility>,
            Option<&'static str>,
            &'static str,
            &'static str,
        );
        let cases: &[Case] = &[
            (
                "Président du Conseil d'administration",
                Some(M),
                Some("Jean Martin"),
                "par le Président de son Conseil d'administration, M.\u{a0}Jean Martin",
                "Le Président du Conseil d'administration",
            ),
            (
                "Présidente du Conseil d'administration",
                Some(Mme),
                Some("Anne Roy"),
                "par la Présidente de son Conseil d'administration, Mme\u{a0}Anne Roy",
                "La Présidente du Conseil d'administration",
            ),
            (
                "Président du conseil d'administration",
                None,
                None,
                "par le Président de son conseil d'administration, [à compléter]",
                "Le Président du conseil d'administration",
            ),
            (
                "Directrice",
                Some(Mme),
                Some("Anne Upravan"),
                "par sa Directrice, Mme\u{a0}Anne Upravan",
                "La Directrice",
            ),
            (
                "Directrice",
                None,
                None,
                "par sa Directrice, [à compléter]",
                "La Directrice",
            ),
            (
                "Directeur",
                Some(M),
                Some("Paul Morel"),
                "par son Directeur, M.\u{a0}Paul Morel",
                "Le Directeur",
            ),
            (
                "Directeur par intérim",
                Some(M),
                Some("Paul Morel"),
                "par son Directeur par intérim, M.\u{a0}Paul Morel",
                "Le Directeur par intérim",
            ),
            (
                "Directrice adjointe",
                Some(Mme),
                Some("Lise Petit"),
                "par sa Directrice adjointe, Mme\u{a0}Lise Petit",
                "La Directrice adjointe",
            ),
            (
                "Première Adjointe au Maire",
                Some(Mme),
                Some("Marie Dubois"),
                "par sa Première Adjointe au Maire, Mme\u{a0}Marie Dubois",
                "La Première Adjointe au Maire",
            ),
            (
                "Premier Adjoint au Maire",
                Some(M),
                Some("Luc Blanc"),
                "par son Premier Adjoint au Maire, M.\u{a0}Luc Blanc",
                "Le Premier Adjoint au Maire",
            ),
            (
                "Adjointe au Maire",
                Some(Mme),
                Some("Eva Noir"),
                "par son Adjointe au Maire, Mme\u{a0}Eva Noir",
                "L'Adjointe au Maire",
            ),
            (
                "2e Adjointe au Maire",
                None,
                None,
                "par sa 2e Adjointe au Maire, [à compléter]",
                "La 2e Adjointe au Maire",
            ),
            (
                "Maire",
                Some(M),
                Some("Pierre Gay"),
                "par son Maire, M.\u{a0}Pierre Gay",
                "Le Maire",
            ),
            (
                "Maire",
                Some(Mme),
                Some("Sophie Gay"),
                "par sa Maire, Mme\u{a0}Sophie Gay",
                "La Maire",
            ),
            (
                "Maire",
                None,
                None,
                "par son Maire, [à compléter]",
                "Le Maire",
            ),
            (
                "Présidente",
                None,
                None,
                "par sa Présidente, [à compléter]",
                "La Présidente",
            ),
            (
                "Vice-présidente déléguée à la petite enfance",
                Some(Mme),
                Some("Ana Lys"),
                "par sa Vice-présidente déléguée à la petite enfance, Mme\u{a0}Ana Lys",
                "La Vice-présidente déléguée à la petite enfance",
            ),
            (
                "1er Vice-président",
                Some(M),
                Some("Yves Roc"),
                "par son 1er Vice-président, M.\u{a0}Yves Roc",
                "Le 1er Vice-président",
            ),
            (
                "Président du Conseil départemental",
                Some(M),
                Some("Alain Leboeuf"),
                "par le Président de son Conseil départemental, M.\u{a0}Alain Leboeuf",
                "Le Président du Conseil départemental",
            ),
            (
                "Présidente de la Commission permanente",
                Some(Mme),
                Some("Léa Bon"),
                "par la Présidente de sa Commission permanente, Mme\u{a0}Léa Bon",
                "La Présidente de la Commission permanente",
            ),
            (
                "Président de l'Assemblée générale",
                Some(M),
                Some("Hugo Lin"),
                "par le Président de son Assemblée générale, M.\u{a0}Hugo Lin",
                "Le Président de l'Assemblée générale",
            ),
            (
                "Président du Conseil d'administration de la Caf de l'Orne",
                Some(M),
                Some("Noé Vert"),
                "par le Président du Conseil d'administration de la Caf de l'Orne, M.\u{a0}Noé Vert",
                "Le Président du Conseil d'administration de la Caf de l'Orne",
            ),
            (
                "Directeur général des services",
                None,
                None,
                "par son Directeur général des services, [à compléter]",
                "Le Directeur général des services",
            ),
            (
                "Secrétaire générale",
                Some(Mme),
                Some("Iris Roux"),
                "par sa Secrétaire générale, Mme\u{a0}Iris Roux",
                "La Secrétaire générale",
            ),
            (
                "Secrétaire générale",
                None,
                None,
                "par sa Secrétaire générale, [à compléter]",
                "La Secrétaire générale",
            ),
            (
                "Responsable du pôle enfance",
                Some(Mme),
                Some("Zoé Cal"),
                "par sa Responsable du pôle enfance, Mme\u{a0}Zoé Cal",
                "La Responsable du pôle enfance",
            ),
            (
                "Conseillère municipale déléguée",
                None,
                None,
                "par sa Conseillère municipale déléguée, [à compléter]",
                "La Conseillère municipale déléguée",
            ),
            (
                "Déléguée territoriale",
                None,
                None,
                "par sa Déléguée territoriale, [à compléter]",
                "La Déléguée territoriale",
            ),
            (
                "Délégué territorial",
                None,
                None,
                "par son Délégué territorial, [à compléter]",
                "Le Délégué territorial",
            ),
            (
                "Président",
                Some(Mme),
                Some("Anne Roy"),
                "par son Président, Mme\u{a0}Anne Roy",
                "Le Président",
            ),
        ];
        // No-break spaces (« le Président », « M. Martin ») are typography's business: compared
        // as spaces here, checked apart below.
        let spaces = |s: &str| s.replace('\u{a0}', " ");
        for &(qualite, civilite, nom, phrase, cell) in cases {
            let r = rep(qualite, civilite, nom);
            assert_eq!(spaces(&represented_by(&r)), spaces(phrase), "{qualite}");
            assert_eq!(spaces(&cell_title(&r)), cell, "{qualite}");
        }
        assert_eq!(
            person_name(&rep("Maire", Some(Mme), Some("Anne Roy"))),
            "Mme\u{a0}Anne Roy"
        );
    }

    #[test]
    fn the_participle_agrees_with_the_people() {
        use Civility::{M, Mme};
        let one = |q, c| vec![rep(q, c, None)];
        assert_eq!(authorised(&one("Directrice", None)), "dûment autorisée");
        assert_eq!(authorised(&one("Maire", Some(Mme))), "dûment autorisée");
        assert_eq!(authorised(&one("Président", Some(Mme))), "dûment autorisée");
        assert_eq!(authorised(&one("Maire", None)), "dûment autorisé");
        assert_eq!(
            authorised(&[rep("Présidente", None, None), rep("Directrice", None, None)]),
            "dûment autorisées"
        );
        assert_eq!(
            authorised(&[
                rep("Président", Some(M), None),
                rep("Directrice", None, None)
            ]),
            "dûment autorisés"
        );
    }
}
