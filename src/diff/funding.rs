//! Money: the funding lines of a fiche or an équipement, matched line by line, and the totals
//! per funder and year, per funder and overall.

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::hash::{Hash, Hasher};

use serde::Serialize;

use super::Action;
use super::record::{Entry, Recorder, Subject};
use super::value::{delta, money, years};
use crate::model::{Amount, Funding, Model, TO_COMPLETE};
use crate::totals;

/// One funding line, by value (borrowed from the model).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Line<'a> {
    financeur: &'a str,
    annees: crate::model::YearRange,
    dispositif: Option<&'a str>,
    montant: &'a Amount,
    par_an: bool,
    previsionnel: bool,
    convention: Option<&'a str>,
    beneficiaire: Option<&'a str>,
}

impl Eq for Line<'_> {}

// By hand: `Amount` is not `Hash`. Every field that `==` compares is hashed.
impl Hash for Line<'_> {
    fn hash<H: Hasher>(&self, h: &mut H) {
        let amount = match self.montant {
            Amount::Known(m) => (0, m.cents()),
            Amount::ToBeDetermined => (1, 0),
            Amount::ToComplete => (2, 0),
        };
        (self.financeur, self.annees.start, self.annees.end).hash(h);
        (self.dispositif, amount, self.par_an, self.previsionnel).hash(h);
        (self.convention, self.beneficiaire).hash(h);
    }
}

impl<'a> Line<'a> {
    fn of(f: &'a Funding) -> Line<'a> {
        Line {
            financeur: &f.financeur.name,
            annees: f.annees,
            dispositif: f.dispositif.as_deref(),
            montant: &f.montant,
            par_an: f.par_an,
            previsionnel: f.previsionnel,
            convention: f.convention.as_ref().map(|c| c.name.as_str()),
            beneficiaire: f.beneficiaire.as_ref().map(|b| b.name.as_str()),
        }
    }

    /// What the line adds to the totals, in cents: each year of the range counts, as in `totals`.
    fn total(&self) -> i64 {
        match self.montant {
            Amount::Known(m) => m.cents() * self.annees.counted().count() as i64,
            _ => 0,
        }
    }

    fn dispositif(&self) -> String {
        self.dispositif
            .as_ref()
            .map(|d| format!(" « {d} »"))
            .unwrap_or_default()
    }

    /// « soit +10 000 € » for a line over several years; nothing for one year (the amount says it).
    fn spread_gap(&self, total: i64) -> String {
        if self.annees.end > self.annees.start && total != 0 {
            format!("soit {}", delta(total))
        } else {
            String::new()
        }
    }

    /// `caf 2023 .. 2026 « Bonus territoire »`
    fn key(&self) -> String {
        format!(
            "{} {}{}",
            self.financeur,
            years(self.annees),
            self.dispositif()
        )
    }

    /// `12 000 € par an, prévisionnel, convention gmr, bénéficiaire csc`
    fn value(&self) -> String {
        let mut s = match self.montant {
            Amount::Known(m) => money(m.cents()),
            Amount::ToBeDetermined => "à déterminer".into(),
            Amount::ToComplete => TO_COMPLETE.into(),
        };
        if self.par_an {
            s.push_str(" par an");
        }
        if self.previsionnel {
            s.push_str(", prévisionnel");
        }
        if let Some(c) = &self.convention {
            s.push_str(&format!(", convention {c}"));
        }
        if let Some(b) = &self.beneficiaire {
            s.push_str(&format!(", bénéficiaire {b}"));
        }
        s
    }
}

/// « +2 000 € par an, soit +10 000 € » for a yearly amount over several years.
fn yearly_gap(o: &Line, n: &Line) -> Option<String> {
    let (Amount::Known(a), Amount::Known(b)) = (o.montant, n.montant) else {
        return None;
    };
    (o.par_an && n.par_an && o.annees == n.annees && o.annees.end > o.annees.start).then(|| {
        format!(
            "{} par an, soit {}",
            delta(b.cents() - a.cents()),
            delta(n.total() - o.total())
        )
    })
}

/// Total of the known amounts of a list of funding lines, in cents.
pub(crate) fn total(list: &[Funding]) -> i64 {
    list.iter().map(|f| Line::of(f).total()).sum()
}

/// The old lines by some key, each key's lines in their order; a line taken through one key is
/// taken for all (`taken`). Matching costs one map look-up per line, not a search of the list.
struct Pool<K> {
    by: HashMap<K, VecDeque<usize>>,
}

impl<K: Hash + Eq> Pool<K> {
    fn new<'a, 'm>(lines: &'a [Line<'m>], key: impl Fn(&'a Line<'m>) -> K) -> Self {
        let mut by: HashMap<K, VecDeque<usize>> = HashMap::new();
        for (i, l) in lines.iter().enumerate() {
            by.entry(key(l)).or_default().push_back(i);
        }
        Pool { by }
    }

    /// The first old line under `key` not taken yet, now taken.
    fn take(&mut self, key: &K, taken: &mut [bool]) -> Option<usize> {
        let queue = self.by.get_mut(key)?;
        while let Some(i) = queue.pop_front() {
            if !taken[i] {
                taken[i] = true;
                return Some(i);
            }
        }
        None
    }
}

/// The funding lines of one fiche or équipement: unchanged lines first, then lines with the same
/// funder, years and dispositif (an amount changed), then the same funder and dispositif (years
/// changed); the rest is added or removed. Each new line takes the first old line that fits.
pub(crate) fn lines(r: &mut Recorder, s: &Subject, old: &[Funding], new: &[Funding]) {
    let olds: Vec<Line> = old.iter().map(Line::of).collect();
    let news: Vec<Line> = new.iter().map(Line::of).collect();
    if olds == news {
        // The usual case, settled without the pools below.
        return;
    }
    let mut taken = vec![false; olds.len()];
    let mut same = Pool::new(&olds, |l| *l);
    let news: Vec<Line> = news
        .into_iter()
        .filter(|l| same.take(l, &mut taken).is_none())
        .collect();
    let mut same_key = Pool::new(&olds, Line::key);
    let mut same_funder = Pool::new(&olds, |l| (l.financeur, l.dispositif));
    let mut added = Vec::new();
    for n in news {
        let entry = if let Some(o) = same_key.take(&n.key(), &mut taken) {
            let o = &olds[o];
            Entry {
                cle: Some(n.key()),
                avant: Some(o.value()),
                apres: Some(n.value()),
                ecart: Some(n.total() - o.total()),
                gap: yearly_gap(o, &n),
                ..Entry::of(Action::Modification)
            }
        } else if let Some(o) = same_funder.take(&(n.financeur, n.dispositif), &mut taken) {
            let o = &olds[o];
            Entry {
                cle: Some(format!("{}{}", n.financeur, n.dispositif())),
                avant: Some(format!("{} : {}", years(o.annees), o.value())),
                apres: Some(format!("{} : {}", years(n.annees), n.value())),
                ecart: Some(n.total() - o.total()),
                ..Entry::of(Action::Modification)
            }
        } else {
            added.push(n);
            continue;
        };
        r.push(
            s,
            Entry {
                champ: Some("financement"),
                ..entry
            },
        );
    }
    for o in olds
        .iter()
        .zip(&taken)
        .filter(|(_, t)| !**t)
        .map(|(o, _)| o)
    {
        let gap = Some(o.spread_gap(-o.total()));
        let e = Entry {
            cle: Some(o.key()),
            avant: Some(o.value()),
            ecart: Some(-o.total()),
            gap,
            ..Entry::of(Action::Retrait)
        };
        r.push(
            s,
            Entry {
                champ: Some("financement"),
                ..e
            },
        );
    }
    for n in added {
        let gap = Some(n.spread_gap(n.total()));
        let e = Entry {
            cle: Some(n.key()),
            apres: Some(n.value()),
            ecart: Some(n.total()),
            gap,
            ..Entry::of(Action::Ajout)
        };
        r.push(
            s,
            Entry {
                champ: Some("financement"),
                ..e
            },
        );
    }
}

/// One funder in one year, before and after.
#[derive(Debug, Clone, Serialize)]
pub struct YearDelta {
    pub financeur: String,
    /// The funder's name in the new version (the old one if it is gone).
    pub nom: String,
    pub annee: i32,
    pub avant_centimes: i64,
    pub apres_centimes: i64,
    pub ecart_centimes: i64,
}

/// One funder over the whole period, before and after.
#[derive(Debug, Clone, Serialize)]
pub struct Delta {
    pub financeur: String,
    pub nom: String,
    pub avant_centimes: i64,
    pub apres_centimes: i64,
    pub ecart_centimes: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct TotalDelta {
    pub avant_centimes: i64,
    pub apres_centimes: i64,
    pub ecart_centimes: i64,
}

/// The money totals that changed. Empty lists and no total when nothing changed.
#[derive(Debug, Clone, Serialize, Default)]
pub struct FundingSummary {
    pub par_financeur_annee: Vec<YearDelta>,
    /// The new total of every funder whose total changed.
    pub par_financeur: Vec<Delta>,
    /// The new overall total, when it changed.
    pub total: Option<TotalDelta>,
}

impl FundingSummary {
    pub(crate) fn is_empty(&self) -> bool {
        self.par_financeur_annee.is_empty() && self.par_financeur.is_empty() && self.total.is_none()
    }
}

pub(crate) fn summary(old: &Model, new: &Model) -> FundingSummary {
    let (to, tn) = (totals::compute(old), totals::compute(new));
    // A funder's name in the new version, else in the old one.
    let mut names: HashMap<&str, &str> = HashMap::new();
    for p in new.parties.iter().chain(&old.parties) {
        names.entry(&p.id.name).or_insert(&p.nom.value);
    }
    let name = |id: &str| names.get(id).map_or(id, |n| n).to_string();
    let per_year = |m: &Model, t: &totals::Totals| -> BTreeMap<(String, i32), i64> {
        t.par_financeur_annee
            .iter()
            .map(|(&(f, y), v)| ((m.parties[f].id.name.clone(), y), v.cents()))
            .collect()
    };
    let per_funder = |m: &Model, t: &totals::Totals| -> BTreeMap<String, i64> {
        t.par_financeur
            .iter()
            .map(|(&f, v)| (m.parties[f].id.name.clone(), v.cents()))
            .collect()
    };
    let (yo, yn) = (per_year(old, &to), per_year(new, &tn));
    let keys: BTreeSet<&(String, i32)> = yo.keys().chain(yn.keys()).collect();
    let par_financeur_annee = keys
        .into_iter()
        .filter_map(|k| {
            let (a, b) = (
                yo.get(k).copied().unwrap_or(0),
                yn.get(k).copied().unwrap_or(0),
            );
            (a != b).then(|| YearDelta {
                financeur: k.0.clone(),
                nom: name(&k.0),
                annee: k.1,
                avant_centimes: a,
                apres_centimes: b,
                ecart_centimes: b - a,
            })
        })
        .collect();
    let (fo, fnew) = (per_funder(old, &to), per_funder(new, &tn));
    let keys: BTreeSet<&String> = fo.keys().chain(fnew.keys()).collect();
    let par_financeur = keys
        .into_iter()
        .filter_map(|k| {
            let (a, b) = (
                fo.get(k).copied().unwrap_or(0),
                fnew.get(k).copied().unwrap_or(0),
            );
            (a != b).then(|| Delta {
                financeur: k.clone(),
                nom: name(k),
                avant_centimes: a,
                apres_centimes: b,
                ecart_centimes: b - a,
            })
        })
        .collect();
    let (a, b) = (to.general.cents(), tn.general.cents());
    FundingSummary {
        par_financeur_annee,
        par_financeur,
        total: (a != b).then_some(TotalDelta {
            avant_centimes: a,
            apres_centimes: b,
            ecart_centimes: b - a,
        }),
    }
}
