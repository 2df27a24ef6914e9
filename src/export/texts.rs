//! The texts: the articles as they will be printed, and the convention's own annexes.

use schemars::JsonSchema;
use serde::Serialize;

use crate::model::Model;

use super::text;

#[derive(Serialize, JsonSchema)]
pub struct Article {
    pub id: String,
    pub numero: usize,
    pub titre: String,
    pub texte: String,
    /// The text is the convention's own rather than the template's.
    pub propre: bool,
}

#[derive(Serialize, JsonSchema)]
pub struct Annexe {
    pub id: String,
    pub titre: String,
    pub texte: Option<String>,
}

pub(super) fn articles(model: &Model) -> Vec<Article> {
    crate::articles::effective(model)
        .into_iter()
        .enumerate()
        .map(|(i, a)| Article {
            id: a.id,
            numero: i + 1,
            titre: a.titre,
            texte: a.texte,
            propre: a.propre,
        })
        .collect()
}

pub(super) fn annexes(model: &Model) -> Vec<Annexe> {
    model
        .annexes
        .iter()
        .map(|a| Annexe {
            id: a.id.name.clone(),
            titre: a.titre.value.clone(),
            texte: text(&a.texte),
        })
        .collect()
}
