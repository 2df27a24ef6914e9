//! The bilans' figures, computed once for the checks, the documents and the export: each fiche's
//! years, its statut in a year, each indicator's yearly series (from the bilans and from the
//! indicator's own `valeur` lines), the réalisé and prévu per financeur. Nothing else reads the
//! `bilan` blocks for numbers.

use std::collections::BTreeMap;

use crate::model::{Fiche, FicheYear, Idx, Model, Party, Statut, Val};
use crate::totals::Totals;

/// One value of an indicator's series.
#[derive(Debug, Clone)]
pub(crate) struct Point<'m> {
    pub annee: i32,
    pub valeur: &'m Val<String>,
    pub span: crate::source::Span,
}

/// The bilans of a model, indexed by fiche.
pub(crate) struct Bilans<'m> {
    model: &'m Model,
    /// Per fiche (by index), its bilan entries in year order; the first of a (fiche, year) wins
    /// (a second one is `ctg::bilan::double`).
    per_fiche: Vec<Vec<(i32, &'m FicheYear)>>,
    /// The years that have a bilan, in order.
    pub years: Vec<i32>,
}

impl<'m> Bilans<'m> {
    pub(crate) fn index(model: &'m Model) -> Self {
        let mut per_fiche: Vec<Vec<(i32, &FicheYear)>> = vec![Vec::new(); model.fiches.len()];
        for bilan in &model.bilans {
            for year in &bilan.fiches {
                if let Some(fi) = year.fiche.target {
                    let list = &mut per_fiche[fi.index()];
                    if !list.iter().any(|(y, _)| *y == bilan.annee) {
                        list.push((bilan.annee, year));
                    }
                }
            }
        }
        for list in &mut per_fiche {
            list.sort_by_key(|(y, _)| *y);
        }
        Bilans {
            model,
            per_fiche,
            years: model.bilan_years(),
        }
    }

    /// The latest year that has a bilan: the reference of the checks, never today's date.
    pub(crate) fn latest(&self) -> Option<i32> {
        self.years.last().copied()
    }

    /// The fiche's entries, in year order.
    pub(crate) fn of(&self, fiche: Idx<Fiche>) -> &[(i32, &'m FicheYear)] {
        &self.per_fiche[fiche.index()]
    }

    /// The fiche's statut in YEAR: the latest bilan up to YEAR that gives one, else the statut
    /// written in the fiche.
    pub(crate) fn statut(&self, fiche: Idx<Fiche>, year: i32) -> Option<Statut> {
        self.of(fiche)
            .iter()
            .rev()
            .filter(|(y, _)| *y <= year)
            .find_map(|(_, e)| e.statut.as_ref().map(|s| s.value))
            .or_else(|| self.model.fiches[fiche].statut.as_ref().map(|s| s.value))
    }

    /// Every value of the fiche's indicator INDEX, in year order: its own `valeur` lines and the
    /// bilans' (both kept when they share a year: the checks report it).
    pub(crate) fn series(&self, fiche: Idx<Fiche>, index: usize) -> Vec<Point<'m>> {
        let ind = &self.model.fiches[fiche].indicateurs[index];
        let mut points: Vec<Point> = ind
            .valeurs
            .iter()
            .map(|m| Point {
                annee: m.annee,
                valeur: &m.valeur,
                span: m.span,
            })
            .collect();
        for (annee, entry) in self.of(fiche) {
            for v in entry.valeurs.iter().filter(|v| v.target == Some(index)) {
                points.push(Point {
                    annee: *annee,
                    valeur: &v.valeur,
                    span: v.span,
                });
            }
        }
        points.sort_by_key(|p| p.annee);
        points
    }
}

/// A fiche, a financeur, a year.
pub(crate) type Line = (Idx<Fiche>, Idx<Party>, i32);

/// Réalisé and prévu, in cents, per (fiche, financeur, year) and per financeur.
#[derive(Debug, Default)]
pub(crate) struct Money {
    /// (fiche, financeur, year) → (réalisé, prévu); every pair that has either.
    pub lines: BTreeMap<Line, (i64, i64)>,
}

impl Money {
    /// The fiches' funding (prévu, known amounts) and the bilans' réalisé, for the years in YEARS.
    pub(crate) fn compute(model: &Model, totals: &Totals, years: &[i32]) -> Money {
        let mut lines: BTreeMap<Line, (i64, i64)> = BTreeMap::new();
        for row in &totals.rows {
            if let (Some(f), Some(m)) = (row.fiche, row.montant)
                && years.contains(&row.annee)
            {
                let e = lines.entry((f, row.financeur, row.annee)).or_default();
                e.1 = e.1.saturating_add(m.cents());
            }
        }
        for bilan in model.bilans.iter().filter(|b| years.contains(&b.annee)) {
            for year in &bilan.fiches {
                let Some(f) = year.fiche.target else { continue };
                for paid in &year.realise {
                    if let Some(p) = paid.financeur.target {
                        let e = lines.entry((f, p, bilan.annee)).or_default();
                        e.0 = e.0.saturating_add(paid.montant.cents());
                    }
                }
            }
        }
        Money { lines }
    }

    /// Per financeur: (réalisé, prévu).
    pub(crate) fn per_financeur(&self) -> BTreeMap<Idx<Party>, (i64, i64)> {
        let mut out: BTreeMap<Idx<Party>, (i64, i64)> = BTreeMap::new();
        for ((_, p, _), (r, v)) in &self.lines {
            let e = out.entry(*p).or_default();
            e.0 = e.0.saturating_add(*r);
            e.1 = e.1.saturating_add(*v);
        }
        out
    }

    /// One fiche's lines, per financeur: (réalisé, prévu).
    pub(crate) fn of_fiche(&self, fiche: Idx<Fiche>) -> BTreeMap<Idx<Party>, (i64, i64)> {
        let mut out: BTreeMap<Idx<Party>, (i64, i64)> = BTreeMap::new();
        // The lines are ordered by fiche first: the fiche's are one range. Scanning every line for
        // each fiche made the bilan's view quadratic (1.1 s at 10 000 fiches).
        let range = (fiche, Idx::new(0), i32::MIN)..=(fiche, Idx::new(usize::MAX), i32::MAX);
        for ((_, p, _), (r, v)) in self.lines.range(range) {
            let e = out.entry(*p).or_default();
            e.0 = e.0.saturating_add(*r);
            e.1 = e.1.saturating_add(*v);
        }
        out
    }
}

/// A measured value as a number: `12,5` → 12.5. `None` for « à compléter ».
pub(crate) fn number(v: &Val<String>) -> Option<f64> {
    match v {
        Val::Known(s) => measure(s),
        Val::ToComplete => None,
    }
}

/// A measure as written, as a number when it reads as one (`12,5` → 12.5).
pub(crate) fn measure(s: &str) -> Option<f64> {
    s.replace(',', ".").parse().ok()
}

/// How an indicator stands against its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Trend {
    OnTrack,
    Behind,
    /// No baseline, no target or no value measured yet.
    Unmeasurable,
}

/// On track when the latest value has covered, from baseline toward target, at least the share
/// of the way that the elapsed years cover of the baseline-to-target years (docs/bilan.md).
pub(crate) fn trend(depart: (i32, f64), cible: (i32, f64), latest: Option<(i32, f64)>) -> Trend {
    let Some((year, value)) = latest else {
        return Trend::Unmeasurable;
    };
    let way = cible.1 - depart.1;
    let span = (cible.0 - depart.0) as f64;
    if span <= 0.0 {
        return Trend::Unmeasurable;
    }
    let expected = ((year - depart.0) as f64 / span).clamp(0.0, 1.0);
    let done = if way == 0.0 {
        if value >= cible.1 { 1.0 } else { 0.0 }
    } else {
        (value - depart.1) / way
    };
    if done + 1e-9 >= expected {
        Trend::OnTrack
    } else {
        Trend::Behind
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trend_compares_the_way_done_with_the_time_elapsed() {
        // 46 → 50 over 2022..2026: in 2024, half the way is expected.
        assert_eq!(
            trend((2022, 46.0), (2026, 50.0), Some((2024, 48.0))),
            Trend::OnTrack
        );
        assert_eq!(
            trend((2022, 46.0), (2026, 50.0), Some((2024, 47.0))),
            Trend::Behind
        );
        // A decreasing target: 30 → 20.
        assert_eq!(
            trend((2022, 30.0), (2026, 20.0), Some((2023, 27.0))),
            Trend::OnTrack
        );
        assert_eq!(
            trend((2022, 30.0), (2026, 20.0), Some((2023, 29.0))),
            Trend::Behind
        );
        assert_eq!(trend((2022, 1.0), (2026, 2.0), None), Trend::Unmeasurable);
    }

    #[test]
    fn trend_of_a_level_to_keep_and_of_a_target_without_time() {
        // Baseline and target alike: the level is to be kept, at least.
        assert_eq!(
            trend((2022, 90.0), (2026, 90.0), Some((2024, 90.0))),
            Trend::OnTrack
        );
        assert_eq!(
            trend((2022, 90.0), (2026, 90.0), Some((2024, 95.0))),
            Trend::OnTrack
        );
        assert_eq!(
            trend((2022, 90.0), (2026, 90.0), Some((2024, 85.0))),
            Trend::Behind
        );
        // A target in the baseline's year, or before it, gives no schedule to compare with.
        assert_eq!(
            trend((2024, 40.0), (2024, 80.0), Some((2024, 80.0))),
            Trend::Unmeasurable
        );
        assert_eq!(
            trend((2024, 40.0), (2023, 80.0), Some((2024, 80.0))),
            Trend::Unmeasurable
        );
        // Exactly on schedule with decimals, where the division lands a hair under one half
        // (0.4999999999999994): on track all the same.
        assert_eq!(
            trend((2022, 10.0), (2026, 11.4), Some((2024, 10.7))),
            Trend::OnTrack
        );
    }

    /// A convention of 2023 to 2026 whose fiches `a`, `b`, `c` are funded by the Caf and the
    /// communauté `cc`, with the réalisé of three bilans.
    const MONEY: &str = r#"convention "CTG de test" {
  période 2023 .. 2026
  champs petite-enfance, jeunesse, parentalité, accès-aux-droits
}
signataire caf "Caisse d'allocations familiales" {
  nature caf
  représentant "Directrice" Mme "Anne Upravan"
}
signataire cc "Communauté de communes" {
  nature epci
  représentant "Président" M. "Pierre Gonthier"
}
axe pe "Petite enfance"
fiche a "A" {
  axe pe
  financement caf 2023 .. 2026 1 000 € par an
  financement cc 2024 à déterminer
}
fiche b "B" {
  axe pe
  financement caf 2023 .. 2026 2 000 € par an
  financement cc 2024 500 €
}
fiche c "C" {
  axe pe
  financement cc 2023 .. 2026 300 € par an
}
bilan 2024 {
  fiche a {
    réalisé caf 1 000 €
  }
  fiche b {
    réalisé caf 2 100 €
  }
}
bilan 2023 {
  fiche b {
    réalisé caf 1 800 €
    réalisé cc 100 €
  }
}
bilan 2025 {
  fiche b {
    réalisé cc 999 €
  }
}
"#;

    /// The (réalisé, prévu) of a map per financeur, by the financeur's identifier.
    fn by_name<'a>(
        model: &'a Model,
        map: &BTreeMap<Idx<Party>, (i64, i64)>,
    ) -> Vec<(&'a str, i64, i64)> {
        map.iter()
            .map(|(p, (r, v))| (model.parties[*p].id.name.as_str(), *r, *v))
            .collect()
    }

    #[test]
    fn realise_and_prevu_add_up_per_financeur_and_per_fiche_over_the_years_asked() {
        let comp = crate::compile::analyse_file(
            "t.ctg",
            MONEY.as_bytes(),
            crate::compile::Options::default(),
        )
        .expect("in memory");
        let model = &comp.model;
        let totals = crate::totals::compute(model);
        // The years of 2023 and 2024 only: the réalisé of 2025 and the funding of 2025 and 2026
        // are left out; « à déterminer » adds no prévu.
        let money = Money::compute(model, &totals, &[2023, 2024]);
        let fiche = |name: &str| {
            let (fi, _) = Idx::enumerate(&model.fiches)
                .find(|(_, f)| f.id.name == name)
                .expect("fiche");
            fi
        };
        assert_eq!(
            by_name(model, &money.per_financeur()),
            [("caf", 490_000, 600_000), ("cc", 10_000, 110_000)]
        );
        // Each fiche's lines and none of its neighbours' (b is between a and c), the years
        // added up; a réalisé without prévu (cc for b in 2023) counts with a prévu of zero.
        assert_eq!(
            by_name(model, &money.of_fiche(fiche("a"))),
            [("caf", 100_000, 200_000)]
        );
        assert_eq!(
            by_name(model, &money.of_fiche(fiche("b"))),
            [("caf", 390_000, 400_000), ("cc", 10_000, 50_000)]
        );
        assert_eq!(
            by_name(model, &money.of_fiche(fiche("c"))),
            [("cc", 0, 60_000)]
        );
    }

    #[test]
    fn decimal_commas_are_read() {
        assert_eq!(number(&Val::Known("12,5".into())), Some(12.5));
        assert_eq!(number(&Val::ToComplete), None);
    }
}
