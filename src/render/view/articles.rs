//! The articles as printed: the effective list (`crate::articles`), numbered, the `{{ … }}` of
//! the default texts filled in from the convention.

use serde::Serialize;

use crate::articles;
use crate::model::Model;
use crate::typography::french;

use super::TO_COMPLETE;
use super::plan::Labels;
use super::text::{escape_markdown, join_fr};

#[derive(Serialize, Debug, Clone)]
pub struct ArticleView {
    pub numero: usize,
    /// « Article 1er », « Article 2 »
    pub intitule: String,
    pub id: String,
    pub ancre: String,
    pub titre: String,
    pub texte_md: String,
}

pub(super) fn articles(model: &Model, champs: &[String], labels: &Labels) -> Vec<ArticleView> {
    articles::effective(model)
        .into_iter()
        .enumerate()
        .map(|(i, a)| ArticleView {
            numero: i + 1,
            intitule: if i == 0 {
                "Article 1er".to_string()
            } else {
                format!("Article {}", i + 1)
            },
            ancre: format!("article-{}", i + 1),
            texte_md: french(&if a.propre {
                a.texte
            } else {
                fill_article(&a.texte, model, champs, labels)
            }),
            titre: french(&a.titre),
            id: a.id,
        })
        .collect()
}

/// Fills the `{{ … }}` of a default article text with Markdown-escaped values.
fn fill_article(text: &str, model: &Model, view_champs: &[String], labels: &Labels) -> String {
    let mut env = minijinja::Environment::new();
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Lenient);
    let md = escape_markdown;
    let period = model.period();
    let ctx = minijinja::context! {
        champs => md(&join_fr(&view_champs.iter().map(|c| c.to_lowercase()).collect::<Vec<_>>())),
        axes_libelle => md(&labels.axes.to_lowercase()),
        fiches_libelle => md(&labels.fiches.to_lowercase()),
        nombre_axes => model.axes.len(),
        nombre_fiches => model.fiches.len(),
        debut => period.map(|p| p.start.french()).unwrap_or_else(|| TO_COMPLETE.into()),
        fin => period.map(|p| p.end.french()).unwrap_or_else(|| TO_COMPLETE.into()),
        territoire => md(&model.convention.as_ref().and_then(|c| c.territoire.as_ref()).map(|t| t.value.clone()).unwrap_or_default()),
    };
    env.render_str(text, ctx)
        .unwrap_or_else(|_| text.to_string())
}
