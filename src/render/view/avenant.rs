//! The avenant's own document: « Avenant n° N à la convention … », the parties clause of its
//! signataires, its visas, « Article 1er — Objet de l'avenant », one article per change in the
//! wording of French amendments, « Les autres dispositions … demeurent inchangées » and the
//! signatures. Built from the convention consolidated up to this avenant (and up to the previous
//! one, for what it withdraws), so that numbers and names are those of the amended text.

use serde::Serialize;

use crate::avenant::consolidate;
use crate::model::{Avenant, ChangeKind, ConventionInfo, Model, Party, Str, Text, escape_markdown};
use crate::render::TemplateError;
use crate::typography::{capitalize, french};

use super::avenants::dated;
use super::finances::FundingLine;
use super::french::with_article;
use super::{FicheView, View, build, convention, parties};

/// What the avenant's templates read: the view of the convention consolidated by this avenant,
/// its title, parties, visas and signatures those of the avenant, and the avenant's articles.
#[derive(Serialize, Debug, Clone)]
pub struct AvenantPage {
    #[serde(flatten)]
    pub view: View,
    pub avenant: AvenantDoc,
}

#[derive(Serialize, Debug, Clone)]
pub struct AvenantDoc {
    pub numero: u32,
    /// « Avenant n° 1 »
    pub intitule: String,
    /// The convention's title, as in the documents.
    pub convention: String,
    pub articles: Vec<AmendmentArticle>,
}

/// One article of the avenant; a fiche or funding lines follow its text when it adds or
/// replaces them.
#[derive(Serialize, Debug, Clone)]
pub struct AmendmentArticle {
    /// « Article 1er », « Article 2 »
    pub intitule: String,
    pub ancre: String,
    pub titre: String,
    pub texte_md: String,
    pub fiche: Option<FicheView>,
    pub financements: Vec<FundingLine>,
}

/// The document of avenant NUMERO of SIGNED (the convention as signed, its avenants declared).
pub fn page(signed: &Model, numero: u32) -> Result<Option<AvenantPage>, TemplateError> {
    let Some(avenant) = signed.avenants.iter().find(|a| a.numero == numero) else {
        return Ok(None);
    };
    let state = consolidate(signed, Some(numero));
    let before = consolidate(signed, Some(numero - 1));
    let mut view = build(&state)?;
    let previous = build(&before)?;
    let signing: Vec<&Party> = avenant
        .signataires
        .iter()
        .filter_map(|r| state.parties.iter().find(|p| p.id.name == r.name))
        .collect();
    let intitule = format!("Avenant n°\u{a0}{numero}");
    let convention_title = view.titre.clone();
    let info = amended_info(signed, &state, avenant, signing.len());
    view.titre = french(&format!(
        "{intitule} à {}",
        of_convention(&convention_title)
    ));
    view.metadata.title = view.titre.clone();
    view.parties = parties::parties(&signing, parties::THE_AVENANT);
    view.signatures = parties::signatures(&signing);
    view.partenaires = Vec::new();
    // The avenant is the change itself: its elements need no mention of it.
    view.marques.clear();
    view.avenants.clear();
    view.signature = convention::signature(Some(&info));
    view.visas = convention::visas(Some(&info));
    view.preambule_md = avenant.preambule.as_ref().map(|p| p.markdown_with(french));
    let mut articles = vec![article(
        1,
        "Objet de l’avenant",
        avenant.objet.as_ref().map_or_else(
            || {
                format!(
                    "Le présent avenant modifie la {} dans les conditions fixées par les articles suivants.",
                    lower_title(&convention_title)
                )
            },
            |t| t.markdown_with(french),
        ),
    )];
    for change in &avenant.changes {
        let n = articles.len() + 1;
        articles.push(change_article(n, change, &state, &view, &previous));
    }
    let n = articles.len() + 1;
    articles.push(article(
        n,
        "Autres dispositions",
        "Les autres dispositions de la convention demeurent inchangées.".to_string(),
    ));
    Ok(Some(AvenantPage {
        view,
        avenant: AvenantDoc {
            numero,
            intitule,
            convention: convention_title,
            articles,
        },
    }))
}

/// « la Convention territoriale globale … », or « la convention « Titre » » for another title.
fn of_convention(title: &str) -> String {
    if crate::keyword::fold(title).starts_with("convention") {
        format!("la {title}")
    } else {
        format!("la convention « {title} »")
    }
}

fn lower_title(title: &str) -> String {
    if crate::keyword::fold(title).starts_with("convention") {
        let mut c = title.chars();
        c.next().map_or(String::new(), |f| {
            f.to_lowercase().collect::<String>() + c.as_str()
        })
    } else {
        format!("convention « {title} »")
    }
}

/// The convention's information as the avenant's: its date, place, visas (the convention it
/// amends, the previous avenants, its own) and copies.
fn amended_info(signed: &Model, state: &Model, avenant: &Avenant, copies: usize) -> ConventionInfo {
    let base = signed.convention.clone();
    let span = avenant.span;
    let mut info = base.unwrap_or_else(|| {
        let titre = Str {
            value: String::new(),
            span,
        };
        ConventionInfo::new(titre, span)
    });
    let signed_on = match info.signature.as_ref().map(|s| &s.0) {
        Some(crate::model::Val::Known(d)) => d.french_on(),
        _ => format!("le {}", super::TO_COMPLETE),
    };
    let mut visas = vec![Str {
        value: format!(
            "Vu la {} signée {signed_on}",
            lower_title(&info.titre.value)
        ),
        span,
    }];
    for previous in state.avenants.iter().filter(|a| a.numero < avenant.numero) {
        visas.push(Str {
            value: format!("Vu l’avenant {}", dated(previous)),
            span,
        });
    }
    visas.extend(avenant.visas.iter().cloned());
    info.visas = visas;
    info.signature = avenant.date.clone();
    info.lieu = avenant.lieu.clone();
    info.exemplaires = Some((copies as u32, span));
    info
}

fn article(n: usize, titre: &str, texte_md: String) -> AmendmentArticle {
    AmendmentArticle {
        intitule: if n == 1 {
            "Article 1er".to_string()
        } else {
            format!("Article {n}")
        },
        ancre: format!("avenant-article-{n}"),
        titre: french(titre),
        texte_md: french(&texte_md),
        fiche: None,
        financements: Vec::new(),
    }
}

/// A quoted text: the new wording, as a block quote.
fn quoted(text: &Text) -> String {
    text.markdown_with(french)
        .lines()
        .map(|l| format!("> {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn change_article(
    n: usize,
    change: &crate::model::Change,
    state: &Model,
    view: &View,
    previous: &View,
) -> AmendmentArticle {
    let fiche_label = view.libelles.fiche.to_lowercase();
    let fiche = |id: &str, v: &View| v.fiches.iter().find(|f| f.id == id).cloned();
    let fiche_name = |f: &FicheView| {
        format!(
            "{fiche_label} {} « {} »",
            f.numero,
            escape_markdown(&f.titre)
        )
    };
    let party_name = |id: &str| {
        state.parties.iter().find(|p| p.id.name == id).map_or_else(
            || id.to_string(),
            |p| capitalize(&with_article(&parties::legal_name(p), p.gender())),
        )
    };
    let annex_of_fiches = view
        .plan_annexes
        .iter()
        .find(|a| a.cle == "fiches")
        .map(|a| a.intitule.to_lowercase())
        .unwrap_or_else(|| "annexe".to_string());
    let mut a = match &change.kind {
        ChangeKind::JoinSignataire(p) => article(
            n,
            "Nouveau signataire",
            format!(
                "{} devient signataire de la convention.",
                escape_markdown(&party_name(&p.id.name))
            ),
        ),
        ChangeKind::LeaveSignataire(id) => article(
            n,
            "Retrait d’un signataire",
            format!(
                "{} n’est plus signataire de la convention.",
                escape_markdown(&party_name(&id.name))
            ),
        ),
        ChangeKind::AddFiche(f) => {
            let fv = fiche(&f.id.name, view);
            let mut a = article(
                n,
                &format!("Ajout d’une {fiche_label}"),
                fv.as_ref().map_or_else(String::new, |fv| {
                    format!(
                        "La {} est ajoutée à l’{annex_of_fiches}. Elle est rédigée comme suit :",
                        fiche_name(fv)
                    )
                }),
            );
            a.fiche = fv;
            a
        }
        ChangeKind::ReplaceFiche(f) => {
            let fv = fiche(&f.id.name, view);
            let mut a = article(
                n,
                &format!("Modification d’une {fiche_label}"),
                fv.as_ref().map_or_else(String::new, |fv| {
                    format!(
                        "La {fiche_label} {} est remplacée par les dispositions suivantes :",
                        fv.numero
                    )
                }),
            );
            a.fiche = fv;
            a
        }
        ChangeKind::WithdrawFiche(id) => article(
            n,
            &format!("Retrait d’une {fiche_label}"),
            fiche(&id.name, previous).map_or_else(String::new, |fv| {
                format!("La {} est retirée de la convention.", fiche_name(&fv))
            }),
        ),
        ChangeKind::ReplaceArticle(art) => {
            let found = view.articles.iter().find(|v| v.id == art.id.name);
            let (intitule, titre) = found.map_or_else(
                || (String::new(), String::new()),
                |v| (v.intitule.to_lowercase(), v.titre.clone()),
            );
            let text = art.texte.as_ref().map(quoted).unwrap_or_default();
            article(
                n,
                &format!("Modification de l’{intitule}"),
                format!(
                    "L’{intitule} « {} » est remplacé par les dispositions suivantes :\n\n{text}",
                    escape_markdown(&titre)
                ),
            )
        }
        ChangeKind::AddArticle(art) => {
            let found = view.articles.iter().find(|v| v.id == art.id.name);
            let (intitule, titre) = found.map_or_else(
                || (String::new(), String::new()),
                |v| (v.intitule.to_lowercase(), v.titre.clone()),
            );
            let text = art.texte.as_ref().map(quoted).unwrap_or_default();
            article(
                n,
                "Ajout d’un article",
                format!(
                    "Il est ajouté à la convention un {intitule} « {} », rédigé comme suit :\n\n{text}",
                    escape_markdown(&titre)
                ),
            )
        }
        ChangeKind::AddAnnexe(annexe) => {
            let found = view
                .plan_annexes
                .iter()
                .find(|e| e.id.as_deref() == Some(annexe.id.name.as_str()));
            let intitule = found.map_or_else(String::new, |e| e.intitule.to_lowercase());
            let text = annexe.texte.as_ref().map(quoted).unwrap_or_default();
            article(
                n,
                "Ajout d’une annexe",
                format!(
                    "Il est ajouté à la convention une {intitule} « {} », rédigée comme suit :\n\n{text}",
                    escape_markdown(&annexe.titre.value)
                ),
            )
        }
        ChangeKind::ReplaceFunding { target, .. } => {
            let (what, lines) = match fiche(&target.name, view) {
                Some(fv) => (format!("de la {}", fiche_name(&fv)), fv.financements),
                None => {
                    let e = view.equipements.iter().find(|e| e.id == target.name);
                    (
                        format!(
                            "de l’équipement « {} »",
                            escape_markdown(&e.map_or_else(String::new, |e| e.nom.clone()))
                        ),
                        e.map_or_else(Vec::new, |e| e.financements.clone()),
                    )
                }
            };
            let mut a = article(
                n,
                "Modification des financements",
                format!("Les financements {what} sont remplacés par les suivants :"),
            );
            a.financements = lines;
            a
        }
        ChangeKind::Extend { end, .. } => article(
            n,
            "Prolongation de la convention",
            format!("La convention est prolongée jusqu’au {}.", end.french()),
        ),
    };
    a.texte_md = a.texte_md.trim_end().to_string();
    a
}
