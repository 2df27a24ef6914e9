//! Citations resolved: what each `{{ … }}` of a text (`crate::citation`) prints, and where it
//! links. Elements print with their current number and title, in the words of the document:
//! « l’article 7 « Durée de la convention » », « l’annexe 3 « Tableaux financiers » », « la fiche
//! action 2.4 « Accueil du jeune enfant » », « l’axe 2 « … » », an instance by its name; values
//! as the documents print them (« 1er janvier 2023 », « 12 000,00 € »).
//!
//! A citation becomes a Markdown link to the element's anchor (`[…](<#article-7>)`): the HTML
//! page links to the element's `id`, and the Typst converter links to its label when the view
//! lists the anchor in [`super::View::cibles`]. What the catalog does not resolve prints as
//! written; `check::citations` says why.

use std::collections::BTreeMap;

use crate::citation::{self, Form, Kind, Piece, Value};
use crate::model::{Idx, Model, Text, escape_markdown};
use crate::suggestion::closest;
use crate::totals::Totals;
use crate::typography::french;

use super::TO_COMPLETE;
use super::annexes::AnnexEntry;
use super::articles::numbering;
use super::finances::money;
use super::plan::Labels;

/// What a citation resolves to.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Resolved<'a> {
    /// Printed as TEXTE (before French typography), a link to ANCRE when there is one.
    Printed {
        texte: &'a str,
        ancre: Option<&'a str>,
    },
    /// An article omitted, an annex the document does not print.
    Absent,
    /// No such element or value; the closest known id, if any.
    Unknown(Option<String>),
}

#[derive(Debug, Clone)]
enum Entry {
    Printed {
        texte: String,
        ancre: Option<String>,
    },
    Absent,
}

/// Every element and value a text may cite, as the documents print it.
#[derive(Debug, Clone, Default)]
pub(crate) struct Catalog {
    elements: BTreeMap<(Kind, String), Entry>,
    values: Vec<(Value, String)>,
}

impl Catalog {
    /// The catalog of MODEL, whose annexes print as PLAN says.
    pub(super) fn new(model: &Model, t: &Totals, labels: &Labels, plan: &[AnnexEntry]) -> Self {
        let mut elements = BTreeMap::new();
        let mut printed = |kind: Kind, id: &str, texte: String, ancre: Option<String>| {
            elements.insert((kind, id.to_string()), Entry::Printed { texte, ancre });
        };
        let effective = crate::articles::effective(model);
        for (a, (numero, _, ancre)) in effective.iter().zip(numbering(&effective)) {
            let n = match numero {
                0 => "préliminaire".to_string(),
                1 => "1er".to_string(),
                n => n.to_string(),
            };
            printed(
                Kind::Article,
                &a.id,
                format!("l’article {n} « {} »", a.titre),
                Some(ancre),
            );
        }
        for e in plan {
            let id = e.id.as_deref().unwrap_or(&e.cle);
            printed(
                Kind::Annexe,
                id,
                format!("l’annexe {} « {} »", e.numero, e.titre),
                Some(e.ancre.clone()),
            );
        }
        let shows = super::Links::of(plan);
        let anchor = |show: bool, kind: &str, id: &str| show.then(|| format!("{kind}-{id}"));
        for f in &model.fiches {
            printed(
                Kind::Fiche,
                &f.id.name,
                designation(&labels.fiche, &f.numero, &f.titre.value),
                anchor(shows.fiches, "fiche", &f.id.name),
            );
        }
        // An axe's label is on its heading in the fiches annex (when it has fiches), its HTML
        // id in the synthèse: a link where both documents have it.
        for (i, a) in Idx::enumerate(&model.axes) {
            let has_fiches = model
                .fiches
                .iter()
                .any(|f| f.axe.as_ref().and_then(|r| r.target) == Some(i));
            printed(
                Kind::Axe,
                &a.id.name,
                designation(&labels.axe, &a.numero, &a.titre.value),
                anchor(shows.axes && shows.fiches && has_fiches, "axe", &a.id.name),
            );
        }
        for o in &model.objectifs {
            printed(
                Kind::Objectif,
                &o.id.name,
                designation(&labels.objectif, &o.numero, &o.titre.value),
                anchor(shows.axes, "objectif", &o.id.name),
            );
        }
        for i in &model.instances {
            printed(
                Kind::Instance,
                &i.id.name,
                i.nom.value.clone(),
                anchor(shows.instances, "instance", &i.id.name),
            );
        }
        for (i, p) in Idx::enumerate(&model.parties) {
            let total = t.par_financeur.get(&i).copied().unwrap_or_default();
            printed(Kind::Total, &p.id.name, money(total), None);
        }
        // What the convention names but the document does not print.
        let mut absent = |kind: Kind, id: &str| {
            elements
                .entry((kind, id.to_string()))
                .or_insert(Entry::Absent);
        };
        for a in model.articles.iter().filter(|a| a.omis) {
            absent(Kind::Article, &a.id.name);
        }
        for id in crate::caf_model::GENERATED
            .into_iter()
            .chain(model.annexes.iter().map(|a| a.id.name.as_str()))
            .chain(model.caf_model.annexes.iter().map(|e| e.id.as_str()))
        {
            absent(Kind::Annexe, id);
        }
        let conv = model.convention.as_ref();
        let period = model.period();
        let or_to_complete = |v: Option<String>| v.unwrap_or_else(|| TO_COMPLETE.to_string());
        let values = vec![
            (
                Value::Debut,
                or_to_complete(period.map(|p| p.start.french())),
            ),
            (Value::Fin, or_to_complete(period.map(|p| p.end.french()))),
            (
                Value::Signature,
                or_to_complete(conv.and_then(|c| c.signature.as_ref()).and_then(
                    |(d, _)| match d {
                        crate::model::Val::Known(d) => Some(d.french()),
                        crate::model::Val::ToComplete => None,
                    },
                )),
            ),
            (
                Value::Territoire,
                or_to_complete(
                    conv.and_then(|c| c.territoire.as_ref())
                        .map(|t| t.value.clone()),
                ),
            ),
            (Value::NombreFiches, model.fiches.len().to_string()),
            (Value::NombreAxes, model.axes.len().to_string()),
            (Value::Total, money(t.general)),
        ];
        Catalog { elements, values }
    }

    /// What FORM resolves to.
    pub(crate) fn resolve(&self, form: &Form<'_>) -> Resolved<'_> {
        match form {
            Form::Value(v) => self.values.iter().find(|(w, _)| w == v).map_or(
                Resolved::Unknown(None),
                |(_, texte)| Resolved::Printed { texte, ancre: None },
            ),
            Form::Element { kind, id } => match self.elements.get(&(*kind, id.text.to_string())) {
                Some(Entry::Printed { texte, ancre }) => Resolved::Printed {
                    texte,
                    ancre: ancre.as_deref(),
                },
                Some(Entry::Absent) => Resolved::Absent,
                None => Resolved::Unknown(closest(
                    id.text,
                    self.elements
                        .keys()
                        .filter(|(k, _)| k == kind)
                        .map(|(_, id)| id.as_str()),
                )),
            },
            Form::UnknownName(w) => {
                // `{{ creche }}` for `{{ fiche creche }}`: the kind is missing.
                let element = self
                    .elements
                    .keys()
                    .find(|(_, id)| id == w.text)
                    .map(|(k, id)| format!("{} {id}", k.keyword()));
                Resolved::Unknown(
                    element.or_else(|| closest(w.text, Value::ALL.iter().map(|v| v.name()))),
                )
            }
            Form::UnknownKind(w) => {
                Resolved::Unknown(closest(w.text, Kind::ALL.iter().map(|k| k.keyword())))
            }
            Form::Malformed(..) => Resolved::Unknown(None),
        }
    }

    /// The text of value V, « [à compléter] » when the convention does not give it.
    pub(super) fn value(&self, v: Value) -> &str {
        self.values
            .iter()
            .find(|(w, _)| *w == v)
            .map_or(TO_COMPLETE, |(_, texte)| texte.as_str())
    }

    /// The anchors a citation links to, in order: the Typst converter links to these labels.
    pub(crate) fn anchors(&self) -> Vec<String> {
        let mut anchors: Vec<String> = self
            .elements
            .values()
            .filter_map(|e| match e {
                Entry::Printed { ancre, .. } => ancre.clone(),
                Entry::Absent => None,
            })
            .collect();
        anchors.sort();
        anchors.dedup();
        anchors
    }

    /// TEXT as Markdown with French typography, its citations printed.
    pub(crate) fn markdown(&self, text: &Text) -> String {
        if !citation::cites(&text.markdown) {
            return text.markdown_with(french);
        }
        self.compose(&text.markdown, text.plain)
    }

    /// A default article's text, filled in: Markdown whose citations are printed here.
    pub(super) fn filled(&self, markdown: &str) -> String {
        if !citation::cites(markdown) {
            return french(markdown);
        }
        self.compose(markdown, false)
    }

    /// SOURCE (Markdown, or plain text when PLAIN) with its citations printed, French typography
    /// applied to the whole as the reader sees it.
    fn compose(&self, source: &str, plain: bool) -> String {
        let mut parts: Vec<(String, Part)> = Vec::new();
        for piece in citation::pieces(source) {
            match piece {
                Piece::Text(s) => parts.push((s.to_string(), Part::Written)),
                Piece::Braces => parts.push(("{{".to_string(), Part::Braces)),
                Piece::Citation(c) => match self.resolve(&c.form) {
                    Resolved::Printed { texte, ancre } => {
                        let mut texte = texte.to_string();
                        if let Some((before, Part::Written)) = parts.last_mut() {
                            contract(before, &mut texte);
                        }
                        let part = ancre.map_or(Part::Value, |a| Part::Link(a.to_string()));
                        parts.push((texte, part));
                    }
                    Resolved::Absent | Resolved::Unknown(_) => {
                        parts.push((c.written.to_string(), Part::Written));
                    }
                },
            }
        }
        // French typography changes characters one for one: each part keeps its length.
        let whole: String = parts.iter().map(|(s, _)| s.as_str()).collect();
        let mut typeset = french(&whole).chars().collect::<Vec<char>>().into_iter();
        let mut out = String::with_capacity(whole.len() * 5 / 4);
        for (s, part) in &parts {
            let seg: String = typeset.by_ref().take(s.chars().count()).collect();
            match part {
                Part::Written if plain => out.push_str(&escape_markdown(&seg)),
                Part::Written => out.push_str(&seg),
                Part::Braces => out.push_str("\\{\\{"),
                Part::Value => out.push_str(&escape_markdown(&seg)),
                Part::Link(a) => {
                    out.push_str(&format!("[{}](<#{a}>)", escape_markdown(&seg)));
                }
            }
        }
        out
    }
}

/// What a part of a composed text is.
enum Part {
    /// The text as written (a citation that resolves to nothing included).
    Written,
    /// `\{{`
    Braces,
    /// A value, or an element that has no place to link to.
    Value,
    /// An element, linked to its anchor.
    Link(String),
}

/// « la fiche action 2.4 « Titre » », « l’axe 2 « Titre » »: an element of the plan by its label.
fn designation(label: &str, numero: &str, titre: &str) -> String {
    let label = label.to_lowercase();
    format!("{}{label} {numero} « {titre} »", determiner(&label))
}

/// The definite article before LABEL: « l’ » before a vowel or h, « la » before a feminine noun
/// (« fiche », « thématique », « priorité », « mission »), « le » otherwise.
fn determiner(label: &str) -> &'static str {
    let word = label.split([' ', '-']).next().unwrap_or_default();
    if super::french::elides(word) {
        return "l’";
    }
    let masculine_e = [
        "programme",
        "thème",
        "domaine",
        "groupe",
        "chapitre",
        "volume",
    ];
    let feminine = word.ends_with(['e', 'é']) || word.ends_with("ion") || word.ends_with("té");
    if feminine && !masculine_e.contains(&word) {
        "la "
    } else {
        "le "
    }
}

/// « de » or « à » at the end of BEFORE contracts with the article PRINTED starts with: « du
/// Comité », « aux Herbiers »; « de » elides before a vowel: « d’Aunis ». The preposition stays out
/// of the link: only PRINTED's article moves into BEFORE.
fn contract(before: &mut String, printed: &mut String) {
    let Some(head_len) = ["de ", "De ", "à ", "À "]
        .iter()
        .find_map(|p| before.strip_suffix(p))
        .filter(|head| !head.chars().next_back().is_some_and(char::is_alphanumeric))
        .map(str::len)
    else {
        return;
    };
    let preposition = before[head_len..].trim_end().to_string();
    let of = preposition.eq_ignore_ascii_case("de");
    let capital = preposition.starts_with(char::is_uppercase);
    let articles: [(&str, &str, &str); 2] = [("le ", "du ", "au "), ("les ", "des ", "aux ")];
    let contracted = articles.iter().find_map(|(article, du, au)| {
        let head = printed.get(..article.len())?;
        head.eq_ignore_ascii_case(article)
            .then_some((if of { *du } else { *au }, article.len()))
    });
    let (joined, cut) = match contracted {
        Some((joined, cut)) => (joined.to_string(), cut),
        None if of && super::french::elides(printed) && !printed.starts_with(['h', 'H']) => {
            ("d’".to_string(), 0)
        }
        None => return,
    };
    before.truncate(head_len);
    before.push_str(&if capital {
        crate::typography::capitalize(&joined)
    } else {
        joined
    });
    printed.replace_range(..cut, "");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog(source: &str) -> Catalog {
        let comp = crate::compile::analyse_file("t.ctg", source.as_bytes(), Default::default())
            .expect("in memory");
        super::super::catalog(&comp.model)
    }

    const CONVENTION: &str = r#"convention "CTG" {
  période 1er janvier 2023 .. 31 décembre 2026
  territoire "Le Pays des Aires"
  signature 13 janvier 2023
}
signataire caf "Caf" { nature caf }
axe pe "Petite enfance" { objectif creche "Accueillir" }
fiche creche "Accueil du jeune enfant" {
  axe pe
  objectif creche
  financement caf 2023 .. 2026 1 000 € par an
}
instance copil "Comité de pilotage"
article duree { omis }
"#;

    fn printed(c: &Catalog, text: &str) -> String {
        c.compose(text, false)
    }

    #[test]
    fn elements_print_with_their_number_and_title() {
        let c = catalog(CONVENTION);
        assert_eq!(
            printed(&c, "voir {{ article objet }}."),
            "voir [l’article 1er «\u{202f}Objet de la convention\u{202f}»](<#article-1>)."
        );
        assert!(
            printed(&c, "{{ fiche creche }}").starts_with(
                "[la fiche action 1 «\u{202f}Accueil du jeune enfant\u{202f}»](<#fiche-creche>)"
            ),
            "{}",
            printed(&c, "{{ fiche creche }}")
        );
        assert!(printed(&c, "{{ axe pe }}").starts_with("[l’axe 1 «"));
        assert_eq!(
            printed(&c, "au {{ instance copil }}"),
            "au\u{a0}[Comité de pilotage](<#instance-copil>)"
        );
        assert!(printed(&c, "{{ annexe financements }}").contains("](<#annexe-financements>)"));
    }

    #[test]
    fn values_print_as_the_documents_do() {
        let c = catalog(CONVENTION);
        assert_eq!(
            printed(
                &c,
                "Du {{ debut }} au {{ fin }}, signée le {{ signature }}."
            ),
            "Du 1er janvier 2023 au 31 décembre 2026, signée le 13 janvier 2023."
        );
        assert_eq!(
            printed(
                &c,
                "{{ nombre_fiches }} fiche, {{ total }} dont {{ total caf }}"
            ),
            "1 fiche, 4\u{202f}000,00\u{a0}€ dont 4\u{202f}000,00\u{a0}€".replace(
                "4\u{202f}000,00\u{a0}€",
                &crate::money::Money(400_000).french()
            )
        );
        // « de » and « à » contract with the name: « du Pays des Aires ».
        assert_eq!(
            printed(&c, "Le territoire de {{ territoire }}"),
            "Le territoire du\u{a0}Pays des\u{a0}Aires"
        );
        // The preposition stays out of the link; « monde » is no « de ».
        assert_eq!(
            printed(&c, "À {{ article objet }}, le monde {{ territoire }}"),
            "À [l’article 1er «\u{202f}Objet de la convention\u{202f}»](<#article-1>), le monde Le\u{a0}Pays des\u{a0}Aires"
        );
    }

    #[test]
    fn what_does_not_resolve_prints_as_written() {
        let c = catalog(CONVENTION);
        assert_eq!(
            printed(
                &c,
                "{{ article duree }} {{ fiche crech }} {{ x|y }} \\{{ debut }}"
            ),
            "{{ article duree }} {{ fiche crech }} {{ x|y }} \\{\\{ debut }}"
        );
        assert_eq!(
            c.resolve(&Form::Element {
                kind: Kind::Fiche,
                id: citation::Word {
                    text: "crech",
                    range: 0..5
                }
            }),
            Resolved::Unknown(Some("creche".into()))
        );
        assert_eq!(
            c.resolve(&Form::Element {
                kind: Kind::Article,
                id: citation::Word {
                    text: "duree",
                    range: 0..5
                }
            }),
            Resolved::Absent
        );
    }

    #[test]
    fn a_one_line_string_stays_plain_text() {
        let c = catalog(CONVENTION);
        assert_eq!(
            c.compose("*a* \\{{ {{ fin }}", true),
            "\\*a\\* \\{\\{ 31 décembre 2026"
        );
    }

    #[test]
    fn determiners_follow_the_label() {
        assert_eq!(determiner("fiche action"), "la ");
        assert_eq!(determiner("axe"), "l’");
        assert_eq!(determiner("orientation"), "l’");
        assert_eq!(determiner("thématique"), "la ");
        assert_eq!(determiner("volet"), "le ");
        assert_eq!(determiner("programme"), "le ");
    }
}
