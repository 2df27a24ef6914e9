//! Signataires, communes and partenaires: one namespace of identifiers.

use super::pairing::{self, At, Pair, Paired, Version};
use super::record::{Recorder, Subject};
use super::value::{date, val};
use super::{Element, Shape};
use crate::model::{Model, Party, PartyKind};

fn element(p: &Party) -> Element {
    match p.kind {
        PartyKind::Signataire => Element::Signataire,
        PartyKind::Commune => Element::Commune,
        PartyKind::Partenaire => Element::Partenaire,
    }
}

fn kind(k: PartyKind) -> &'static str {
    match k {
        PartyKind::Signataire => "signataire",
        PartyKind::Commune => "commune",
        PartyKind::Partenaire => "partenaire",
    }
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

impl Paired for Party {
    fn id(&self) -> &str {
        &self.id.name
    }

    fn subject(&self, _: At) -> Subject {
        let label = format!("{} « {} »", kind(self.kind), self.nom.value);
        Subject::new(element(self), &self.id.name, label)
    }

    fn added(&self, _: At) -> Option<String> {
        Some(summary(self))
    }

    fn removed(&self, _: At) -> Option<String> {
        Some(summary(self))
    }

    fn fields(o: &Self, n: &Self, _: [At; 2], s: &Subject, r: &mut Recorder) {
        if o.kind != n.kind {
            let (a, b) = (kind(o.kind).to_string(), kind(n.kind).to_string());
            r.value(s, "catégorie", Some(a), Some(b), Shape::Plain);
        }
        r.renaming(s, "nom", &o.nom.value, &n.nom.value);
        if n.kind == PartyKind::Commune || o.kind == PartyKind::Commune {
            let signe = |p: &Party| Some(if p.signe { "oui" } else { "non" }.to_string());
            r.value(s, "signataire", signe(o), signe(n), Shape::Plain);
        }
        let nature = |p: &Party| p.nature().map(|n| n.keyword().to_string());
        r.value(s, "nature", nature(o), nature(n), Shape::Plain);
        let denomination = |p: &Party| p.denomination.as_ref().map(|d| d.value.clone());
        r.value(
            s,
            "dénomination",
            denomination(o),
            denomination(n),
            Shape::Quoted,
        );
        let genre = |p: &Party| Some(p.gender().keyword().to_string());
        r.value(s, "genre", genre(o), genre(n), Shape::Plain);
        r.list(
            s,
            "représentant",
            &representatives(o),
            &representatives(n),
            Shape::Plain,
        );
        r.value(
            s,
            "délibération",
            deliberation(o),
            deliberation(n),
            Shape::Plain,
        );
        let adresse = |p: &Party| p.adresse.as_ref().map(|a| a.value.clone());
        r.value(s, "adresse", adresse(o), adresse(n), Shape::Quoted);
        let logo = |p: &Party| {
            p.logo
                .as_ref()
                .map(|l| format!("{} ({})", l.fichier, l.alt))
        };
        r.value(s, "logo", logo(o), logo(n), Shape::Plain);
    }
}

pub fn parties<'a>(old: &'a Model, new: &'a Model, r: &mut Recorder) {
    let mut pairs = pairing::pairs(&old.parties, &new.parties, Party::id);
    // Signataires, then communes, then partenaires (the order of `Element`, the document's);
    // the sort is stable: each kind keeps its order, the removed parties stay last in theirs.
    pairs.sort_by_key(|p| match *p {
        Pair::Added(j) | Pair::Both(_, j) => (false, Some(element(&new.parties[j]))),
        Pair::Removed(_) => (true, None),
    });
    let version = |model: &'a Model| Version {
        model,
        list: &model.parties,
    };
    pairing::compare_pairs(version(old), version(new), &pairs, r);
}
