//! The French words shared by the text and Markdown renderings.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use super::sequence::{Edit, edits};
use super::value::delta;
use super::{Action, Change, Diff, Element, Shape};
use crate::model::TO_COMPLETE;
use crate::typography::{self, capitalize};

/// Sections in document order, each with the changes about its elements, grouped by element.
pub(crate) struct Section<'a> {
    pub title: String,
    /// (libellé, changes of that element) in order of first appearance.
    pub subjects: Vec<(&'a str, Vec<&'a Change>)>,
    /// Elements whose only change is their number, when there are enough of them to be shown
    /// together (an insertion renumbers everything after it).
    pub renumbered: Vec<&'a Change>,
}

/// From this many elements only renumbered, they are shown as one group.
const GROUPED: usize = 3;

fn title(diff: &Diff, e: Element) -> String {
    match e {
        Element::Convention => "Convention".into(),
        Element::Signataire => "Signataires".into(),
        Element::Commune => "Communes".into(),
        Element::Partenaire => "Partenaires".into(),
        Element::Axe => capitalize(&diff.labels.axes),
        Element::Objectif => "Objectifs".into(),
        Element::Fiche => capitalize(&diff.labels.fiches),
        Element::Equipement => "Équipements".into(),
        Element::Instance => "Gouvernance".into(),
        Element::ConventionLiee => "Conventions liées".into(),
        Element::Article => "Articles".into(),
        Element::Annexe => "Annexes".into(),
        Element::Avenant => "Avenants".into(),
        Element::Bilan => "Bilans".into(),
    }
}

pub(crate) fn sections(diff: &Diff) -> Vec<Section<'_>> {
    let mut elements: Vec<Element> = diff.changements.iter().map(|c| c.element).collect();
    elements.sort();
    elements.dedup();
    elements
        .into_iter()
        .map(|e| {
            let mut subjects: Vec<(&str, Vec<&Change>)> = Vec::new();
            // (libellé, id) → its place in `subjects`.
            let mut place: HashMap<(&str, &str), usize> = HashMap::new();
            for c in diff.changements.iter().filter(|c| c.element == e) {
                match place.entry((&c.libelle, &c.id)) {
                    Entry::Occupied(k) => subjects[*k.get()].1.push(c),
                    Entry::Vacant(k) => {
                        k.insert(subjects.len());
                        subjects.push((&c.libelle, vec![c]));
                    }
                }
            }
            let only_number =
                |list: &Vec<&Change>| list.len() == 1 && list[0].action == Action::Renumerotation;
            let mut renumbered = Vec::new();
            if subjects.iter().filter(|(_, l)| only_number(l)).count() >= GROUPED {
                renumbered = subjects
                    .iter()
                    .filter(|(_, l)| only_number(l))
                    .map(|(_, l)| l[0])
                    .collect();
                subjects.retain(|(_, l)| !only_number(l));
            }
            Section {
                title: title(diff, e),
                subjects,
                renumbered,
            }
        })
        .collect()
}

/// A whole element added or removed (rather than one of its fields).
pub(crate) fn is_whole(c: &Change) -> bool {
    c.champ.is_none() && matches!(c.action, Action::Ajout | Action::Retrait)
}

/// What changed: « référent », « financement caf 2024 », « indicateur « Places », cible »,
/// « réalisé caf », « synthèse instance gt-creche ».
pub(crate) fn what(c: &Change) -> String {
    let champ = c.champ.as_deref().unwrap_or(match c.action {
        Action::Ajout => "ajout",
        Action::Retrait => "retrait",
        _ => "",
    });
    match (&c.cle, champ) {
        (None, _) => champ.to_string(),
        (Some(k), "financement" | "réalisé" | "synthèse") => format!("{champ} {k}"),
        (Some(k), "indicateur") => format!("indicateur « {k} »"),
        (Some(k), _) => format!("indicateur « {k} », {champ}"),
    }
}

/// A value as the reader sees it.
pub(crate) fn shown(c: &Change, v: &str) -> String {
    match c.shape {
        Shape::Quoted if v != TO_COMPLETE => format!("« {v} »"),
        _ => v.to_string(),
    }
}

/// « (+2 000 €) » after an amount.
pub(crate) fn gap(c: &Change) -> Option<String> {
    match &c.gap_text {
        Some(g) => (!g.is_empty()).then(|| g.clone()),
        None => c.ecart_centimes.filter(|&e| e != 0).map(delta),
    }
}

/// `n changements : 1 ajout, 2 modifications…`
pub(crate) fn count(diff: &Diff) -> String {
    let n = diff.changements.len();
    let mut parts = Vec::new();
    for (action, one, many) in [
        (Action::Ajout, "ajout", "ajouts"),
        (Action::Retrait, "retrait", "retraits"),
        (Action::Modification, "modification", "modifications"),
        (Action::Renumerotation, "renumérotation", "renumérotations"),
        (Action::Renommage, "renommage", "renommages"),
    ] {
        let k = diff
            .changements
            .iter()
            .filter(|c| c.action == action)
            .count();
        if k > 0 {
            parts.push(typography::count(k, one, many));
        }
    }
    format!(
        "{} : {}",
        typography::count(n, "changement", "changements"),
        parts.join(", ")
    )
}

/// The message when the two versions mean the same.
pub(crate) const NOTHING: &str = "Aucun changement de fond : les deux versions disent la même chose (seule la mise en forme a pu changer).";

/// The lines of two texts, marked ` ` (kept), `-` (removed) or `+` (added); within each changed
/// passage, all removed lines come before the added ones, as in a unified diff.
pub(crate) fn line_diff<'a>(before: &'a str, after: &'a str) -> Vec<(char, &'a str)> {
    let (a, b): (Vec<&str>, Vec<&str>) = (before.lines().collect(), after.lines().collect());
    marked_lines(&a, &b)
}

/// [`line_diff`] on lines already split (as the caller wants them: `ctgc fmt --diff` keeps their
/// line ends, so that a file differing only by CRLF shows every line).
pub(crate) fn marked_lines<'a>(a: &[&'a str], b: &[&'a str]) -> Vec<(char, &'a str)> {
    let mut out = Vec::new();
    let (mut removed, mut added) = (Vec::new(), Vec::new());
    let flush =
        |out: &mut Vec<(char, &'a str)>, removed: &mut Vec<&'a str>, added: &mut Vec<&'a str>| {
            out.extend(removed.drain(..).map(|l| ('-', l)));
            out.extend(added.drain(..).map(|l| ('+', l)));
        };
    for e in edits(a, b) {
        match e {
            Edit::Same(x) => {
                flush(&mut out, &mut removed, &mut added);
                out.push((' ', *x));
            }
            Edit::Removed(x) => removed.push(*x),
            Edit::Added(y) => added.push(*y),
            Edit::Changed(x, y) => {
                removed.push(*x);
                added.push(*y);
            }
        }
    }
    flush(&mut out, &mut removed, &mut added);
    out
}
