//! Équipements and the instances of gouvernance.

use super::funding;
use super::record::{Recorder, Subject};
use super::value::text;
use super::{Action, Element, Shape};
use crate::model::{Equipment, Instance, Model, Ref};

fn names(list: &[Ref]) -> Vec<String> {
    list.iter().map(|r| r.name.clone()).collect()
}

pub fn equipements(old: &Model, new: &Model, r: &mut Recorder) {
    let label = |e: &Equipment| format!("équipement « {} »", e.nom.value);
    for n in &new.equipements {
        let s = Subject::new(Element::Equipement, &n.id.name, label(n));
        let Some(o) = old.equipements.iter().find(|o| o.id.name == n.id.name) else {
            let total = funding::total(&n.financements);
            r.element(
                &s,
                true,
                n.kind.as_ref().map(|k| k.value.keyword().to_string()),
                (total != 0).then_some(total),
            );
            continue;
        };
        r.renamed(&s, Action::Renommage, "nom", &o.nom.value, &n.nom.value);
        let kind = |e: &Equipment| e.kind.as_ref().map(|k| k.value.keyword().to_string());
        r.value(&s, "type", kind(o), kind(n), Shape::Plain);
        let gestionnaire = |e: &Equipment| e.gestionnaire.as_ref().map(|g| g.name.clone());
        r.value(
            &s,
            "gestionnaire",
            gestionnaire(o),
            gestionnaire(n),
            Shape::Plain,
        );
        let commune = |e: &Equipment| e.commune.as_ref().map(|c| c.name.clone());
        r.value(&s, "commune", commune(o), commune(n), Shape::Plain);
        let capacite = |e: &Equipment| {
            e.capacite
                .as_ref()
                .map(|c| format!("{} {}", c.valeur, c.unite.keyword()))
        };
        r.value(&s, "capacité", capacite(o), capacite(n), Shape::Plain);
        funding::lines(r, &s, &o.financements, &n.financements);
    }
    for o in old
        .equipements
        .iter()
        .filter(|o| !new.equipements.iter().any(|n| n.id.name == o.id.name))
    {
        let total = funding::total(&o.financements);
        r.element(
            &Subject::new(Element::Equipement, &o.id.name, label(o)),
            false,
            None,
            (total != 0).then_some(-total),
        );
    }
}

pub fn instances(old: &Model, new: &Model, r: &mut Recorder) {
    let label = |i: &Instance| format!("instance « {} »", i.nom.value);
    for n in &new.instances {
        let s = Subject::new(Element::Instance, &n.id.name, label(n));
        let Some(o) = old.instances.iter().find(|o| o.id.name == n.id.name) else {
            r.element(
                &s,
                true,
                n.kind.as_ref().map(|k| k.value.keyword().to_string()),
                None,
            );
            continue;
        };
        r.renamed(&s, Action::Renommage, "nom", &o.nom.value, &n.nom.value);
        let kind = |i: &Instance| i.kind.as_ref().map(|k| k.value.keyword().to_string());
        r.value(&s, "type", kind(o), kind(n), Shape::Plain);
        r.set(&s, "membres", &names(&o.membres), &names(&n.membres));
        let libres = |i: &Instance| {
            i.membres_libres
                .iter()
                .map(|m| m.value.clone())
                .collect::<Vec<_>>()
        };
        r.list(&s, "membre", &libres(o), &libres(n), Shape::Quoted);
        r.value(
            &s,
            "fréquence",
            o.frequence.clone(),
            n.frequence.clone(),
            Shape::Quoted,
        );
        r.text(&s, "rôle", text(&o.role), text(&n.role));
        r.set(&s, "fiches", &names(&o.fiches), &names(&n.fiches));
    }
    for o in old
        .instances
        .iter()
        .filter(|o| !new.instances.iter().any(|n| n.id.name == o.id.name))
    {
        r.element(
            &Subject::new(Element::Instance, &o.id.name, label(o)),
            false,
            None,
            None,
        );
    }
}
