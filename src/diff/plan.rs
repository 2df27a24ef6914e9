//! The plan d'actions: axes and objectifs, fiches with their indicators and funding.

use std::collections::{HashMap, HashSet};

use super::funding;
use super::pairing::{self, At, Pair, Paired, Version};
use super::record::{Entry, Fields, Recorder, Subject};
use super::value::{Dated, measure, money, names, text, val, years};
use super::{Action, Element, Shape};
use crate::bilan::{Bilans, Point};
use crate::model::{Axe, Fiche, Idx, Indicator, Model, Objectif, Territory};

impl Paired for Axe {
    fn subject(&self, at: At) -> Subject {
        let label = format!("{} {} « {} »", at.words.axe, self.numero, self.titre.value);
        Subject::new(Element::Axe, &self.id.name, label)
    }

    fn fields(f: &mut Fields<Self>, _: [At; 2]) {
        f.numbering(|a| &a.numero);
        f.renaming("titre", |a| &a.titre.value);
        f.text("description", |a| text(&a.description));
    }
}

/// The identifier of an objectif's axe.
fn axe_of<'a>(o: &Objectif, at: At<'a>) -> Option<&'a str> {
    at.model.axes.get(o.axe.index()).map(|a| a.id.name.as_str())
}

impl Paired for Objectif {
    fn subject(&self, _: At) -> Subject {
        let label = format!("objectif {} « {} »", self.numero, self.titre.value);
        Subject::new(Element::Objectif, &self.id.name, label)
    }

    fn added(&self, at: At) -> Option<String> {
        axe_of(self, at).map(|a| format!("{} {a}", at.words.axe))
    }

    fn fields(f: &mut Fields<Self>, at: [At; 2]) {
        let axes = (axe_of(f.old, at[0]), axe_of(f.new, at[1]));
        f.r.value(f.subject, "axe", axes.0, axes.1, Shape::Plain);
        f.numbering(|o| &o.numero);
        f.renaming("titre", |o| &o.titre.value);
        f.text("description", |o| text(&o.description));
    }
}

/// Axes, then objectifs (in the order of their axes).
pub(crate) fn axes(old: &Model, new: &Model, r: &mut Recorder) {
    pairing::compare(old, new, |m| &m.axes, |a| &a.id.name, r);
    pairing::compare(old, new, |m| &m.objectifs, |o| &o.id.name, r);
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

/// A fiche with its indicators' yearly values: its own `valeur` lines and the bilans', one series
/// per indicator (by position), read as the export and the bilan document read them. Where a value
/// is written is no change: `fmt --deplacer-valeurs` moves them into their bilan.
pub(crate) struct Planned<'m> {
    fiche: &'m Fiche,
    values: Vec<Vec<Point<'m>>>,
}

/// The fiches of a version with their values (the bilans indexed once for all of them).
fn planned(model: &Model) -> Vec<Planned<'_>> {
    let bilans = Bilans::index(model);
    Idx::enumerate(&model.fiches)
        .map(|(fi, fiche)| Planned {
            fiche,
            values: (0..fiche.indicateurs.len())
                .map(|index| bilans.series(fi, index))
                .collect(),
        })
        .collect()
}

impl Paired for Planned<'_> {
    fn subject(&self, at: At) -> Subject {
        let f = self.fiche;
        let label = format!(
            "{} {} « {} »",
            at.model.config.libelles.fiche, f.numero, f.titre.value
        );
        Subject::new(Element::Fiche, &f.id.name, label)
    }

    fn added(&self, at: At) -> Option<String> {
        Some(fiche_summary(self.fiche, &at.words.axe))
    }

    fn removed(&self, at: At) -> Option<String> {
        Some(fiche_summary(self.fiche, &at.words.axe))
    }

    fn money(&self) -> i64 {
        funding::total(&self.fiche.financements)
    }

    fn fields(f: &mut Fields<Self>, _: [At; 2]) {
        let values = [f.old.values.as_slice(), f.new.values.as_slice()];
        let mut f = Fields {
            old: f.old.fiche,
            new: f.new.fiche,
            subject: f.subject,
            r: f.r,
        };
        // Only a fiche paired by its title has another identifier.
        f.value("identifiant", Shape::Plain, |x| Some(x.id.name.as_str()));
        fiche(&mut f, values);
    }
}

fn title<'a>(p: &Planned<'a>) -> &'a str {
    &p.fiche.titre.value
}

/// A new identifier on an unchanged title is the same fiche, renamed: a new fiche whose title no
/// other new fiche has pairs with the removed fiche of that title, if it is the only one.
fn by_title(pairs: &mut Vec<Pair>, old: &[Planned], new: &[Planned]) {
    let mut in_new: HashMap<&str, usize> = HashMap::new();
    for f in new {
        *in_new.entry(title(f)).or_default() += 1;
    }
    let mut removed: HashMap<&str, Vec<usize>> = HashMap::new();
    for p in pairs.iter() {
        if let Pair::Removed(i) = *p {
            removed.entry(title(&old[i])).or_default().push(i);
        }
    }
    let mut renamed = HashSet::new();
    for p in pairs.iter_mut() {
        if let Pair::Added(j) = *p {
            let t = title(&new[j]);
            if let (Some([i]), Some(1)) = (removed.get(t).map(Vec::as_slice), in_new.get(t)) {
                renamed.insert(*i);
                *p = Pair::Both(*i, j);
            }
        }
    }
    pairs.retain(|p| !matches!(p, Pair::Removed(i) if renamed.contains(i)));
}

pub(crate) fn fiches(old: &Model, new: &Model, r: &mut Recorder) {
    let (old_list, new_list) = (planned(old), planned(new));
    let mut pairs = pairing::pairs(&old_list, &new_list, |p| p.fiche.id.name.as_str());
    by_title(&mut pairs, &old_list, &new_list);
    let old = Version {
        model: old,
        list: &old_list,
    };
    let new = Version {
        model: new,
        list: &new_list,
    };
    pairing::compare_pairs(old, new, &pairs, r);
}

fn territory(t: &Option<Territory>) -> Vec<&str> {
    match t {
        None => Vec::new(),
        Some(Territory::All) => vec!["tout"],
        Some(Territory::Communes(list)) => names(list).collect(),
    }
}

/// The fields of a fiche in both versions; VALUES are its indicators' series, old then new.
fn fiche(f: &mut Fields<Fiche>, values: [&[Vec<Point>]; 2]) {
    f.numbering(|x| &x.numero);
    f.renaming("titre", |x| &x.titre.value);
    f.value("axe", Shape::Plain, |x| x.axe.as_ref().map(|a| &a.name));
    f.set("objectifs", |x| names(&x.objectifs));
    f.set("champ", |x| x.champs.iter().map(|c| c.value.keyword()));
    f.value("priorité", Shape::Plain, |x| {
        x.priorite.as_ref().map(|p| p.value.keyword())
    });
    f.value("statut", Shape::Plain, |x| {
        x.statut.as_ref().map(|p| p.value.keyword())
    });
    f.text("constat", |x| text(&x.constat));
    f.list("objectif-opérationnel", Shape::Quoted, |x| {
        x.objectifs_operationnels.iter().map(|o| &o.value)
    });
    f.text("description", |x| text(&x.description));
    f.value("public", Shape::Quoted, |x| x.public.as_ref().map(val));
    let (to, tn) = (territory(&f.old.territoire), territory(&f.new.territoire));
    if to.first() == Some(&"tout") || tn.first() == Some(&"tout") {
        let (to, tn) = (Some(to.join(", ")), Some(tn.join(", ")));
        f.r.value(f.subject, "territoire", to, tn, Shape::Plain);
    } else {
        f.r.set(f.subject, "territoire", &to, &tn);
    }
    f.value("pilote", Shape::Plain, |x| {
        x.pilote.as_ref().map(|p| &p.name)
    });
    f.list("référent", Shape::Quoted, |x| x.referents.iter().map(val));
    f.set("partenaires", |x| names(&x.partenaires));
    f.value("calendrier", Shape::Plain, |x| {
        x.calendrier.map(|c| years(c.0))
    });
    f.list("étape", Shape::Plain, |x| x.etapes.iter().map(Dated::step));
    f.text("moyens", |x| text(&x.moyens));
    f.text("résultats-attendus", |x| text(&x.resultats_attendus));
    f.list("lien", Shape::Quoted, |x| x.liens.iter().map(|l| &l.value));
    let indicateurs = [&f.old.indicateurs, &f.new.indicateurs].map(Vec::as_slice);
    indicators(indicateurs, values, f.subject, f.r);
    funding::lines(f.r, f.subject, &f.old.financements, &f.new.financements);
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

/// An indicator added or removed, as one change of its fiche.
fn whole_indicator(r: &mut Recorder, s: &Subject, i: &Indicator, added: bool) {
    let summary = Some(indicator_summary(i));
    let (action, avant, apres) = if added {
        (Action::Ajout, None, summary)
    } else {
        (Action::Retrait, summary, None)
    };
    let e = Entry {
        champ: Some("indicateur"),
        cle: Some(i.libelle.value.clone()),
        avant,
        apres,
        ..Entry::of(action)
    };
    r.push(s, e);
}

/// Indicators, matched by their label, old then new, with their series (by position).
fn indicators(
    [old, new]: [&[Indicator]; 2],
    values: [&[Vec<Point>]; 2],
    s: &Subject,
    r: &mut Recorder,
) {
    for p in pairing::pairs(old, new, |i| i.libelle.value.as_str()) {
        match p {
            Pair::Both(i, j) => {
                let before = r.changes.len();
                let mut f = Fields {
                    old: &old[i],
                    new: &new[j],
                    subject: s,
                    r,
                };
                indicator(&mut f, [&values[0][i], &values[1][j]]);
                // Every change says which indicator it is about.
                for c in &mut r.changes[before..] {
                    c.cle = Some(new[j].libelle.value.clone());
                }
            }
            Pair::Added(j) => whole_indicator(r, s, &new[j], true),
            Pair::Removed(i) => whole_indicator(r, s, &old[i], false),
        }
    }
}

/// The fields of an indicator present in both versions; VALUES are its series, old then new.
fn indicator(f: &mut Fields<Indicator>, values: [&[Point]; 2]) {
    f.value("type", Shape::Plain, |i| {
        i.kind.as_ref().map(|k| k.value.keyword())
    });
    f.value("unité", Shape::Quoted, |i| i.unite.as_deref());
    f.value("départ", Shape::Plain, |i| i.depart.as_ref().map(measure));
    f.value("cible", Shape::Plain, |i| i.cible.as_ref().map(measure));
    let [old, new] = values.map(|v| v.iter().map(Dated::point).collect::<Vec<_>>());
    f.r.list(f.subject, "valeur", &old, &new, Shape::Plain);
    f.value("source", Shape::Quoted, |i| i.source.as_deref());
    f.value("fréquence", Shape::Quoted, |i| i.frequence.as_deref());
}
