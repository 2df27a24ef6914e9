//! The articles as printed: the effective list (`crate::articles`), numbered, the `{{ … }}` of
//! the default texts filled in from the convention. Filling is strict: a name outside
//! [`articles::VARIABLES`] or a malformed `{{ … }}` is a [`TemplateError`], never a text printed
//! as it was written.

use std::collections::BTreeMap;

use minijinja::value::Value;
use minijinja::{Environment, UndefinedBehavior};
use serde::Serialize;

use crate::articles;
use crate::model::Model;
use crate::render::engine::{self, TemplateError};
use crate::typography::french;

use super::TO_COMPLETE;
use super::plan::Labels;
use super::text::join_fr;
use crate::model::escape_markdown;

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

pub(super) fn articles(
    model: &Model,
    champs: &[String],
    labels: &Labels,
) -> Result<Vec<ArticleView>, TemplateError> {
    let filler = Filler::new(model, champs, labels);
    articles::effective(model)
        .into_iter()
        .enumerate()
        .map(|(i, a)| {
            let texte = if a.propre {
                a.texte
            } else {
                filler.fill(&a.id, &a.texte)?
            };
            Ok(ArticleView {
                numero: i + 1,
                intitule: if i == 0 {
                    "Article 1er".to_string()
                } else {
                    format!("Article {}", i + 1)
                },
                ancre: format!("article-{}", i + 1),
                texte_md: french(&texte),
                titre: french(&a.titre),
                id: a.id,
            })
        })
        .collect()
}

/// Fills default article texts: one environment and one set of values for all of them.
struct Filler {
    env: Environment<'static>,
    values: BTreeMap<&'static str, Value>,
}

impl Filler {
    fn new(model: &Model, champs: &[String], labels: &Labels) -> Self {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        Filler {
            env,
            values: values(model, champs, labels),
        }
    }

    /// The text of article `id` with its `{{ … }}` filled in.
    fn fill(&self, id: &str, text: &str) -> Result<String, TemplateError> {
        let name = format!("article « {id} »");
        self.env
            .render_named_str(&name, text, &self.values)
            .map_err(|e| {
                engine::translate(&e, &name, |_| {
                    Some((
                        format!("texte de l'article « {id} » (articles.yaml)"),
                        text.to_string(),
                    ))
                })
            })
    }
}

/// The value of each name of [`articles::VARIABLES`], Markdown-escaped where it is text.
fn values(model: &Model, champs: &[String], labels: &Labels) -> BTreeMap<&'static str, Value> {
    let md = |s: &str| Value::from(escape_markdown(s));
    let period = model.period();
    let lower: Vec<String> = champs.iter().map(|c| c.to_lowercase()).collect();
    let territoire = model
        .convention
        .as_ref()
        .and_then(|c| c.territoire.as_ref())
        .map(|t| t.value.as_str())
        .unwrap_or_default();
    BTreeMap::from([
        ("champs", md(&join_fr(&lower))),
        ("axes_libelle", md(&labels.axes.to_lowercase())),
        ("fiches_libelle", md(&labels.fiches.to_lowercase())),
        ("nombre_axes", Value::from(model.axes.len())),
        ("nombre_fiches", Value::from(model.fiches.len())),
        (
            "debut",
            Value::from(period.map_or_else(|| TO_COMPLETE.into(), |p| p.start.french())),
        ),
        (
            "fin",
            Value::from(period.map_or_else(|| TO_COMPLETE.into(), |p| p.end.french())),
        ),
        ("territoire", md(territoire)),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project;
    use crate::render::view::plan;

    fn filler() -> Filler {
        let labels = plan::labels(&project::Labels::default());
        Filler::new(&Model::default(), &["Jeunesse".to_string()], &labels)
    }

    #[test]
    fn every_variable_has_a_value_and_no_other_name_does() {
        let filler = filler();
        let names: Vec<&str> = filler.values.keys().copied().collect();
        let mut expected = articles::VARIABLES.to_vec();
        expected.sort_unstable();
        assert_eq!(names, expected);
        for name in articles::VARIABLES {
            let filled = filler.fill("test", &format!("{{{{ {name} }}}}"));
            assert!(filled.is_ok(), "{name}: {filled:?}");
        }
    }

    #[test]
    fn values_are_filled_in() {
        let filled = filler()
            .fill(
                "champs",
                "{% if champs %}Champs : {{ champs }}.{% endif %} Du {{ debut }}.",
            )
            .unwrap();
        assert_eq!(filled, "Champs : jeunesse. Du [à compléter].");
    }

    #[test]
    fn an_unknown_name_is_an_error_not_the_raw_text() {
        let err = filler()
            .fill(
                "objet",
                "Pour la période du {{ debut }}\nau {{ fin_periode }}.",
            )
            .unwrap_err();
        assert_eq!(
            err.message(),
            "texte de l'article « objet » (articles.yaml), ligne 2 : variable ou attribut inconnu « fin_periode »"
        );
    }

    #[test]
    fn a_malformed_placeholder_is_an_error() {
        let err = filler().fill("objet", "Du {{ debut }").unwrap_err();
        assert!(
            err.message().contains("texte de l'article « objet »")
                && err.message().contains("syntaxe invalide"),
            "{err}"
        );
    }
}
