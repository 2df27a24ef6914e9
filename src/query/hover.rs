//! What hovering an identifier shows: the element it names, in French Markdown.

use super::occurrences::{self, Namespace};
use crate::compile::Compilation;
use crate::model::{Fiche, Model, PartyKind};
use crate::money::Money;
use crate::source::{FileId, Span};
use crate::totals::line_total;
use crate::typography::{capitalize, french};

/// The text shown for the identifier at OFFSET of FILE, and the identifier's span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hover {
    pub span: Span,
    /// Markdown, with French typography.
    pub markdown: String,
}

/// The hover of the identifier at OFFSET of FILE: none off an identifier, or for a name declared
/// nowhere (the checker's diagnostic says so).
pub fn hover(comp: &Compilation, file: FileId, offset: usize) -> Option<Hover> {
    let here = occurrences::at(comp, file, offset)?;
    let lines = describe(&comp.model, here.namespace, here.name)?;
    Some(Hover {
        span: here.span,
        markdown: lines.join("\n\n"),
    })
}

/// The paragraphs describing the element NAME of NAMESPACE.
fn describe(model: &Model, namespace: Namespace, name: &str) -> Option<Vec<String>> {
    let labels = &model.config.libelles;
    Some(match namespace {
        Namespace::Fiche => {
            let f = model.fiches.iter().find(|f| f.id.name == name)?;
            let mut lines = vec![heading(&labels.fiche, &f.numero, &f.titre.value)];
            if let Some(axe) = f.axe.as_ref().and_then(|r| r.target) {
                let axe = &model.axes[axe];
                lines.push(numbered(&labels.axe, &axe.numero, &axe.titre.value));
            }
            lines.push(funding(f));
            lines
        }
        Namespace::Axe => {
            let axe = model.axes.iter().find(|a| a.id.name == name)?;
            let mut lines = vec![heading(&labels.axe, &axe.numero, &axe.titre.value)];
            if axe.objectifs.is_empty() {
                lines.push(format!("Aucun {}", escape(&labels.objectif)));
            } else {
                let list: Vec<String> = axe
                    .objectifs
                    .iter()
                    .map(|&o| {
                        let o = &model.objectifs[o];
                        format!("- {} — {}", escape(&o.numero), escape(&o.titre.value))
                    })
                    .collect();
                lines.push(format!(
                    "{}\u{202f}:\n{}",
                    escape(&capitalize(&labels.objectifs())),
                    list.join("\n")
                ));
            }
            lines
        }
        Namespace::Objectif => {
            let o = model.objectifs.iter().find(|o| o.id.name == name)?;
            let axe = &model.axes[o.axe];
            vec![
                heading(&labels.objectif, &o.numero, &o.titre.value),
                numbered(&labels.axe, &axe.numero, &axe.titre.value),
            ]
        }
        Namespace::Party => {
            let p = model.parties.iter().find(|p| p.id.name == name)?;
            let role = match (p.kind, p.signe) {
                (PartyKind::Signataire, _) => "Signataire",
                (PartyKind::Commune, true) => "Commune signataire",
                (PartyKind::Commune, false) => "Commune",
                (PartyKind::Partenaire, _) => "Partenaire",
            };
            let nature = p
                .nature
                .as_ref()
                .filter(|_| p.kind != PartyKind::Commune)
                .map(|n| format!(" · {}", n.value.label()))
                .unwrap_or_default();
            vec![bold(&p.nom.value), format!("{role}{}", escape(&nature))]
        }
        Namespace::Equipement => {
            let e = model.equipements.iter().find(|e| e.id.name == name)?;
            let kind = e.kind.as_ref().map(|k| k.value.label()).unwrap_or("");
            vec![bold(&e.nom.value), titled("Équipement", kind)]
        }
        Namespace::Instance => {
            let i = model.instances.iter().find(|i| i.id.name == name)?;
            let kind = i.kind.as_ref().map(|k| k.value.label()).unwrap_or("");
            vec![bold(&i.nom.value), titled("Instance", kind)]
        }
        Namespace::ConventionLiee => {
            let c = model.conventions_liees.iter().find(|c| c.id.name == name)?;
            vec![bold(&c.titre.value), "Convention liée".to_string()]
        }
        Namespace::Article => {
            let own = model
                .articles
                .iter()
                .find_map(|a| a.titre.as_ref().filter(|_| a.id.name == name))
                .map(|t| t.value.as_str());
            let titre = own.or_else(|| {
                model
                    .default_articles
                    .iter()
                    .find(|a| a.id == name)
                    .map(|a| a.titre.as_str())
            })?;
            let origin = if own.is_some() {
                "Article de la convention"
            } else {
                "Article du modèle"
            };
            vec![bold(titre), origin.to_string()]
        }
        Namespace::Annexe => {
            let a = model.annexes.iter().find(|a| a.id.name == name)?;
            vec![bold(&a.titre.value), "Annexe".to_string()]
        }
    })
}

/// The total of a fiche's funding lines, and how many amounts are still unknown.
fn funding(f: &Fiche) -> String {
    if f.financements.is_empty() {
        return "Aucun financement".to_string();
    }
    let known: i64 = f
        .financements
        .iter()
        .filter_map(line_total)
        .map(Money::cents)
        .sum();
    let unknown = f
        .financements
        .iter()
        .filter(|l| line_total(l).is_none())
        .count();
    let mut text = format!("Total des financements\u{202f}: {}", Money(known).french());
    match unknown {
        0 => {}
        1 => text.push_str(" (et un montant à déterminer)"),
        n => text.push_str(&format!(" (et {n} montants à déterminer)")),
    }
    text
}

/// `**Fiche action 1.2 — Titre**`
fn heading(label: &str, numero: &str, titre: &str) -> String {
    format!("**{}**", numbered(label, numero, titre))
}

/// `Axe 1 — Titre`
fn numbered(label: &str, numero: &str, titre: &str) -> String {
    format!(
        "{} {} — {}",
        escape(&capitalize(label)),
        escape(numero),
        escape(titre)
    )
}

fn bold(text: &str) -> String {
    format!("**{}**", escape(text))
}

/// `Équipement · Crèche`, or the noun alone.
fn titled(noun: &str, kind: &str) -> String {
    if kind.is_empty() {
        noun.to_string()
    } else {
        format!("{noun} · {}", escape(kind))
    }
}

/// TEXT shown as written in Markdown, with French spacing: every ASCII punctuation character
/// escaped (CommonMark lets a backslash escape any of them, and then reads it as written).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in french(text).chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
