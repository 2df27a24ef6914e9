//! Completion: the keywords of the block the cursor is in, the values of closed vocabularies,
//! and the identifiers a field names (an `axe` field offers the axes, with their titles).

use super::context::{Context, Token, context};
use super::occurrences::Namespace;
use crate::keyword::fold;
use crate::lower::keywords;
use crate::model::{
    Champ, ConventionStatus, EquipmentType, Gender, IndicatorType, InstanceType, Model, Nature,
    PartyKind, Priorite, Statut,
};
use crate::source::{FileId, Span};
use crate::typography::{capitalize, french};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CandidateKind {
    Keyword,
    /// A word of a closed vocabulary (`prioritaire`, `petite-enfance`…).
    Value,
    /// The identifier of an element of the convention.
    Element(Namespace),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// What is inserted, and shown.
    pub label: String,
    pub kind: CandidateKind,
    /// What the identifier names (`Axe 1 — Familles`), in French.
    pub detail: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    /// The word under the cursor, which a candidate replaces (empty between words).
    pub replace: Span,
    pub candidates: Vec<Candidate>,
    /// The cursor is where a statement's keyword goes.
    pub keyword_position: bool,
}

/// What may be written at byte OFFSET of TEXT, the text of FILE in MODEL's project; `None` inside
/// a string, a text or a comment.
pub fn complete(model: &Model, text: &str, file: FileId, offset: usize) -> Option<Completion> {
    let cx = context(text, offset);
    if cx.in_text {
        return None;
    }
    let replace = Span::new(file, cx.word.start, cx.word.end);
    let Some((keyword, args)) = cx.statement.split_first() else {
        let candidates = block_keywords(&cx)
            .iter()
            .map(|k| Candidate {
                label: k.to_string(),
                kind: CandidateKind::Keyword,
                detail: None,
            })
            .collect();
        return Some(Completion {
            replace,
            candidates,
            keyword_position: true,
        });
    };
    let keyword = fold(keyword.word()?);
    Some(Completion {
        replace,
        candidates: arguments(model, &cx, &keyword, args),
        keyword_position: false,
    })
}

/// The folded keyword of the statement whose block holds the cursor, `""` at the top level.
fn block(cx: &Context) -> String {
    cx.blocks
        .last()
        .and_then(|b| b.first())
        .and_then(Token::word)
        .map(fold)
        .unwrap_or_default()
}

fn block_keywords(cx: &Context) -> &'static [&'static str] {
    if cx.blocks.is_empty() {
        return keywords::TOP;
    }
    match block(cx).as_str() {
        "convention" => keywords::CONVENTION,
        "signataire" | "commune" | "partenaire" => keywords::PARTY,
        "axe" => keywords::AXE,
        "objectif" => keywords::OBJECTIF,
        "fiche" => keywords::FICHE,
        "indicateur" => keywords::INDICATEUR,
        "equipement" => keywords::EQUIPEMENT,
        "instance" => keywords::INSTANCE,
        "convention-liee" => keywords::LINKED,
        "article" => keywords::ARTICLE,
        "annexe" => keywords::ANNEXE,
        _ => &[],
    }
}

/// What an argument of statement KEYWORD may be, after ARGS.
fn arguments(model: &Model, cx: &Context, keyword: &str, args: &[Token]) -> Vec<Candidate> {
    let first = args.is_empty();
    // In a list, after a comma too; names already listed are not offered again.
    let in_list = first || args.last() == Some(&Token::Comma);
    let listed: Vec<&str> = args.iter().filter_map(Token::word).collect();
    let block = block(cx);
    let ids = |ns: Namespace| elements(model, ns, |_| true, &listed);
    let words = |list: &[&str]| values(list, &listed);
    match (block.as_str(), keyword) {
        (_, "financement") => match args.last().and_then(Token::word).map(fold).as_deref() {
            _ if first => ids(Namespace::Party),
            Some("convention") => ids(Namespace::ConventionLiee),
            Some("beneficiaire") => ids(Namespace::Party),
            _ => Vec::new(),
        },
        ("fiche", "axe") if first => ids(Namespace::Axe),
        ("fiche", "objectifs") if in_list => fiche_objectifs(model, cx, &listed),
        ("fiche", "pilote") if first => ids(Namespace::Party),
        ("fiche", "partenaires") if in_list => ids(Namespace::Party),
        ("fiche", "territoire") if in_list => {
            let mut c = if first { words(&["tout"]) } else { Vec::new() };
            c.extend(communes(model, &listed));
            c
        }
        ("fiche", "champ") | ("convention", "champs") if in_list => words(&Champ::keywords()),
        ("fiche", "priorite") if first => words(&Priorite::keywords()),
        ("fiche", "statut") if first => words(&Statut::keywords()),
        ("convention", "statut") if first => words(&ConventionStatus::keywords()),
        ("equipement", "gestionnaire") if first => ids(Namespace::Party),
        ("equipement", "commune") if first => communes(model, &listed),
        ("equipement", "type") if first => words(&EquipmentType::keywords()),
        ("instance", "membres") if in_list => ids(Namespace::Party),
        ("instance", "fiches") if in_list => ids(Namespace::Fiche),
        ("instance", "type") if first => words(&InstanceType::keywords()),
        ("convention-liee", "signataires") if in_list => ids(Namespace::Party),
        ("article", "apres") if first => articles(model),
        ("indicateur", "type") if first => words(&IndicatorType::keywords()),
        ("signataire" | "partenaire", "nature") if first => words(&Nature::keywords()),
        ("signataire" | "commune" | "partenaire", "genre") if first => words(&Gender::keywords()),
        ("commune", "signataire") if first => words(&["oui", "non"]),
        _ => Vec::new(),
    }
}

fn values(list: &[&str], listed: &[&str]) -> Vec<Candidate> {
    list.iter()
        .filter(|v| !listed.contains(v))
        .map(|v| Candidate {
            label: v.to_string(),
            kind: CandidateKind::Value,
            detail: None,
        })
        .collect()
}

/// The communes of the territory.
fn communes(model: &Model, listed: &[&str]) -> Vec<Candidate> {
    let names: Vec<&str> = model.communes().map(|p| p.id.name.as_str()).collect();
    elements(model, Namespace::Party, |n| names.contains(&n), listed)
}

/// The objectifs of the axe of the fiche the cursor is in (every objectif when the fiche has
/// no axe yet, or is not in the model).
fn fiche_objectifs(model: &Model, cx: &Context, listed: &[&str]) -> Vec<Candidate> {
    let fiche = cx
        .blocks
        .last()
        .and_then(|b| b.get(1))
        .and_then(Token::word);
    let axe = fiche
        .and_then(|id| model.fiches.iter().find(|f| f.id.name == id))
        .and_then(|f| f.axe.as_ref())
        .and_then(|r| r.target);
    let own: Vec<&str> = match axe {
        Some(axe) => model.axes[axe]
            .objectifs
            .iter()
            .map(|&o| model.objectifs[o].id.name.as_str())
            .collect(),
        None => model.objectifs.iter().map(|o| o.id.name.as_str()).collect(),
    };
    elements(model, Namespace::Objectif, |n| own.contains(&n), listed)
}

/// The articles `après` may name: the convention's own, then the model's.
fn articles(model: &Model) -> Vec<Candidate> {
    let mut out = elements(model, Namespace::Article, |_| true, &[]);
    for a in &model.default_articles {
        if !out.iter().any(|c| c.label == a.id) {
            out.push(Candidate {
                label: a.id.clone(),
                kind: CandidateKind::Element(Namespace::Article),
                detail: Some(french(&a.titre)),
            });
        }
    }
    out
}

/// The elements of NAMESPACE whose name KEEP accepts and is not LISTED, with what they are.
fn elements(
    model: &Model,
    ns: Namespace,
    keep: impl Fn(&str) -> bool,
    listed: &[&str],
) -> Vec<Candidate> {
    let labels = &model.config.libelles;
    let numbered = |label: &str, numero: &str, titre: &str| {
        format!("{} {numero} — {titre}", capitalize(label))
    };
    let all: Vec<(&str, String)> = match ns {
        Namespace::Party => model
            .parties
            .iter()
            .map(|p| {
                let role = match p.kind {
                    PartyKind::Signataire => "signataire",
                    PartyKind::Commune => "commune",
                    PartyKind::Partenaire => "partenaire",
                };
                (p.id.name.as_str(), format!("{} ({role})", p.nom.value))
            })
            .collect(),
        Namespace::Axe => model
            .axes
            .iter()
            .map(|a| {
                (
                    a.id.name.as_str(),
                    numbered(&labels.axe, &a.numero, &a.titre.value),
                )
            })
            .collect(),
        Namespace::Objectif => model
            .objectifs
            .iter()
            .map(|o| {
                let detail = numbered(&labels.objectif, &o.numero, &o.titre.value);
                (o.id.name.as_str(), detail)
            })
            .collect(),
        Namespace::Fiche => model
            .fiches
            .iter()
            .map(|f| {
                let detail = numbered(&labels.fiche, &f.numero, &f.titre.value);
                (f.id.name.as_str(), detail)
            })
            .collect(),
        Namespace::Equipement => model
            .equipements
            .iter()
            .map(|e| (e.id.name.as_str(), e.nom.value.clone()))
            .collect(),
        Namespace::Instance => model
            .instances
            .iter()
            .map(|i| (i.id.name.as_str(), i.nom.value.clone()))
            .collect(),
        Namespace::ConventionLiee => model
            .conventions_liees
            .iter()
            .map(|c| (c.id.name.as_str(), c.titre.value.clone()))
            .collect(),
        Namespace::Article => model
            .articles
            .iter()
            .filter_map(|a| Some((a.id.name.as_str(), a.titre.as_ref()?.value.clone())))
            .collect(),
        Namespace::Annexe => model
            .annexes
            .iter()
            .map(|a| (a.id.name.as_str(), a.titre.value.clone()))
            .collect(),
    };
    let mut seen: Vec<&str> = Vec::new();
    all.into_iter()
        .filter(|(name, _)| keep(name) && !listed.contains(name))
        // A duplicate identifier (reported by the checker) is offered once.
        .filter(|(name, _)| {
            let new = !seen.contains(name);
            seen.push(name);
            new
        })
        .map(|(name, detail)| Candidate {
            label: name.to_string(),
            kind: CandidateKind::Element(ns),
            detail: Some(french(&detail)),
        })
        .collect()
}
