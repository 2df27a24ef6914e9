//! The plan d'actions: axes and objectifs, fiches with their indicators and funding.

use super::funding;
use super::record::{Entry, Recorder, Subject};
use super::value::{measure, money, text, val, years};
use super::{Action, Element, Shape};
use crate::model::{Fiche, Indicator, Model, Ref, Territory};

fn names(list: &[Ref]) -> Vec<String> {
    list.iter().map(|r| r.name.clone()).collect()
}

pub fn axes(old: &Model, new: &Model, r: &mut Recorder) {
    let word = &new.config.libelles.axe;
    let label = |a: &crate::model::Axe| format!("{word} {} « {} »", a.numero, a.titre.value);
    for n in &new.axes {
        let s = Subject::new(Element::Axe, &n.id.name, label(n));
        let Some(o) = old.axes.iter().find(|o| o.id.name == n.id.name) else {
            r.element(&s, true, None, None);
            continue;
        };
        r.renamed(&s, Action::Renumerotation, "numéro", &o.numero, &n.numero);
        r.renamed(
            &s,
            Action::Renommage,
            "titre",
            &o.titre.value,
            &n.titre.value,
        );
        r.text(
            &s,
            "description",
            text(&o.description),
            text(&n.description),
        );
    }
    for o in old
        .axes
        .iter()
        .filter(|o| !new.axes.iter().any(|n| n.id.name == o.id.name))
    {
        r.element(
            &Subject::new(Element::Axe, &o.id.name, label(o)),
            false,
            None,
            None,
        );
    }
    // Objectifs, in the order of their axes.
    let axe_of = |m: &Model, i: usize| m.axes.get(m.objectifs[i].axe).map(|a| a.id.name.clone());
    for (ni, n) in new.objectifs.iter().enumerate() {
        let s = Subject::new(
            Element::Objectif,
            &n.id.name,
            format!("objectif {} « {} »", n.numero, n.titre.value),
        );
        let Some((oi, o)) = old
            .objectifs
            .iter()
            .enumerate()
            .find(|(_, o)| o.id.name == n.id.name)
        else {
            r.element(
                &s,
                true,
                axe_of(new, ni).map(|a| format!("{word} {a}")),
                None,
            );
            continue;
        };
        r.value(&s, "axe", axe_of(old, oi), axe_of(new, ni), Shape::Plain);
        r.renamed(&s, Action::Renumerotation, "numéro", &o.numero, &n.numero);
        r.renamed(
            &s,
            Action::Renommage,
            "titre",
            &o.titre.value,
            &n.titre.value,
        );
        r.text(
            &s,
            "description",
            text(&o.description),
            text(&n.description),
        );
    }
    for o in old
        .objectifs
        .iter()
        .filter(|o| !new.objectifs.iter().any(|n| n.id.name == o.id.name))
    {
        let s = Subject::new(
            Element::Objectif,
            &o.id.name,
            format!("objectif {} « {} »", o.numero, o.titre.value),
        );
        r.element(&s, false, None, None);
    }
}

fn fiche_label(m: &Model, f: &Fiche) -> String {
    format!(
        "{} {} « {} »",
        m.config.libelles.fiche, f.numero, f.titre.value
    )
}

/// What a new (or removed) fiche is, in a few words: its axe, its pilot, its money.
fn fiche_summary(f: &Fiche, word: &str) -> String {
    let mut parts = Vec::new();
    if let Some(a) = &f.axe {
        parts.push(format!("{word} {}", a.name));
    }
    if let Some(p) = &f.pilote {
        parts.push(format!("pilote {}", p.name));
    }
    let total = funding::total(&f.financements);
    if total != 0 {
        parts.push(format!("financements {}", money(total)));
    }
    parts.join(" ; ")
}

pub fn fiches(old: &Model, new: &Model, r: &mut Recorder) {
    let word = &new.config.libelles.axe;
    let mut unmatched_old: Vec<&Fiche> = old
        .fiches
        .iter()
        .filter(|o| !new.fiches.iter().any(|n| n.id.name == o.id.name))
        .collect();
    for n in &new.fiches {
        let s = Subject::new(Element::Fiche, &n.id.name, fiche_label(new, n));
        let o = match old.fiches.iter().find(|o| o.id.name == n.id.name) {
            Some(o) => o,
            None => {
                // A new identifier on an unchanged title is the same fiche, renamed.
                let same_title: Vec<usize> = (0..unmatched_old.len())
                    .filter(|&i| unmatched_old[i].titre.value == n.titre.value)
                    .collect();
                let unique_in_new = new
                    .fiches
                    .iter()
                    .filter(|f| f.titre.value == n.titre.value)
                    .count()
                    == 1;
                if let ([i], true) = (same_title.as_slice(), unique_in_new) {
                    let o = unmatched_old.remove(*i);
                    r.value(
                        &s,
                        "identifiant",
                        Some(o.id.name.clone()),
                        Some(n.id.name.clone()),
                        Shape::Plain,
                    );
                    o
                } else {
                    let total = funding::total(&n.financements);
                    r.element(
                        &s,
                        true,
                        Some(fiche_summary(n, word)),
                        (total != 0).then_some(total),
                    );
                    continue;
                }
            }
        };
        fiche(o, n, &s, r);
    }
    for o in unmatched_old {
        let s = Subject::new(Element::Fiche, &o.id.name, fiche_label(old, o));
        let total = funding::total(&o.financements);
        r.element(
            &s,
            false,
            Some(fiche_summary(o, word)),
            (total != 0).then_some(-total),
        );
    }
}

fn territory(t: &Option<Territory>) -> Vec<String> {
    match t {
        None => Vec::new(),
        Some(Territory::All) => vec!["tout".into()],
        Some(Territory::Communes(list)) => names(list),
    }
}

fn fiche(o: &Fiche, n: &Fiche, s: &Subject, r: &mut Recorder) {
    r.renamed(s, Action::Renumerotation, "numéro", &o.numero, &n.numero);
    r.renamed(
        s,
        Action::Renommage,
        "titre",
        &o.titre.value,
        &n.titre.value,
    );
    let axe = |f: &Fiche| f.axe.as_ref().map(|a| a.name.clone());
    r.value(s, "axe", axe(o), axe(n), Shape::Plain);
    r.set(s, "objectifs", &names(&o.objectifs), &names(&n.objectifs));
    let champs = |f: &Fiche| {
        f.champs
            .iter()
            .map(|c| c.value.keyword().to_string())
            .collect::<Vec<_>>()
    };
    r.set(s, "champ", &champs(o), &champs(n));
    let priorite = |f: &Fiche| f.priorite.as_ref().map(|p| p.value.keyword().to_string());
    r.value(s, "priorité", priorite(o), priorite(n), Shape::Plain);
    let statut = |f: &Fiche| f.statut.as_ref().map(|p| p.value.keyword().to_string());
    r.value(s, "statut", statut(o), statut(n), Shape::Plain);
    r.text(s, "constat", text(&o.constat), text(&n.constat));
    let ops = |f: &Fiche| {
        f.objectifs_operationnels
            .iter()
            .map(|x| x.value.clone())
            .collect::<Vec<_>>()
    };
    r.list(s, "objectif-opérationnel", &ops(o), &ops(n), Shape::Quoted);
    r.text(s, "description", text(&o.description), text(&n.description));
    let public = |f: &Fiche| f.public.as_ref().map(val);
    r.value(s, "public", public(o), public(n), Shape::Quoted);
    let (to, tn) = (territory(&o.territoire), territory(&n.territoire));
    if to.first().map(String::as_str) == Some("tout")
        || tn.first().map(String::as_str) == Some("tout")
    {
        r.value(
            s,
            "territoire",
            Some(to.join(", ")),
            Some(tn.join(", ")),
            Shape::Plain,
        );
    } else {
        r.set(s, "territoire", &to, &tn);
    }
    let pilote = |f: &Fiche| f.pilote.as_ref().map(|p| p.name.clone());
    r.value(s, "pilote", pilote(o), pilote(n), Shape::Plain);
    let referents = |f: &Fiche| f.referents.iter().map(val).collect::<Vec<_>>();
    r.list(s, "référent", &referents(o), &referents(n), Shape::Quoted);
    r.set(
        s,
        "partenaires",
        &names(&o.partenaires),
        &names(&n.partenaires),
    );
    let calendrier = |f: &Fiche| f.calendrier.map(|c| years(c.0));
    r.value(s, "calendrier", calendrier(o), calendrier(n), Shape::Plain);
    let etapes = |f: &Fiche| {
        f.etapes
            .iter()
            .map(|e| format!("{} : {}", e.annee, e.texte))
            .collect::<Vec<_>>()
    };
    r.list(s, "étape", &etapes(o), &etapes(n), Shape::Plain);
    r.text(s, "moyens", text(&o.moyens), text(&n.moyens));
    r.text(
        s,
        "résultats-attendus",
        text(&o.resultats_attendus),
        text(&n.resultats_attendus),
    );
    let liens = |f: &Fiche| f.liens.iter().map(|x| x.value.clone()).collect::<Vec<_>>();
    r.list(s, "lien", &liens(o), &liens(n), Shape::Quoted);
    indicators(&o.indicateurs, &n.indicateurs, s, r);
    funding::lines(r, s, &o.financements, &n.financements);
}

fn indicator_summary(i: &Indicator) -> String {
    let mut parts = Vec::new();
    if let Some(k) = &i.kind {
        parts.push(k.value.keyword().to_string());
    }
    if let Some(d) = &i.depart {
        parts.push(format!("départ {}", measure(d)));
    }
    if let Some(c) = &i.cible {
        parts.push(format!("cible {}", measure(c)));
    }
    parts.join(", ")
}

/// Indicators, matched by their label.
fn indicators(old: &[Indicator], new: &[Indicator], s: &Subject, r: &mut Recorder) {
    for n in new {
        let cle = Some(n.libelle.value.clone());
        let Some(o) = old.iter().find(|o| o.libelle.value == n.libelle.value) else {
            r.push(
                s,
                Entry {
                    champ: Some("indicateur"),
                    cle,
                    apres: Some(indicator_summary(n)),
                    ..Entry::of(Action::Ajout)
                },
            );
            continue;
        };
        let before = r.changes.len();
        let kind = |i: &Indicator| i.kind.as_ref().map(|k| k.value.keyword().to_string());
        r.value(s, "type", kind(o), kind(n), Shape::Plain);
        r.value(s, "unité", o.unite.clone(), n.unite.clone(), Shape::Quoted);
        r.value(
            s,
            "départ",
            o.depart.as_ref().map(measure),
            n.depart.as_ref().map(measure),
            Shape::Plain,
        );
        r.value(
            s,
            "cible",
            o.cible.as_ref().map(measure),
            n.cible.as_ref().map(measure),
            Shape::Plain,
        );
        let values = |i: &Indicator| {
            i.valeurs
                .iter()
                .map(|m| format!("{} : {}", m.annee, val(&m.valeur)))
                .collect::<Vec<_>>()
        };
        r.list(s, "valeur", &values(o), &values(n), Shape::Plain);
        r.value(
            s,
            "source",
            o.source.clone(),
            n.source.clone(),
            Shape::Quoted,
        );
        r.value(
            s,
            "fréquence",
            o.frequence.clone(),
            n.frequence.clone(),
            Shape::Quoted,
        );
        for c in &mut r.changes[before..] {
            c.cle = cle.clone();
        }
    }
    for o in old
        .iter()
        .filter(|o| !new.iter().any(|n| n.libelle.value == o.libelle.value))
    {
        r.push(
            s,
            Entry {
                champ: Some("indicateur"),
                cle: Some(o.libelle.value.clone()),
                avant: Some(indicator_summary(o)),
                ..Entry::of(Action::Retrait)
            },
        );
    }
}
