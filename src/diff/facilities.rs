//! Équipements and the instances of gouvernance.

use super::funding;
use super::pairing::{self, At, Paired};
use super::record::{Fields, Recorder, Subject};
use super::value::{names, text};
use super::{Element, Shape};
use crate::model::{Equipment, Instance, Model};

impl Paired for Equipment {
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

    fn fields(f: &mut Fields<Self>, _: [At; 2]) {
        f.renaming("nom", |e| &e.nom.value);
        f.value("type", Shape::Plain, |e| {
            e.kind.as_ref().map(|k| k.value.keyword())
        });
        f.value("gestionnaire", Shape::Plain, |e| {
            e.gestionnaire.as_ref().map(|g| &g.name)
        });
        f.value("commune", Shape::Plain, |e| {
            e.commune.as_ref().map(|c| &c.name)
        });
        let capacite = |e: &Equipment| {
            e.capacite
                .as_ref()
                .map(|c| format!("{} {}", c.valeur, c.unite.keyword()))
        };
        f.value("capacité", Shape::Plain, capacite);
        funding::lines(f.r, f.subject, &f.old.financements, &f.new.financements);
    }
}

pub(crate) fn equipements(old: &Model, new: &Model, r: &mut Recorder) {
    pairing::compare(old, new, |m| &m.equipements, |e| &e.id.name, r);
}

impl Paired for Instance {
    fn subject(&self, _: At) -> Subject {
        let label = format!("instance « {} »", self.nom.value);
        Subject::new(Element::Instance, &self.id.name, label)
    }

    fn added(&self, _: At) -> Option<String> {
        self.kind.as_ref().map(|k| k.value.keyword().to_string())
    }

    fn fields(f: &mut Fields<Self>, _: [At; 2]) {
        f.renaming("nom", |i| &i.nom.value);
        f.value("type", Shape::Plain, |i| {
            i.kind.as_ref().map(|k| k.value.keyword())
        });
        f.set("membres", |i| names(&i.membres));
        f.list("membre", Shape::Quoted, |i| {
            i.membres_libres.iter().map(|m| &m.value)
        });
        f.value("fréquence", Shape::Quoted, |i| i.frequence.as_deref());
        f.text("rôle", |i| text(&i.role));
        f.set("fiches", |i| names(&i.fiches));
    }
}

pub(crate) fn instances(old: &Model, new: &Model, r: &mut Recorder) {
    pairing::compare(old, new, |m| &m.instances, |i| &i.id.name, r);
}
