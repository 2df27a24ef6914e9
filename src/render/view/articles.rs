//! The articles as printed: the effective list (`crate::articles`), numbered, the `{{ … }}` of
//! the default texts filled in from the convention. Filling is strict: a name outside
//! [`articles::VARIABLES`] or a malformed `{{ … }}` is a [`TemplateError`], never a text printed
//! as it was written.

use std::collections::BTreeMap;

use minijinja::value::Value;
use minijinja::{Environment, UndefinedBehavior};
use serde::Serialize;

use crate::articles::{self, EffectiveArticle};
use crate::citation;
use crate::model::Model;
use crate::render::engine::{self, TemplateError};
use crate::typography::{capitalize, count, french};

use super::TO_COMPLETE;
use super::citations::Catalog;
use super::plan::Labels;
use super::signatories::signatories;
use super::text::join_fr;
use crate::model::escape_markdown;

#[derive(Serialize, Debug, Clone)]
pub struct ArticleView {
    /// 0 for the article préliminaire.
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
    cite: &Catalog,
) -> Result<Vec<ArticleView>, TemplateError> {
    let filler = Filler::new(model, champs, labels, cite);
    let effective = articles::effective(model);
    let numbers = numbering(&effective);
    effective
        .into_iter()
        .zip(numbers)
        .map(|(a, (numero, intitule, ancre))| {
            let texte_md = match &a.source {
                Some(t) if citation::cites(&t.markdown) => cite.markdown(t),
                _ if a.propre => french(&a.texte),
                _ => cite.filled(&filler.fill(&a.id, &a.texte)?),
            };
            Ok(ArticleView {
                numero,
                intitule,
                ancre,
                texte_md,
                titre: french(&a.titre),
                id: a.id,
            })
        })
        .collect()
}

/// The number (0 for the préliminaire), the heading (« Article 1er ») and the anchor of each
/// article of LIST, in order.
pub(super) fn numbering(list: &[EffectiveArticle]) -> Vec<(usize, String, String)> {
    let mut numero = 0;
    list.iter()
        .map(|a| {
            // The préliminaire has no number: « Article 1er » is the one after it.
            if a.preliminaire {
                return (
                    0,
                    "Article préliminaire".to_string(),
                    "article-preliminaire".to_string(),
                );
            }
            numero += 1;
            match numero {
                1 => (1, "Article 1er".to_string(), "article-1".to_string()),
                n => (n, format!("Article {n}"), format!("article-{n}")),
            }
        })
        .collect()
}

/// Fills default article texts: one environment and one set of values for all of them.
struct Filler {
    env: Environment<'static>,
    values: BTreeMap<&'static str, Value>,
}

impl Filler {
    fn new(model: &Model, champs: &[String], labels: &Labels, cite: &Catalog) -> Self {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        // `{{ collectivites|majuscule }}` at a sentence's start: the first letter only (minijinja's
        // `capitalize` lowers the rest, « la Commune du Pouget » included).
        env.add_filter("majuscule", |s: &str| capitalize(s));
        Filler {
            env,
            values: values(model, champs, labels, cite),
        }
    }

    /// The text of article `id` with its `{{ … }}` filled in.
    fn fill(&self, id: &str, text: &str) -> Result<String, TemplateError> {
        let name = format!("article « {id} »");
        self.env
            .render_named_str(&name, &citation::shielded(text), &self.values)
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
fn values(
    model: &Model,
    champs: &[String],
    labels: &Labels,
    cite: &Catalog,
) -> BTreeMap<&'static str, Value> {
    let md = |s: &str| Value::from(escape_markdown(s));
    let period = model.period();
    let lower: Vec<String> = champs.iter().map(|c| c.to_lowercase()).collect();
    let territoire = model
        .convention
        .as_ref()
        .and_then(|c| c.territoire.as_ref())
        .map(|t| t.value.as_str())
        .unwrap_or_default();
    let s = signatories(model);
    let fiche = labels.fiche.to_lowercase();
    let fiches = labels.fiches.to_lowercase();
    let axes = labels.axes.to_lowercase();
    BTreeMap::from([
        ("champs", md(&join_fr(&lower))),
        ("axes_libelle", md(&axes)),
        ("fiches_libelle", md(&fiches)),
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
        (
            "signature",
            Value::from(cite.value(citation::Value::Signature)),
        ),
        ("total", Value::from(cite.value(citation::Value::Total))),
        ("fiche_libelle", md(&fiche)),
        (
            "axes_compte",
            md(&count(model.axes.len(), &labels.axe.to_lowercase(), &axes)),
        ),
        (
            "fiches_compte",
            md(&count(model.fiches.len(), &fiche, &fiches)),
        ),
        ("msa", Value::from(s.msa)),
        (
            "departement",
            md(s.departement.as_deref().unwrap_or_default()),
        ),
        ("collectivites", md(&s.collectivites)),
        (
            "collectivites_pluriel",
            Value::from(s.collectivites_pluriel),
        ),
        ("collectivites_pronom", Value::from(s.collectivites_pronom)),
        ("epci", Value::from(s.epci)),
        ("autres_signataires", md(&s.autres)),
        ("autres_pluriel", Value::from(s.autres_pluriel)),
        ("instances", Value::from(s.instances)),
        ("copil", Value::from(s.copil)),
        ("cotech", Value::from(s.cotech)),
        ("groupes", Value::from(s.groupes)),
        (
            "sous_reserve_credits",
            Value::from(
                model
                    .convention
                    .as_ref()
                    .is_some_and(|c| c.sous_reserve_credits),
            ),
        ),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project;
    use crate::render::view::plan;

    fn filler() -> Filler {
        let labels = plan::labels(&project::Labels::default());
        Filler::new(
            &Model::default(),
            &["Jeunesse".to_string()],
            &labels,
            &Catalog::default(),
        )
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

    /// The default articles of SOURCE, with the fiche labelled FICHE, as one text per article, every
    /// run of white space (line breaks and no-break spaces included) as one space.
    fn default_texts(source: &str, fiche: &str) -> BTreeMap<String, String> {
        let mut comp = crate::compile::analyse_file("t.ctg", source.as_bytes(), Default::default())
            .expect("in memory");
        comp.model.config.libelles.fiche = fiche.to_string();
        let labels = plan::labels(&comp.model.config.libelles);
        articles(
            &comp.model,
            &[],
            &labels,
            &super::super::catalog(&comp.model),
        )
        .unwrap()
        .into_iter()
        .map(|a| {
            let words: Vec<&str> = a.texte_md.split_whitespace().collect();
            (a.id, words.join(" "))
        })
        .collect()
    }

    const COMMUNE_LEVEL: &str = r#"convention "CTG du Pouget" { période 2023 .. 2026 }
signataire caf "Caisse d'allocations familiales de l'Hérault" { nature caf }
signataire msa "MSA Languedoc" { nature msa }
commune pouget "Le Pouget" { signataire oui }
axe a "Axe"
fiche f "Fiche" { axe a }
"#;

    #[test]
    fn default_articles_know_who_signs() {
        let t = default_texts(COMMUNE_LEVEL, "action");
        let all: String = t.values().cloned().collect();
        // One commune: singular, by its name; the MSA takes its own commitment.
        assert!(
            t["champs"].contains("la MSA, au titre de sa politique d’action sanitaire et sociale")
                && t["champs"]
                    .contains("la Commune du Pouget, au titre des compétences qu’elle exerce"),
            "{}",
            t["champs"]
        );
        assert!(
            t["engagements"].contains("La MSA s’engage"),
            "{}",
            t["engagements"]
        );
        assert!(
            t["engagements"].contains("La Commune du Pouget s’engage à maintenir ses financements")
                && t["engagements"].contains("le soutien de la Caf et de la MSA"),
            "{}",
            t["engagements"]
        );
        // No instance declared: no committee is named.
        assert!(
            t["pilotage"].starts_with("Les signataires se réunissent au moins une fois par an"),
            "{}",
            t["pilotage"]
        );
        assert!(t["suivi"].starts_with("Un bilan annuel est présenté aux signataires"));
        // No EPCI: no commune joins; the fiche is called « action ».
        assert!(!t["revision"].contains("adhésion"), "{}", t["revision"]);
        assert!(
            t["axes"].contains("en 1 action, qui figure en annexe. Chaque action précise"),
            "{}",
            t["axes"]
        );
        for absent in [
            "collectivités signataires",
            "qu’elles exercent",
            "comité technique",
            "comité de pilotage",
            "fiche",
        ] {
            assert!(!all.contains(absent), "« {absent} » in the articles");
        }
    }

    #[test]
    fn the_committees_named_are_those_declared() {
        let with = |instances: &str| {
            default_texts(
                &format!(
                    "{COMMUNE_LEVEL}signataire cc \"Communauté de communes\" {{ nature epci }}\n{instances}"
                ),
                "fiche action",
            )
        };
        let copil = with("instance copil \"Comité de pilotage\" { type copil }\n");
        assert!(copil["pilotage"].contains("Le comité de pilotage réunit"));
        assert!(!copil["pilotage"].contains("comité technique"));
        assert!(copil["suivi"].contains("présenté au comité de pilotage"));
        assert!(copil["revision"].contains("adhésion d’une commune"));
        let cotech = with("instance t \"Comité technique\"\n");
        assert!(
            cotech["pilotage"].contains("Le comité technique suit la mise en"),
            "{}",
            cotech["pilotage"]
        );
        assert!(!cotech["pilotage"].contains("comité de pilotage"));
        // Two collectivités: named, plural.
        assert!(
            copil["engagements"].contains(
                "La Commune du Pouget et la Communauté de communes s’engagent à maintenir leurs"
            ),
            "{}",
            copil["engagements"]
        );
    }
}
