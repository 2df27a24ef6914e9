//! The plan d'actions: axes and objectifs, fiches with their indicators and funding.

use std::collections::{HashMap, HashSet};

use super::funding;
use super::pairing::{self, At, Pair, Paired, Version};
use super::record::{Entry, Recorder, Subject};
use super::value::{measure, money, names, text, val, years};
use super::{Action, Element, Shape};
use crate::model::{Axe, Fiche, Indicator, Model, Objectif, Territory};

impl Paired for Axe {
    fn id(&self) -> &str {
        &self.id.name
    }

    fn subject(&self, at: At) -> Subject {
        let label = format!("{} {} « {} »", at.words.axe, self.numero, self.titre.value);
        Subject::new(Element::Axe, &self.id.name, label)
    }

    fn fields(o: &Self, n: &Self, _: [At; 2], s: &Subject, r: &mut Recorder) {
        r.renamed(s, Action::Renumerotation, "numéro", &o.numero, &n.numero);
        r.renaming(s, "titre", &o.titre.value, &n.titre.value);
        r.text(s, "description", text(&o.description), text(&n.description));
    }
}

/// The identifier of an objectif's axe.
fn axe_of(o: &Objectif, at: At) -> Option<String> {
    at.model.axes.get(o.axe).map(|a| a.id.name.clone())
}

impl Paired for Objectif {
    fn id(&self) -> &str {
        &self.id.name
    }

    fn subject(&self, _: At) -> Subject {
        let label = format!("objectif {} « {} »", self.numero, self.titre.value);
        Subject::new(Element::Objectif, &self.id.name, label)
    }

    fn added(&self, at: At) -> Option<String> {
        axe_of(self, at).map(|a| format!("{} {a}", at.words.axe))
    }

    fn fields(o: &Self, n: &Self, at: [At; 2], s: &Subject, r: &mut Recorder) {
        r.value(s, "axe", axe_of(o, at[0]), axe_of(n, at[1]), Shape::Plain);
        r.renamed(s, Action::Renumerotation, "numéro", &o.numero, &n.numero);
        r.renaming(s, "titre", &o.titre.value, &n.titre.value);
        r.text(s, "description", text(&o.description), text(&n.description));
    }
}

/// Axes, then objectifs (in the order of their axes).
pub fn axes(old: &Model, new: &Model, r: &mut Recorder) {
    pairing::compare(old, new, |m| &m.axes, r);
    pairing::compare(old, new, |m| &m.objectifs, r);
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

impl Paired for Fiche {
    fn id(&self) -> &str {
        &self.id.name
    }

    fn subject(&self, at: At) -> Subject {
        let label = format!(
            "{} {} « {} »",
            at.model.config.libelles.fiche, self.numero, self.titre.value
        );
        Subject::new(Element::Fiche, &self.id.name, label)
    }

    fn added(&self, at: At) -> Option<String> {
        Some(fiche_summary(self, &at.words.axe))
    }

    fn removed(&self, at: At) -> Option<String> {
        Some(fiche_summary(self, &at.words.axe))
    }

    fn money(&self) -> i64 {
        funding::total(&self.financements)
    }

    fn fields(o: &Self, n: &Self, _: [At; 2], s: &Subject, r: &mut Recorder) {
        // Only a fiche paired by its title has another identifier.
        r.value(
            s,
            "identifiant",
            Some(o.id.name.clone()),
            Some(n.id.name.clone()),
            Shape::Plain,
        );
        fiche(o, n, s, r);
    }
}

fn title(f: &Fiche) -> &str {
    &f.titre.value
}

/// A new identifier on an unchanged title is the same fiche, renamed: a new fiche whose title no
/// other new fiche has pairs with the removed fiche of that title, if it is the only one.
fn by_title(pairs: &mut Vec<Pair>, old: &[Fiche], new: &[Fiche]) {
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

pub fn fiches<'a>(old: &'a Model, new: &'a Model, r: &mut Recorder) {
    let mut pairs = pairing::pairs(&old.fiches, &new.fiches, Fiche::id);
    by_title(&mut pairs, &old.fiches, &new.fiches);
    let version = |model: &'a Model| Version {
        model,
        list: &model.fiches,
    };
    pairing::compare_pairs(version(old), version(new), &pairs, r);
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
    r.renaming(s, "titre", &o.titre.value, &n.titre.value);
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
    for p in pairing::pairs(old, new, |i| i.libelle.value.as_str()) {
        let (o, n) = match p {
            Pair::Both(i, j) => (&old[i], &new[j]),
            Pair::Added(j) => {
                let n = &new[j];
                r.push(
                    s,
                    Entry {
                        champ: Some("indicateur"),
                        cle: Some(n.libelle.value.clone()),
                        apres: Some(indicator_summary(n)),
                        ..Entry::of(Action::Ajout)
                    },
                );
                continue;
            }
            Pair::Removed(i) => {
                let o = &old[i];
                r.push(
                    s,
                    Entry {
                        champ: Some("indicateur"),
                        cle: Some(o.libelle.value.clone()),
                        avant: Some(indicator_summary(o)),
                        ..Entry::of(Action::Retrait)
                    },
                );
                continue;
            }
        };
        indicator(o, n, s, r);
    }
}

/// The fields of an indicator present in both versions, keyed by its label.
fn indicator(o: &Indicator, n: &Indicator, s: &Subject, r: &mut Recorder) {
    let cle = Some(n.libelle.value.clone());
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
