//! Signataires, communes and partenaires: one namespace of identifiers.

use super::pairing::{self, At, Pair, Paired, Version};
use super::record::{Fields, Recorder, Subject};
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

    fn fields(f: &mut Fields<Self>, _: [At; 2]) {
        let (o, n) = (f.old.kind, f.new.kind);
        if o != n {
            f.r.value(
                f.subject,
                "catégorie",
                Some(kind(o)),
                Some(kind(n)),
                Shape::Plain,
            );
        }
        f.renaming("nom", |p| &p.nom.value);
        if n == PartyKind::Commune || o == PartyKind::Commune {
            f.value("signataire", Shape::Plain, |p| {
                Some(if p.signe { "oui" } else { "non" })
            });
        }
        f.value("nature", Shape::Plain, |p| p.nature().map(|n| n.keyword()));
        f.value("dénomination", Shape::Quoted, |p| {
            p.denomination.as_ref().map(|d| &d.value)
        });
        f.value("genre", Shape::Plain, |p| Some(p.gender().keyword()));
        f.list("représentant", Shape::Plain, representatives);
        f.value("délibération", Shape::Plain, deliberation);
        f.value("adresse", Shape::Quoted, |p| {
            p.adresse.as_ref().map(|a| &a.value)
        });
        let logo = |p: &Party| {
            p.logo
                .as_ref()
                .map(|l| format!("{} ({})", l.fichier, l.alt))
        };
        f.value("logo", Shape::Plain, logo);
    }
}

pub(crate) fn parties<'a>(old: &'a Model, new: &'a Model, r: &mut Recorder) {
    let mut pairs = pairing::pairs(&old.parties, &new.parties, |p| p.id.name.as_str());
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
