//! The money tables: funding flattened to one row per funder and year, and every total computed
//! once, here, so that the PDF, the HTML and the export agree by construction.

use std::collections::BTreeMap;

use crate::model::{Amount, Funding, Model};
use crate::money::Money;

/// One funder, one year.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Index into `Model::parties`.
    pub financeur: usize,
    pub annee: i32,
    /// `None` when the amount is « à déterminer » or « à compléter ».
    pub montant: Option<Money>,
    pub fiche: Option<usize>,
    pub equipement: Option<usize>,
    pub dispositif: Option<String>,
    pub previsionnel: bool,
    pub convention: Option<usize>,
    pub beneficiaire: Option<usize>,
}

#[derive(Debug, Clone, Default)]
pub struct Totals {
    pub rows: Vec<Row>,
    /// Funder index → total, for every funder with at least one row.
    pub par_financeur: BTreeMap<usize, Money>,
    pub par_annee: BTreeMap<i32, Money>,
    /// (funder, year) → total.
    pub par_financeur_annee: BTreeMap<(usize, i32), Money>,
    /// Axe index → total of its fiches' funding.
    pub par_axe: BTreeMap<usize, Money>,
    /// (axe, year) → total.
    pub par_axe_annee: BTreeMap<(usize, i32), Money>,
    /// Fiche index → total.
    pub par_fiche: BTreeMap<usize, Money>,
    /// Équipement index → total.
    pub par_equipement: BTreeMap<usize, Money>,
    /// Funding of équipements (outside the axes).
    pub equipements: Money,
    pub general: Money,
    /// Rows whose amount is not known yet.
    pub a_determiner: usize,
}

fn add(map_value: &mut Money, m: Money) {
    map_value.0 += m.0;
}

fn expand(f: &Funding, fiche: Option<usize>, equipement: Option<usize>, out: &mut Vec<Row>) {
    let Some(financeur) = f.financeur.target else {
        return;
    };
    let montant = match f.montant {
        Amount::Known(m) => Some(m),
        Amount::ToBeDetermined | Amount::ToComplete => None,
    };
    // A range without « par an » is an error reported by the checker; its rows are still listed.
    for annee in f.annees.years().take(100) {
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

pub fn compute(model: &Model) -> Totals {
    let mut rows = Vec::new();
    for (i, fiche) in model.fiches.iter().enumerate() {
        for f in &fiche.financements {
            expand(f, Some(i), None, &mut rows);
        }
    }
    for (i, e) in model.equipements.iter().enumerate() {
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
            if let Some(axe) = model.fiches[fi].axe.as_ref().and_then(|r| r.target) {
                add(t.par_axe.entry(axe).or_default(), m);
                add(t.par_axe_annee.entry((axe, row.annee)).or_default(), m);
            }
        }
        if let Some(ei) = row.equipement {
            add(t.par_equipement.entry(ei).or_default(), m);
            add(&mut t.equipements, m);
        }
    }
    t.rows = rows;
    t
}
