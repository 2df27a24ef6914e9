//! The effective article list: the article model's defaults (the Caf's model or the built-in
//! one), with the convention's retitles, new texts, omissions, additions and moves applied.
//!
//! `article ID "Titre" { … }` with the id of a default article retitles that article at its
//! place (it never adds a second one); with a new id it adds an article, before `litiges` unless
//! `après ID` or `avant ID` places it. `après`/`avant` also move a default article. An article
//! préliminaire (`préliminaire: oui` in the model, `préliminaire` in the convention) comes first
//! and has no number. What cannot be arranged is a [`Misplaced`], reported by `check::articles`.

use crate::model::{Article, Model, Text};
use crate::source::Span;

/// The values a default article text may name as `{{ … }}` (filled in by the view). A name
/// outside this list is a mistake of the article model, reported as a diagnostic.
pub(crate) const VARIABLES: &[&str] = &[
    "champs",
    "axes_libelle",
    "fiches_libelle",
    "nombre_axes",
    "nombre_fiches",
    "debut",
    "fin",
    "signature",
    "territoire",
    "total",
    "fiche_libelle",
    "axes_compte",
    "fiches_compte",
    "msa",
    "departement",
    "collectivites",
    "collectivites_pluriel",
    "collectivites_pronom",
    "epci",
    "autres_signataires",
    "autres_pluriel",
    "instances",
    "copil",
    "cotech",
    "groupes",
    "sous_reserve_credits",
];

#[derive(Debug, Clone)]
pub(crate) struct EffectiveArticle {
    pub id: String,
    pub titre: String,
    /// Markdown. Default texts may hold `{{ … }}` filled in by the view.
    pub texte: String,
    /// The text comes from the convention rather than from the template.
    pub propre: bool,
    /// The convention's text as written, when it gives one (`texte` is its Markdown).
    pub source: Option<Text>,
    /// The « Article préliminaire »: first, without a number.
    pub preliminaire: bool,
}

/// An article the convention places where it cannot go.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Misplaced {
    /// `avant`/`après` (at the first span) an omitted article (omitted at the second).
    NextToOmitted { at: Span, omitted: Span, id: String },
    /// Two articles claim one place (the second, then the first).
    SamePlace { at: Span, first: Span },
    /// Both `avant` and `après`, itself, a chain that comes back to its start, before the
    /// préliminaire, or a préliminaire that moves.
    Impossible { at: Span, why: &'static str },
}

/// The articles in document order.
pub(crate) fn effective(model: &Model) -> Vec<EffectiveArticle> {
    arrange(model).0
}

/// The articles in document order, and what could not be placed as written.
pub(crate) fn arrange(model: &Model) -> (Vec<EffectiveArticle>, Vec<Misplaced>) {
    let mut problems = Vec::new();
    let text = |t: &Option<Text>| t.as_ref().map(|t| t.markdown_with(str::to_string));
    let mut list: Vec<EffectiveArticle> = model
        .default_articles
        .iter()
        .map(|d| EffectiveArticle {
            id: d.id.clone(),
            titre: d.titre.clone(),
            texte: d.texte.trim_end().to_string(),
            propre: false,
            source: None,
            preliminaire: d.preliminaire,
        })
        .collect();
    let is_default = |id: &str| model.default_articles.iter().any(|d| d.id == id);
    // Retitles and new texts of default articles, at their place.
    for a in model.articles.iter().filter(|a| is_default(&a.id.name)) {
        let Some(existing) = list.iter_mut().find(|e| e.id == a.id.name) else {
            continue;
        };
        if let Some(t) = &a.titre {
            existing.titre = t.value.clone();
        }
        if let Some(t) = text(&a.texte) {
            existing.texte = t;
            existing.propre = true;
            existing.source = a.texte.clone();
        }
        if a.preliminaire.is_some() {
            existing.preliminaire = true;
        }
    }
    let omitted: Vec<&Article> = model.articles.iter().filter(|a| a.omis).collect();
    // The articles to place: new ones, and default ones that move.
    let mut pending: Vec<&Article> = Vec::new();
    // (anchor, after it, where the anchor is written, the article that claims the place)
    let mut claimed: Vec<(&str, bool, Span, &str)> = Vec::new();
    for a in model.articles.iter().filter(|a| !a.omis) {
        let anchor = a.apres.as_ref().or(a.avant.as_ref());
        if is_default(&a.id.name) && anchor.is_none() {
            continue;
        }
        if let Some(why) = impossible(a, &list, &model.articles) {
            problems.push(Misplaced::Impossible {
                at: a.span_of_place(),
                why,
            });
            place(&mut list, a, None, &text);
            continue;
        }
        let Some(r) = anchor else {
            pending.push(a);
            continue;
        };
        if let Some(o) = omitted.iter().find(|o| o.id.name == r.name) {
            problems.push(Misplaced::NextToOmitted {
                at: r.span,
                omitted: o.id.span,
                id: r.name.clone(),
            });
            place(&mut list, a, None, &text);
            continue;
        }
        let after = a.apres.is_some();
        match claimed
            .iter()
            .find(|(id, side, _, _)| *id == r.name && *side == after)
        {
            Some(&(_, _, first, _)) => problems.push(Misplaced::SamePlace { at: r.span, first }),
            None => claimed.push((r.name.as_str(), after, r.span, a.id.name.as_str())),
        }
        pending.push(a);
    }
    // Place the pending articles whose anchor is in the list, until none can be: those left
    // name one another in a loop. An anchor that names no article is reported by `resolve`.
    let known = |id: &str| is_default(id) || model.articles.iter().any(|a| a.id.name == id);
    loop {
        let before = pending.len();
        pending.retain(|a| {
            let anchor = a.apres.as_ref().or(a.avant.as_ref());
            match anchor {
                Some(r) if known(&r.name) && !list.iter().any(|e| e.id == r.name) => true,
                Some(r) if known(&r.name) => {
                    place(&mut list, a, Some((&r.name, a.apres.is_some())), &text);
                    false
                }
                _ => {
                    place(&mut list, a, None, &text);
                    false
                }
            }
        });
        if pending.len() == before {
            break;
        }
    }
    for a in pending {
        problems.push(Misplaced::Impossible {
            at: a.span_of_place(),
            why: "les articles se placent les uns par rapport aux autres en boucle",
        });
        place(&mut list, a, None, &text);
    }
    problems.extend(one_gap(&list, &claimed));
    let names: Vec<&str> = omitted.iter().map(|a| a.id.name.as_str()).collect();
    list.retain(|e| !names.contains(&e.id.as_str()));
    // The préliminaire first; two of them claim one place.
    let mut preliminaires = list.iter().filter(|e| e.preliminaire);
    if let (Some(_), Some(second)) = (preliminaires.next(), preliminaires.next()) {
        let span_of = |id: &str| {
            model
                .articles
                .iter()
                .find(|a| a.id.name == id)
                .map(|a| a.preliminaire.unwrap_or(a.id.span))
        };
        let first = list.iter().find(|e| e.preliminaire).map(|e| e.id.as_str());
        if let (Some(at), Some(first)) = (span_of(&second.id), first.and_then(span_of)) {
            problems.push(Misplaced::SamePlace { at, first });
        }
    }
    list.sort_by_key(|e| !e.preliminaire);
    (list, problems)
}

/// « après X » and « avant Y » where Y follows X: two articles ask for the one gap between X and
/// Y, and which comes first is nobody's choice. Reported at the place written second.
fn one_gap(list: &[EffectiveArticle], claimed: &[(&str, bool, Span, &str)]) -> Vec<Misplaced> {
    let mut problems = Vec::new();
    for &(x, _, after_at, a) in claimed.iter().filter(|c| c.1) {
        for &(y, _, before_at, b) in claimed.iter().filter(|c| !c.1) {
            let rest: Vec<&str> = list
                .iter()
                .map(|e| e.id.as_str())
                .filter(|id| *id != a && *id != b)
                .collect();
            let at = |id: &str| rest.iter().position(|e| *e == id);
            if let (Some(i), Some(j)) = (at(x), at(y))
                && j == i + 1
            {
                let (first, at) = if after_at.start <= before_at.start {
                    (after_at, before_at)
                } else {
                    (before_at, after_at)
                };
                problems.push(Misplaced::SamePlace { at, first });
            }
        }
    }
    problems
}

/// Why article A cannot be placed as written, whatever the others do.
fn impossible(
    a: &Article,
    list: &[EffectiveArticle],
    articles: &[Article],
) -> Option<&'static str> {
    if a.apres.is_some() && a.avant.is_some() {
        return Some("un article se place avant ou après un autre, pas les deux");
    }
    let anchor = a.apres.as_ref().or(a.avant.as_ref())?;
    if anchor.name == a.id.name {
        return Some("un article ne se place pas par rapport à lui-même");
    }
    if a.preliminaire.is_some() || list.iter().any(|e| e.preliminaire && (e.id == a.id.name)) {
        return Some("l'article préliminaire vient toujours en premier");
    }
    let preliminaire = list.iter().any(|e| e.preliminaire && e.id == anchor.name)
        || articles
            .iter()
            .any(|o| o.preliminaire.is_some() && o.id.name == anchor.name);
    if a.avant.is_some() && preliminaire {
        return Some("rien ne se place avant l'article préliminaire");
    }
    None
}

/// Puts article A next to ANCHOR (an id, and whether after it), else at the end — a new article
/// without a place goes before `litiges` — taking out the default article of the same id first.
fn place(
    list: &mut Vec<EffectiveArticle>,
    a: &Article,
    anchor: Option<(&str, bool)>,
    text: &impl Fn(&Option<Text>) -> Option<String>,
) {
    let existing = list
        .iter()
        .position(|e| e.id == a.id.name)
        .map(|i| list.remove(i));
    let moved = existing.is_some();
    let article = existing.unwrap_or_else(|| EffectiveArticle {
        id: a.id.name.clone(),
        titre: a
            .titre
            .as_ref()
            .map(|t| t.value.clone())
            .unwrap_or_default(),
        texte: text(&a.texte).unwrap_or_default(),
        propre: true,
        source: a.texte.clone(),
        preliminaire: a.preliminaire.is_some(),
    });
    let next_to = anchor.and_then(|(id, after)| {
        let i = list.iter().position(|e| e.id == id)?;
        Some(if after { i + 1 } else { i })
    });
    let unplaced = !moved && a.apres.is_none() && a.avant.is_none();
    let at = next_to
        .or_else(|| {
            unplaced
                .then(|| list.iter().position(|e| e.id == "litiges"))
                .flatten()
        })
        .unwrap_or(list.len());
    list.insert(at, article);
}

impl Article {
    /// Where the article's place is written: its `avant`/`après`, else its id.
    pub(crate) fn span_of_place(&self) -> Span {
        self.avant
            .as_ref()
            .or(self.apres.as_ref())
            .map_or(self.id.span, |r| r.span)
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::world::MemoryWorld;

    /// The ids and titles of the articles of CONVENTION, with the article model MODEL, in order;
    /// and the codes of the diagnostics.
    fn arranged(model: &str, convention: &str) -> (Vec<(String, String, bool)>, Vec<String>) {
        let world = MemoryWorld::new()
            .with("convention.ctg", convention)
            .with("templates/articles.yaml", model);
        let comp = crate::compile::analyse(&world, Path::new("."), Default::default()).unwrap();
        let (list, _) = super::arrange(&comp.model);
        let codes = comp
            .diagnostics
            .iter()
            .filter(|d| {
                d.rule.code.starts_with("ctg::article")
                    || d.rule.code.starts_with("ctg::ref::article")
            })
            .map(|d| d.rule.code.to_string())
            .collect();
        let list = list
            .into_iter()
            .map(|a| (a.id, a.titre, a.preliminaire))
            .collect();
        (list, codes)
    }

    const MODEL: &str = "- id: preambule\n  titre: Article préliminaire\n  préliminaire: oui\n  texte: p\n\
        - id: objet\n  titre: Objet\n  texte: o\n\
        - id: duree\n  titre: Durée\n  texte: d\n\
        - id: litiges\n  titre: Litiges\n  texte: l\n";

    fn ids(list: &[(String, String, bool)]) -> Vec<&str> {
        list.iter().map(|(id, _, _)| id.as_str()).collect()
    }

    #[test]
    fn a_titled_default_article_is_retitled_at_its_place() {
        let (list, codes) = arranged(MODEL, "article objet \"Autre titre\" { texte \"x\" }\n");
        assert_eq!(codes, Vec::<String>::new());
        assert_eq!(ids(&list), ["preambule", "objet", "duree", "litiges"]);
        assert_eq!(list[1].1, "Autre titre");
    }

    #[test]
    fn articles_move_and_join_before_or_after_another() {
        let (list, codes) = arranged(
            MODEL,
            "article litiges { avant objet }\n\
             article bilan \"Bilan\" { après duree }\n\
             article suivi \"Suivi\" { avant bilan }\n\
             article annexe \"Divers\" { texte \"x\" }\n",
        );
        assert_eq!(codes, Vec::<String>::new());
        assert_eq!(
            ids(&list),
            // A new article without a place goes before `litiges`, wherever it is.
            [
                "preambule",
                "annexe",
                "litiges",
                "objet",
                "duree",
                "suivi",
                "bilan"
            ]
        );
    }

    #[test]
    fn the_preliminaire_comes_first_and_never_moves() {
        let (list, codes) = arranged(
            "- id: objet\n  titre: Objet\n  texte: o\n",
            "article avertissement \"Article préliminaire\" { préliminaire }\n\
             article duree \"Durée\" { avant avertissement }\n",
        );
        assert_eq!(ids(&list)[0], "avertissement");
        assert!(list[0].2);
        assert_eq!(codes, ["ctg::article::position-invalide"]);
    }

    #[test]
    fn after_one_and_before_the_next_is_the_same_place() {
        let (_, codes) = arranged(
            MODEL,
            "article a \"A\" { après objet }\narticle b \"B\" { avant duree }\n",
        );
        assert_eq!(codes, ["ctg::article::meme-place"]);
        // Not the same gap: after objet, and before an article further on.
        let (list, codes) = arranged(
            MODEL,
            "article a \"A\" { après preambule }\narticle b \"B\" { avant duree }\n",
        );
        assert!(codes.is_empty(), "{codes:?}");
        assert_eq!(
            ids(&list),
            ["preambule", "a", "objet", "b", "duree", "litiges"]
        );
    }

    #[test]
    fn misplacements_are_reported() {
        let (_, codes) = arranged(
            MODEL,
            "article duree { omis }\n\
             article a \"A\" { après duree }\n\
             article b \"B\" { après objet }\n\
             article c \"C\" { après objet }\n\
             article d \"D\" { après d }\n\
             article objett { texte \"x\" }\n",
        );
        assert_eq!(
            codes,
            [
                "ctg::article::position-omise",
                "ctg::article::meme-place",
                "ctg::article::position-invalide",
                "ctg::ref::article-inconnu",
            ]
        );
    }
}
