//! Signataires, communes and partenaires: one namespace of identifiers.

use super::record::{Recorder, Subject};
use super::value::{date, val};
use super::{Action, Element, Shape};
use crate::model::{Model, Party, PartyKind};

fn element(p: &Party) -> Element {
    match p.kind {
        PartyKind::Signataire => Element::Signataire,
        PartyKind::Commune => Element::Commune,
        PartyKind::Partenaire => Element::Partenaire,
    }
}

fn kind(k: PartyKind) -> String {
    match k {
        PartyKind::Signataire => "signataire",
        PartyKind::Commune => "commune",
        PartyKind::Partenaire => "partenaire",
    }
    .into()
}

fn subject(p: &Party) -> Subject {
    let what = match p.kind {
        PartyKind::Signataire => "signataire",
        PartyKind::Commune => "commune",
        PartyKind::Partenaire => "partenaire",
    };
    Subject::new(
        element(p),
        &p.id.name,
        format!("{what} « {} »", p.nom.value),
    )
}

/// `Président : M. Lucien Spigarelli`, `Maire : à compléter`.
fn representatives(p: &Party) -> Vec<String> {
    p.representants
        .iter()
        .map(|r| {
            let civ = r
                .civilite
                .map(|c| format!("{} ", c.keyword()))
                .unwrap_or_default();
            format!("{} : {civ}{}", r.qualite.value, val(&r.nom))
        })
        .collect()
}

/// `Conseil communautaire, 19 novembre 2020, n° CC/20-167`.
fn deliberation(p: &Party) -> Option<String> {
    p.deliberation.as_ref().map(|d| {
        let mut s = format!("{}, {}", d.organe.value, date(&d.date));
        if let Some(n) = &d.numero {
            s.push_str(&format!(", n° {}", val(n)));
        }
        s
    })
}

fn summary(p: &Party) -> String {
    let mut parts = Vec::new();
    if let Some(n) = p.nature() {
        parts.push(n.keyword().to_string());
    }
    if p.kind == PartyKind::Commune {
        parts.push(if p.signe {
            "signataire".into()
        } else {
            "non signataire".into()
        });
    }
    parts.extend(representatives(p));
    parts.join(" ; ")
}

pub fn parties(old: &Model, new: &Model, r: &mut Recorder) {
    // Signataires, then communes, then partenaires: the order of the document.
    for k in [
        PartyKind::Signataire,
        PartyKind::Commune,
        PartyKind::Partenaire,
    ] {
        for n in new.parties.iter().filter(|p| p.kind == k) {
            let s = subject(n);
            let Some(o) = old.parties.iter().find(|o| o.id.name == n.id.name) else {
                r.element(&s, true, Some(summary(n)), None);
                continue;
            };
            if o.kind != n.kind {
                r.value(
                    &s,
                    "catégorie",
                    Some(kind(o.kind)),
                    Some(kind(n.kind)),
                    Shape::Plain,
                );
            }
            r.renamed(&s, Action::Renommage, "nom", &o.nom.value, &n.nom.value);
            if n.kind == PartyKind::Commune || o.kind == PartyKind::Commune {
                let signe = |p: &Party| Some(if p.signe { "oui" } else { "non" }.to_string());
                r.value(&s, "signataire", signe(o), signe(n), Shape::Plain);
            }
            let nature = |p: &Party| p.nature().map(|n| n.keyword().to_string());
            r.value(&s, "nature", nature(o), nature(n), Shape::Plain);
            let denomination = |p: &Party| p.denomination.as_ref().map(|d| d.value.clone());
            r.value(
                &s,
                "dénomination",
                denomination(o),
                denomination(n),
                Shape::Quoted,
            );
            let genre = |p: &Party| Some(p.gender().keyword().to_string());
            r.value(&s, "genre", genre(o), genre(n), Shape::Plain);
            r.list(
                &s,
                "représentant",
                &representatives(o),
                &representatives(n),
                Shape::Plain,
            );
            r.value(
                &s,
                "délibération",
                deliberation(o),
                deliberation(n),
                Shape::Plain,
            );
            let adresse = |p: &Party| p.adresse.as_ref().map(|a| a.value.clone());
            r.value(&s, "adresse", adresse(o), adresse(n), Shape::Quoted);
            let logo = |p: &Party| {
                p.logo
                    .as_ref()
                    .map(|l| format!("{} ({})", l.fichier, l.alt))
            };
            r.value(&s, "logo", logo(o), logo(n), Shape::Plain);
        }
    }
    for o in old
        .parties
        .iter()
        .filter(|o| !new.parties.iter().any(|n| n.id.name == o.id.name))
    {
        r.element(&subject(o), false, Some(summary(o)), None);
    }
}
