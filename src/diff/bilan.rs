//! The annual bilans, paired by year and by fiche and year: the `bilan ANNÉE` blocks of a year
//! (one file per working group) are one bilan, so how they are split across files is no change.
//! The indicators' values written in a bilan are not here: they show on their indicator, as the
//! fiche's own values do (`plan`).

use std::collections::{HashMap, HashSet};

use super::pairing::{self, At, Pair, Paired, Version};
use super::record::{Entry, Fields, Recorder, Subject};
use super::value::{date, money, text};
use super::{Action, Element, Shape};
use crate::date::Date;
use crate::model::{FicheYear, Model, SynthesisSubject, Val};
use crate::typography::count;

/// What a synthesis is about, by identifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum About<'m> {
    Axe(&'m str),
    Instance(&'m str),
}

impl About<'_> {
    /// `orientation pe`, `instance gt-creche`: the axe in the words of `ctgc.yaml`.
    fn key(self, at: At) -> String {
        match self {
            About::Axe(id) => format!("{} {id}", at.words.axe),
            About::Instance(id) => format!("instance {id}"),
        }
    }
}

/// One year's bilan, gathered from every block of that year.
struct Year<'m> {
    annee: i32,
    /// The year's COPIL date: the first given (a second one is `ctg::bilan::double`).
    copil: Option<&'m Val<Date>>,
    /// Each subject's syntheses, in the order written, as one text: several blocks may each say
    /// something of one axe.
    syntheses: Vec<(About<'m>, String)>,
    /// The fiches' entries, in the order of the fiches.
    fiches: Vec<Reviewed<'m>>,
}

/// A fiche's entry in one year's bilan.
struct Reviewed<'m> {
    annee: i32,
    entry: &'m FicheYear,
}

impl Reviewed<'_> {
    /// What each financeur paid, in the order first written (two lines of one financeur add up,
    /// as in the bilan's figures).
    fn paid(&self) -> Vec<(&str, i64)> {
        let mut out: Vec<(&str, i64)> = Vec::new();
        for p in &self.entry.realise {
            let cents = p.montant.cents();
            match out.iter_mut().find(|(f, _)| *f == p.financeur.name) {
                Some((_, total)) => *total = total.saturating_add(cents),
                None => out.push((&p.financeur.name, cents)),
            }
        }
        out
    }

    fn total(&self) -> i64 {
        (self.entry.realise.iter()).fold(0, |t: i64, p| t.saturating_add(p.montant.cents()))
    }
}

/// The bilans of a version, one per year in year order.
fn years(model: &Model) -> Vec<Year<'_>> {
    let mut years: Vec<Year> = (model.bilan_years().into_iter())
        .map(|annee| Year {
            annee,
            copil: None,
            syntheses: Vec::new(),
            fiches: Vec::new(),
        })
        .collect();
    let place: HashMap<i32, usize> = (years.iter().enumerate())
        .map(|(k, y)| (y.annee, k))
        .collect();
    // The first entry of a fiche in a year counts (a second one is `ctg::bilan::double`).
    let mut seen: HashSet<(i32, &str)> = HashSet::new();
    for b in &model.bilans {
        let year = &mut years[place[&b.annee]];
        if year.copil.is_none() {
            year.copil = b.copil.as_ref().map(|(d, _)| d);
        }
        for s in &b.syntheses {
            let about = match &s.sujet {
                SynthesisSubject::Axe(r) => About::Axe(&r.name),
                SynthesisSubject::Instance(r) => About::Instance(&r.name),
            };
            let texte = &s.texte.markdown;
            match year.syntheses.iter_mut().find(|(a, _)| *a == about) {
                Some((_, t)) => {
                    t.push_str("\n\n");
                    t.push_str(texte);
                }
                None => year.syntheses.push((about, texte.clone())),
            }
        }
        for entry in &b.fiches {
            if seen.insert((b.annee, &entry.fiche.name)) {
                year.fiches.push(Reviewed {
                    annee: b.annee,
                    entry,
                });
            }
        }
    }
    for year in &mut years {
        // Unknown fiches (a version with errors) last.
        (year.fiches).sort_by_key(|r| r.entry.fiche.target.map_or(usize::MAX, |f| f.index()));
    }
    years
}

impl Paired for Year<'_> {
    fn subject(&self, _: At) -> Subject {
        let annee = self.annee.to_string();
        Subject::new(Element::Bilan, &annee, format!("bilan {annee}"))
    }

    /// `29 fiches action ; copil 18 mars 2025`
    fn added(&self, at: At) -> Option<String> {
        let fiches = count(self.fiches.len(), &at.words.fiche, &at.words.fiches());
        Some(match self.copil {
            Some(d) => format!("{fiches} ; copil {}", date(d)),
            None => fiches,
        })
    }

    fn removed(&self, at: At) -> Option<String> {
        self.added(at)
    }

    fn fields(f: &mut Fields<Self>, at: [At; 2]) {
        f.value("copil", Shape::Plain, |y| y.copil.map(date));
        let (old, new) = (&f.old.syntheses, &f.new.syntheses);
        if old == new {
            return;
        }
        for p in pairing::pairs(old, new, |s| s.0) {
            let (about, avant, apres) = match p {
                Pair::Both(i, j) => (new[j].0, Some(&old[i].1), Some(&new[j].1)),
                Pair::Added(j) => (new[j].0, None, Some(&new[j].1)),
                Pair::Removed(i) => (old[i].0, Some(&old[i].1), None),
            };
            let before = f.r.changes.len();
            f.r.value(f.subject, "synthèse", avant, apres, Shape::Text);
            for c in &mut f.r.changes[before..] {
                c.cle = Some(about.key(at[1]));
            }
        }
    }
}

/// `statut en-cours ; réalisé 15 200 €`: a fiche's entry in a few words.
fn entry_summary(r: &Reviewed) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(s) = &r.entry.statut {
        parts.push(format!("statut {}", s.value.keyword()));
    }
    if !r.entry.realise.is_empty() {
        parts.push(format!("réalisé {}", money(r.total())));
    }
    (!parts.is_empty()).then(|| parts.join(" ; "))
}

impl Paired for Reviewed<'_> {
    /// « bilan 2024, fiche action 1.2 « Titre » »; the identifier `2024/creche`.
    fn subject(&self, at: At) -> Subject {
        let name = &self.entry.fiche.name;
        let fiche = match self.entry.fiche.target.map(|f| &at.model.fiches[f]) {
            Some(f) => format!("{} {} « {} »", at.words.fiche, f.numero, f.titre.value),
            None => format!("{} {name}", at.words.fiche),
        };
        let label = format!("bilan {}, {fiche}", self.annee);
        Subject::new(Element::Bilan, &format!("{}/{name}", self.annee), label)
    }

    fn added(&self, _: At) -> Option<String> {
        entry_summary(self)
    }

    fn removed(&self, _: At) -> Option<String> {
        entry_summary(self)
    }

    fn money(&self) -> i64 {
        self.total()
    }

    fn fields(f: &mut Fields<Self>, _: [At; 2]) {
        f.value("statut", Shape::Plain, |r| {
            r.entry.statut.as_ref().map(|s| s.value.keyword())
        });
        paid(f);
        f.list("étape-réalisée", Shape::Quoted, |r| {
            r.entry.etapes_realisees.iter().map(|e| &e.value)
        });
        f.text("difficultés", |r| text(&r.entry.difficultes));
        f.text("perspectives", |r| text(&r.entry.perspectives));
    }
}

/// The réalisé per financeur: added, changed or removed, with the difference in cents.
fn paid(f: &mut Fields<Reviewed>) {
    let (old, new) = (f.old.paid(), f.new.paid());
    if old == new {
        return;
    }
    for p in pairing::pairs(&old, &new, |(financeur, _)| *financeur) {
        let (financeur, avant, apres) = match p {
            Pair::Both(i, j) if old[i].1 == new[j].1 => continue,
            Pair::Both(i, j) => (new[j].0, Some(old[i].1), Some(new[j].1)),
            Pair::Added(j) => (new[j].0, None, Some(new[j].1)),
            Pair::Removed(i) => (old[i].0, Some(old[i].1), None),
        };
        let action = match (avant, apres) {
            (None, _) => Action::Ajout,
            (_, None) => Action::Retrait,
            _ => Action::Modification,
        };
        let e = Entry {
            champ: Some("réalisé"),
            cle: Some(financeur.to_string()),
            avant: avant.map(money),
            apres: apres.map(money),
            ecart: Some(apres.unwrap_or(0) - avant.unwrap_or(0)),
            // An amount added or removed says its difference itself, as a one-year funding line.
            gap: (action != Action::Modification).then(String::new),
            ..Entry::of(action)
        };
        f.r.push(f.subject, e);
    }
}

/// Each year's bilan, then its fiches' entries; a year added or removed brings all its entries.
pub(crate) fn bilans(old: &Model, new: &Model, r: &mut Recorder) {
    let (old_years, new_years) = (years(old), years(new));
    let (old_version, new_version) = (
        Version {
            model: old,
            list: &old_years,
        },
        Version {
            model: new,
            list: &new_years,
        },
    );
    for p in pairing::pairs(&old_years, &new_years, |y| y.annee) {
        pairing::compare_pairs(old_version, new_version, &[p], r);
        let (of, nf): (&[Reviewed], &[Reviewed]) = match p {
            Pair::Both(i, j) => (&old_years[i].fiches, &new_years[j].fiches),
            Pair::Added(j) => (&[], &new_years[j].fiches),
            Pair::Removed(i) => (&old_years[i].fiches, &[]),
        };
        let pairs = pairing::pairs(of, nf, |e| e.entry.fiche.name.as_str());
        let version = |model, list| Version { model, list };
        pairing::compare_pairs(version(old, of), version(new, nf), &pairs, r);
    }
}
