//! The effective article list: the template's defaults, with the convention's overrides,
//! omissions and additions applied.

use crate::model::{Model, Text};

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
    "territoire",
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
}

pub(crate) fn effective(model: &Model) -> Vec<EffectiveArticle> {
    let mut list: Vec<EffectiveArticle> = model
        .default_articles
        .iter()
        .map(|d| EffectiveArticle {
            id: d.id.clone(),
            titre: d.titre.clone(),
            texte: d.texte.trim_end().to_string(),
            propre: false,
        })
        .collect();
    let text = |t: &Option<Text>| t.as_ref().map(|t| t.markdown_with(str::to_string));
    // Overrides and omissions of default articles.
    for a in model.articles.iter().filter(|a| a.titre.is_none()) {
        if let Some(existing) = list.iter_mut().find(|e| e.id == a.id.name)
            && let Some(t) = text(&a.texte)
        {
            existing.texte = t;
            existing.propre = true;
        }
    }
    // New articles, after `après` (default: before `litiges`, else at the end).
    for a in model.articles.iter().filter(|a| a.titre.is_some()) {
        let new = EffectiveArticle {
            id: a.id.name.clone(),
            titre: a
                .titre
                .as_ref()
                .map(|t| t.value.clone())
                .unwrap_or_default(),
            texte: text(&a.texte).unwrap_or_default(),
            propre: true,
        };
        let at = match &a.apres {
            Some(r) => list.iter().position(|e| e.id == r.name).map(|i| i + 1),
            None => list.iter().position(|e| e.id == "litiges"),
        }
        .unwrap_or(list.len());
        list.insert(at, new);
    }
    let omitted: Vec<&str> = model
        .articles
        .iter()
        .filter(|a| a.omis)
        .map(|a| a.id.name.as_str())
        .collect();
    list.retain(|e| !omitted.contains(&e.id.as_str()));
    list
}
