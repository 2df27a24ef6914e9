//! Équipements and the instances of gouvernance.

use super::funding;
use super::pairing::{self, At, Paired};
use super::record::{Recorder, Subject};
use super::value::{names, text};
use super::{Element, Shape};
use crate::model::{Equipment, Instance, Model};

impl Paired for Equipment {
    fn id(&self) -> &str {
        &self.id.name
    }

    fn subject(&self, _: At) -> Subject {
        let label = format!("équipement « {} »", self.nom.value);
        Subject::new(Element::Equipement, &self.id.name, label)
    }

    fn added(&self, _: At) -> Option<String> {
        self.kind.as_ref().map(|k| k.value.keyword().to_string())
    }

    fn money(&self) -> i64 {
        funding::total(&self.financements)
    }

    fn fields(o: &Self, n: &Self, _: [At; 2], s: &Subject, r: &mut Recorder) {
        r.renaming(s, "nom", &o.nom.value, &n.nom.value);
        let kind = |e: &Equipment| e.kind.as_ref().map(|k| k.value.keyword().to_string());
        r.value(s, "type", kind(o), kind(n), Shape::Plain);
        let gestionnaire = |e: &Equipment| e.gestionnaire.as_ref().map(|g| g.name.clone());
        r.value(
            s,
            "gestionnaire",
            gestionnaire(o),
            gestionnaire(n),
            Shape::Plain,
        );
        let commune = |e: &Equipment| e.commune.as_ref().map(|c| c.name.clone());
        r.value(s, "commune", commune(o), commune(n), Shape::Plain);
        let capacite = |e: &Equipment| {
            e.capacite
                .as_ref()
                .map(|c| format!("{} {}", c.valeur, c.unite.keyword()))
        };
        r.value(s, "capacité", capacite(o), capacite(n), Shape::Plain);
        funding::lines(r, s, &o.financements, &n.financements);
    }
}

pub fn equipements(old: &Model, new: &Model, r: &mut Recorder) {
    pairing::compare(old, new, |m| &m.equipements, r);
}

impl Paired for Instance {
    fn id(&self) -> &str {
        &self.id.name
    }

    fn subject(&self, _: At) -> Subject {
        let label = format!("instance « {} »", self.nom.value);
        Subject::new(Element::Instance, &self.id.name, label)
    }

    fn added(&self, _: At) -> Option<String> {
        self.kind.as_ref().map(|k| k.value.keyword().to_string())
    }

    fn fields(o: &Self, n: &Self, _: [At; 2], s: &Subject, r: &mut Recorder) {
        r.renaming(s, "nom", &o.nom.value, &n.nom.value);
        let kind = |i: &Instance| i.kind.as_ref().map(|k| k.value.keyword().to_string());
        r.value(s, "type", kind(o), kind(n), Shape::Plain);
        r.set(s, "membres", &names(&o.membres), &names(&n.membres));
        let libres = |i: &Instance| {
            i.membres_libres
                .iter()
                .map(|m| m.value.clone())
                .collect::<Vec<_>>()
        };
        r.list(s, "membre", &libres(o), &libres(n), Shape::Quoted);
        r.value(
            s,
            "fréquence",
            o.frequence.clone(),
            n.frequence.clone(),
            Shape::Quoted,
        );
        r.text(s, "rôle", text(&o.role), text(&n.role));
        r.set(s, "fiches", &names(&o.fiches), &names(&n.fiches));
    }
}

pub fn instances(old: &Model, new: &Model, r: &mut Recorder) {
    pairing::compare(old, new, |m| &m.instances, r);
}
