//! The money tables: funding flattened to one row per funder and year, and every total computed
//! once, here, so that the PDF, the HTML and the export agree by construction.

use std::collections::BTreeMap;

use crate::model::{Amount, Axe, Equipment, Fiche, Funding, Idx, LinkedConvention, Model, Party};
use crate::money::Money;

/// One funder, one year.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub financeur: Idx<Party>,
    pub annee: i32,
    /// `None` when the amount is « à déterminer » or « à compléter ».
    pub montant: Option<Money>,
    pub fiche: Option<Idx<Fiche>>,
    pub equipement: Option<Idx<Equipment>>,
    pub dispositif: Option<String>,
    pub previsionnel: bool,
    pub convention: Option<Idx<LinkedConvention>>,
    pub beneficiaire: Option<Idx<Party>>,
}

#[derive(Debug, Clone, Default)]
pub struct Totals {
    pub rows: Vec<Row>,
    /// Funder → total, for every funder with at least one row.
    pub par_financeur: BTreeMap<Idx<Party>, Money>,
    pub par_annee: BTreeMap<i32, Money>,
    /// (funder, year) → total.
    pub par_financeur_annee: BTreeMap<(Idx<Party>, i32), Money>,
    /// Axe → total of its fiches' funding.
    pub par_axe: BTreeMap<Idx<Axe>, Money>,
    /// (axe, year) → total.
    pub par_axe_annee: BTreeMap<(Idx<Axe>, i32), Money>,
    /// Fiche → total.
    pub par_fiche: BTreeMap<Idx<Fiche>, Money>,
    /// (fiche, year) → total.
    pub par_fiche_annee: BTreeMap<(Idx<Fiche>, i32), Money>,
    /// Year → total of the fiches' funding.
    pub fiches_par_annee: BTreeMap<i32, Money>,
    /// Funding of the fiches (the plan d'actions).
    pub fiches: Money,
    /// Équipement → total.
    pub par_equipement: BTreeMap<Idx<Equipment>, Money>,
    /// (équipement, year) → total.
    pub par_equipement_annee: BTreeMap<(Idx<Equipment>, i32), Money>,
    /// Year → total of the équipements' funding.
    pub equipements_par_annee: BTreeMap<i32, Money>,
    /// Funding of équipements (outside the axes).
    pub equipements: Money,
    pub general: Money,
    /// The part of each sum above that is `prévisionnel`: the documents total it apart.
    pub previsionnel: Previsionnel,
    /// (funder, dispositif, prévisionnel) → year → total: the funding split by dispositif.
    pub par_dispositif: BTreeMap<Line, BTreeMap<i32, Money>>,
    /// Rows whose amount is not known yet.
    pub a_determiner: usize,
}

/// The `prévisionnel` part of the sums of [`Totals`], keyed alike.
#[derive(Debug, Clone, Default)]
pub struct Previsionnel {
    pub par_annee: BTreeMap<i32, Money>,
    pub general: Money,
    pub par_fiche: BTreeMap<Idx<Fiche>, Money>,
    pub fiches_par_annee: BTreeMap<i32, Money>,
    pub fiches: Money,
    pub par_equipement: BTreeMap<Idx<Equipment>, Money>,
    pub equipements_par_annee: BTreeMap<i32, Money>,
    pub equipements: Money,
}

/// A funder's line of the table by dispositif: who, under which dispositif (`None`: none
/// given), firm or `prévisionnel`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Line {
    pub financeur: Idx<Party>,
    pub dispositif: Option<String>,
    pub previsionnel: bool,
}

fn add(map_value: &mut Money, m: Money) {
    map_value.0 += m.0;
}

fn expand(
    f: &Funding,
    fiche: Option<Idx<Fiche>>,
    equipement: Option<Idx<Equipment>>,
    out: &mut Vec<Row>,
) {
    let Some(financeur) = f.financeur.target else {
        return;
    };
    let montant = match f.montant {
        Amount::Known(m) => Some(m),
        Amount::ToBeDetermined | Amount::ToComplete => None,
    };
    // A range without « par an » is an error reported by the checker; its rows are still listed.
    for annee in f.annees.counted() {
        out.push(Row {
            financeur,
            annee,
            montant,
            fiche,
            equipement,
            dispositif: f.dispositif.clone(),
            previsionnel: f.previsionnel,
            convention: f.convention.as_ref().and_then(|c| c.target),
            beneficiaire: f.beneficiaire.as_ref().and_then(|c| c.target),
        });
    }
}

/// A funding line's total: its amount for each of its years, as the rows count them; `None` while
/// the amount is unknown.
pub fn line_total(f: &Funding) -> Option<Money> {
    match f.montant {
        Amount::Known(m) => Some(Money(m.cents() * f.annees.counted().count() as i64)),
        Amount::ToBeDetermined | Amount::ToComplete => None,
    }
}

pub fn compute(model: &Model) -> Totals {
    let mut rows = Vec::new();
    for (i, fiche) in Idx::enumerate(&model.fiches) {
        for f in &fiche.financements {
            expand(f, Some(i), None, &mut rows);
        }
    }
    for (i, e) in Idx::enumerate(&model.equipements) {
        for f in &e.financements {
            expand(f, None, Some(i), &mut rows);
        }
    }
    let mut t = Totals::default();
    for row in &rows {
        let Some(m) = row.montant else {
            t.a_determiner += 1;
            continue;
        };
        add(t.par_financeur.entry(row.financeur).or_default(), m);
        add(t.par_annee.entry(row.annee).or_default(), m);
        add(
            t.par_financeur_annee
                .entry((row.financeur, row.annee))
                .or_default(),
            m,
        );
        add(&mut t.general, m);
        if let Some(fi) = row.fiche {
            add(t.par_fiche.entry(fi).or_default(), m);
            add(t.par_fiche_annee.entry((fi, row.annee)).or_default(), m);
            add(t.fiches_par_annee.entry(row.annee).or_default(), m);
            add(&mut t.fiches, m);
            if let Some(axe) = model.fiches[fi].axe.as_ref().and_then(|r| r.target) {
                add(t.par_axe.entry(axe).or_default(), m);
                add(t.par_axe_annee.entry((axe, row.annee)).or_default(), m);
            }
        }
        if let Some(ei) = row.equipement {
            add(t.par_equipement.entry(ei).or_default(), m);
            add(
                t.par_equipement_annee.entry((ei, row.annee)).or_default(),
                m,
            );
            add(t.equipements_par_annee.entry(row.annee).or_default(), m);
            add(&mut t.equipements, m);
        }
        let line = Line {
            financeur: row.financeur,
            dispositif: row.dispositif.clone(),
            previsionnel: row.previsionnel,
        };
        add(
            t.par_dispositif
                .entry(line)
                .or_default()
                .entry(row.annee)
                .or_default(),
            m,
        );
        if row.previsionnel {
            let p = &mut t.previsionnel;
            add(p.par_annee.entry(row.annee).or_default(), m);
            add(&mut p.general, m);
            if let Some(fi) = row.fiche {
                add(p.par_fiche.entry(fi).or_default(), m);
                add(p.fiches_par_annee.entry(row.annee).or_default(), m);
                add(&mut p.fiches, m);
            }
            if let Some(ei) = row.equipement {
                add(p.par_equipement.entry(ei).or_default(), m);
                add(p.equipements_par_annee.entry(row.annee).or_default(), m);
                add(&mut p.equipements, m);
            }
        }
    }
    t.rows = rows;
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compile::{Options, analyse_file};

    const SOURCE: &str = r#"convention "CTG de test" {
  période 2023 .. 2025
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
fiche creche "Crèche" {
  axe pe
  financement caf 2023 .. 2024 1 000 € par an
  financement cc 2024 500 € prévisionnel
  financement cc 2025 à déterminer
}
fiche rpe "Relais" {
  axe pe
  financement caf 2024 .. 2025 200 € par an
}
équipement cs "Centre social" {
  financement cc 2023 .. 2024 300 € par an
}
"#;

    fn cents<K: Ord>(map: &BTreeMap<K, Money>, key: K) -> Option<i64> {
        map.get(&key).map(|m| m.cents())
    }

    #[test]
    fn every_sum_is_kept_by_fiche_equipment_and_year() {
        let comp = analyse_file("t.ctg", SOURCE.as_bytes(), Options::default()).expect("in memory");
        assert!(!comp.has_errors(), "{:?}", comp.diagnostics);
        let t = compute(&comp.model);
        let (creche, rpe, cs) = (Idx::new(0), Idx::new(1), Idx::new(0));
        assert_eq!(cents(&t.par_fiche_annee, (creche, 2023)), Some(100_000));
        assert_eq!(cents(&t.par_fiche_annee, (creche, 2024)), Some(150_000));
        assert_eq!(
            cents(&t.par_fiche_annee, (creche, 2025)),
            None,
            "à déterminer"
        );
        assert_eq!(cents(&t.par_fiche_annee, (rpe, 2025)), Some(20_000));
        assert_eq!(cents(&t.fiches_par_annee, 2024), Some(170_000));
        assert_eq!(cents(&t.par_equipement_annee, (cs, 2023)), Some(30_000));
        assert_eq!(cents(&t.equipements_par_annee, 2025), None);
        assert_eq!(t.fiches.cents(), 290_000);
        assert_eq!(t.equipements.cents(), 60_000);
        assert_eq!(t.a_determiner, 1);
        // The parts add up to the whole, whichever way the rows are grouped.
        let sum = |m: &BTreeMap<i32, Money>| m.values().map(|m| m.cents()).sum::<i64>();
        assert_eq!(sum(&t.fiches_par_annee), t.fiches.cents());
        assert_eq!(sum(&t.equipements_par_annee), t.equipements.cents());
        assert_eq!(t.fiches.cents() + t.equipements.cents(), t.general.cents());
        assert_eq!(sum(&t.par_annee), t.general.cents());
        let lines = &comp.model.fiches[0].financements;
        let totals: Vec<Option<i64>> = lines
            .iter()
            .map(|f| line_total(f).map(|m| m.cents()))
            .collect();
        assert_eq!(totals, [Some(200_000), Some(50_000), None]);
        // The prévisionnel part, kept apart, and the split by dispositif.
        assert_eq!(t.previsionnel.general.cents(), 50_000);
        assert_eq!(cents(&t.previsionnel.par_annee, 2024), Some(50_000));
        assert_eq!(cents(&t.previsionnel.par_fiche, creche), Some(50_000));
        assert_eq!(t.previsionnel.fiches.cents(), 50_000);
        assert_eq!(t.previsionnel.equipements.cents(), 0);
        let cc_prev = Line {
            financeur: Idx::new(1),
            dispositif: None,
            previsionnel: true,
        };
        assert_eq!(cents(&t.par_dispositif[&cc_prev], 2024), Some(50_000));
        let by_line: i64 = t
            .par_dispositif
            .values()
            .flat_map(|years| years.values())
            .map(|m| m.cents())
            .sum();
        assert_eq!(by_line, t.general.cents());
    }
}
