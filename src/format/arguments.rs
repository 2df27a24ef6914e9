//! A statement's arguments in their canonical spelling: money `12 000 €`, dates `13 janvier 2023`,
//! `à compléter`, vocabulary words with their accents, the modifiers of `financement` in the
//! order of the language reference. Identifiers and quoted text are never touched.

use super::order::Kind;
use crate::date::Date;
use crate::keyword::{fold, fold_eq};
use crate::lower::dedent;
use crate::model::{
    CapacityUnit, Champ, Civility, ConventionStatus, EquipmentType, Gender, IndicatorType,
    InstanceType, Nature, Priorite, Statut, TO_COMPLETE,
};
use crate::money::Money;
use crate::syntax::{Arg, ArgKind};

/// One printed argument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Token {
    /// Printed as is: a word, a number, a quoted string, an amount, a date, `à compléter`.
    Atom(String),
    /// `,` — a list may be wrapped after it.
    Comma,
    /// `..`
    Range,
    /// `%`
    Percent,
    /// A `"""` text, dedented (lines joined by `\n`).
    Text(String),
}

/// `"…"` with its escapes.
pub(crate) fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// The canonical words of the vocabulary a statement's bare words are taken from, if any.
fn vocabulary(kind: Kind, keyword: &str) -> Option<Vec<&'static str>> {
    Some(match (kind, keyword) {
        (Kind::Convention, "statut") => ConventionStatus::keywords(),
        (Kind::Convention, "champs") | (Kind::Fiche, "champ") => Champ::keywords(),
        (Kind::Party, "nature") => Nature::keywords(),
        (Kind::Party, "genre") => Gender::keywords(),
        (Kind::Party, "représentant") => Civility::keywords(),
        (Kind::Fiche, "priorité") => Priorite::keywords(),
        (Kind::Fiche | Kind::BilanFiche, "statut") => Statut::keywords(),
        (Kind::Indicateur, "type") => IndicatorType::keywords(),
        (Kind::Indicateur, "départ" | "cible") => vec!["en"],
        (Kind::Equipement, "type") => EquipmentType::keywords(),
        (Kind::Equipement, "capacité") => CapacityUnit::keywords(),
        (Kind::Instance, "type") => InstanceType::keywords(),
        _ => return None,
    })
}

/// One argument on its own; bare words are replaced by their vocabulary spelling when they are one.
fn token(arg: &Arg, vocabulary: &[&'static str]) -> Token {
    match &arg.kind {
        ArgKind::Str(s) => Token::Atom(quote(s)),
        ArgKind::Text(raw) => Token::Text(dedent(raw)),
        ArgKind::Placeholder => Token::Atom(TO_COMPLETE.into()),
        ArgKind::Money(raw) => {
            Token::Atom(Money::parse(raw).map_or_else(|_| raw.clone(), Money::source))
        }
        ArgKind::Date(raw) => {
            Token::Atom(Date::parse(raw).map_or_else(|_| raw.clone(), Date::french))
        }
        ArgKind::Range => Token::Range,
        ArgKind::Number(n) => Token::Atom(n.clone()),
        ArgKind::Comma => Token::Comma,
        ArgKind::Percent => Token::Percent,
        ArgKind::Word(w) => {
            let f = fold(w);
            Token::Atom(
                vocabulary
                    .iter()
                    .find(|v| fold(v) == f)
                    .map_or_else(|| w.clone(), |v| v.to_string()),
            )
        }
    }
}

fn is_word(arg: Option<&Arg>, word: &str) -> bool {
    matches!(arg, Some(Arg { kind: ArgKind::Word(w), .. }) if fold_eq(w, word))
}

/// The canonical arguments of a statement of block `kind` whose canonical keyword is `keyword`.
pub(crate) fn tokens(kind: Kind, keyword: &str, args: &[Arg]) -> Vec<Token> {
    if matches!(kind, Kind::Fiche | Kind::Equipement | Kind::Funding)
        && keyword == "financement"
        && let Some(t) = funding(args)
    {
        return t;
    }
    if kind == Kind::Fiche && keyword == "territoire" && is_word(args.first(), "tout") {
        let mut out = vec![Token::Atom("tout".into())];
        out.extend(args[1..].iter().map(|a| token(a, &[])));
        return out;
    }
    let vocabulary = vocabulary(kind, keyword).unwrap_or_default();
    args.iter().map(|a| token(a, &vocabulary)).collect()
}

/// `financement FINANCEUR ANNÉES MONTANT [par an] [dispositif "…"] [prévisionnel] [convention ID]
/// [bénéficiaire ID]`, modifiers put in that order. `None` when the statement is not well formed
/// (the checker reports it; the formatter then keeps the arguments in their written order).
fn funding(args: &[Arg]) -> Option<Vec<Token>> {
    let mut out = Vec::new();
    let mut i = 0;
    let next = |i: &mut usize| {
        let a = args.get(*i);
        *i += 1;
        a
    };
    // Funder.
    match next(&mut i)? {
        a @ Arg {
            kind: ArgKind::Word(_) | ArgKind::Number(_),
            ..
        } => out.push(token(a, &[])),
        _ => return None,
    }
    // Years.
    match next(&mut i)? {
        a @ Arg {
            kind: ArgKind::Number(_),
            ..
        } => out.push(token(a, &[])),
        _ => return None,
    }
    if matches!(
        args.get(i),
        Some(Arg {
            kind: ArgKind::Range,
            ..
        })
    ) {
        i += 1;
        out.push(Token::Range);
        match next(&mut i)? {
            a @ Arg {
                kind: ArgKind::Number(_),
                ..
            } => out.push(token(a, &[])),
            _ => return None,
        }
    }
    // Amount.
    match next(&mut i)? {
        a @ Arg {
            kind: ArgKind::Money(raw),
            ..
        } => {
            Money::parse(raw).ok()?;
            out.push(token(a, &[]));
        }
        a @ Arg {
            kind: ArgKind::Placeholder,
            ..
        } => out.push(token(a, &[])),
        a if is_word(Some(a), "à") && is_word(args.get(i), "déterminer") => {
            i += 1;
            out.push(Token::Atom("à déterminer".into()));
        }
        _ => return None,
    }
    // Modifiers, each at most once.
    let mut par_an = false;
    let mut dispositif = None;
    let mut previsionnel = false;
    let mut convention = None;
    let mut beneficiaire = None;
    while let Some(a) = args.get(i) {
        i += 1;
        if is_word(Some(a), "par") && is_word(args.get(i), "an") && !par_an {
            i += 1;
            par_an = true;
        } else if is_word(Some(a), "dispositif") && dispositif.is_none() {
            match next(&mut i)? {
                d @ Arg {
                    kind: ArgKind::Str(_),
                    ..
                } => dispositif = Some(token(d, &[])),
                _ => return None,
            }
        } else if is_word(Some(a), "prévisionnel") && !previsionnel {
            previsionnel = true;
        } else if is_word(Some(a), "convention") && convention.is_none() {
            match next(&mut i)? {
                c @ Arg {
                    kind: ArgKind::Word(_) | ArgKind::Number(_),
                    ..
                } => convention = Some(token(c, &[])),
                _ => return None,
            }
        } else if is_word(Some(a), "bénéficiaire") && beneficiaire.is_none() {
            match next(&mut i)? {
                b @ Arg {
                    kind: ArgKind::Word(_) | ArgKind::Number(_),
                    ..
                } => beneficiaire = Some(token(b, &[])),
                _ => return None,
            }
        } else {
            return None;
        }
    }
    let word = |w: &str| Token::Atom(w.to_string());
    if par_an {
        out.extend([word("par"), word("an")]);
    }
    if let Some(d) = dispositif {
        out.extend([word("dispositif"), d]);
    }
    if previsionnel {
        out.push(word("prévisionnel"));
    }
    if let Some(c) = convention {
        out.extend([word("convention"), c]);
    }
    if let Some(b) = beneficiaire {
        out.extend([word("bénéficiaire"), b]);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    fn args_of(line: &str) -> Vec<Arg> {
        let (tree, diags) = crate::syntax::parse(line, FileId(0));
        assert!(diags.is_empty(), "{line}");
        tree.statements[0].args.clone()
    }

    fn atoms(tokens: &[Token]) -> String {
        tokens
            .iter()
            .map(|t| match t {
                Token::Atom(s) => s.clone(),
                Token::Comma => ",".into(),
                Token::Range => "..".into(),
                Token::Percent => "%".into(),
                Token::Text(t) => format!("<{t}>"),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn funding_modifiers_take_the_reference_order() {
        let args = args_of(
            "financement caf 2023..2026 12000€ Previsionnel dispositif \"B\" PAR an beneficiaire cc\n",
        );
        assert_eq!(
            atoms(&tokens(Kind::Fiche, "financement", &args)),
            "caf 2023 .. 2026 12 000 € par an dispositif \"B\" prévisionnel bénéficiaire cc"
        );
        let args = args_of("financement msa 2025 a determiner convention Convention\n");
        assert_eq!(
            atoms(&tokens(Kind::Fiche, "financement", &args)),
            "msa 2025 à déterminer convention Convention"
        );
    }

    #[test]
    fn malformed_funding_keeps_its_order() {
        let args = args_of("financement caf 2023 12 000 € dispositif dispositif\n");
        assert_eq!(
            atoms(&tokens(Kind::Fiche, "financement", &args)),
            "caf 2023 12 000 € dispositif dispositif"
        );
    }

    #[test]
    fn vocabulary_words_get_their_accents_identifiers_do_not() {
        let args = args_of("champ parentalite, Acces-aux-droits\n");
        assert_eq!(
            atoms(&tokens(Kind::Fiche, "champ", &args)),
            "parentalité , accès-aux-droits"
        );
        let args = args_of("partenaires parentalite\n");
        assert_eq!(
            atoms(&tokens(Kind::Fiche, "partenaires", &args)),
            "parentalite"
        );
        let args = args_of("signature 2023-01-01\n");
        assert_eq!(
            atoms(&tokens(Kind::Convention, "signature", &args)),
            "1er janvier 2023"
        );
        let args = args_of("représentant \"Maire\" mme \"A \\\"B\\\"\"\n");
        assert_eq!(
            atoms(&tokens(Kind::Party, "représentant", &args)),
            "\"Maire\" Mme \"A \\\"B\\\"\""
        );
    }
}
