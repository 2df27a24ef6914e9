//! The money the documents show: each funding line in words, and the tables by funder, axe,
//! fiche and équipement, year by year, with the totals of `crate::totals`.

use serde::Serialize;

use crate::model::{Amount, Funding, Model};
use crate::money::Money;
use crate::totals::Totals;
use crate::typography::french;

use super::parties::{party_name, party_short};
use super::text::{capitalize, lower_first, years_text};
use super::{EMPTY_CELL, TO_COMPLETE};

#[derive(Serialize, Debug, Clone)]
pub struct FundingLine {
    pub financeur: String,
    /// « 2023-2026 » or « 2024 »
    pub annees: String,
    /// « 12 000 € par an », « à déterminer »
    pub montant: String,
    /// Sum over the years, « 48 000 € » (empty when unknown).
    pub total: String,
    pub dispositif: Option<String>,
    pub previsionnel: bool,
    pub convention: Option<String>,
    pub beneficiaire: Option<String>,
    /// Dispositif, « prévisionnel », linked convention and beneficiary, as short phrases.
    pub precisions: Vec<String>,
}

/// A money table: rows × years, with row totals, column totals and a grand total.
#[derive(Serialize, Debug, Clone, Default)]
pub struct Table {
    pub colonnes: Vec<String>,
    pub lignes: Vec<TableRow>,
    pub totaux: Vec<String>,
    pub total: String,
}

#[derive(Serialize, Debug, Clone)]
pub struct TableRow {
    pub libelle: String,
    /// Anchor to link the row (fiches), if any.
    pub ancre: Option<String>,
    /// The row's own anchor, if any: `financements-fiche-creche`.
    pub id: Option<String>,
    pub cellules: Vec<String>,
    pub total: String,
}

#[derive(Serialize, Debug, Clone, Default)]
pub struct Finances {
    /// Funder × year, every funding line of the convention.
    pub par_financeur: Table,
    /// Axe × year (fiches), plus the équipements line: same grand total.
    pub par_axe: Table,
    /// Fiche × year.
    pub par_fiche: Table,
    /// Équipement × year.
    pub par_equipement: Table,
    pub total_general: String,
    /// Number of funding rows whose amount is not known yet.
    pub lignes_a_determiner: usize,
    /// The sentence that says so under the tables, when there are any.
    pub note_a_determiner: Option<String>,
}

pub(super) fn money(m: Money) -> String {
    m.french()
}

fn money_or_empty(m: Option<&Money>) -> String {
    m.map_or(EMPTY_CELL.to_string(), |m| money(*m))
}

pub(super) fn funding_line(model: &Model, f: &Funding) -> FundingLine {
    let years = f.annees.end - f.annees.start + 1;
    let (montant, total) = match f.montant {
        Amount::Known(m) if f.par_an && years > 1 => (
            format!("{} par an", money(m)),
            money(Money(m.cents() * years as i64)),
        ),
        Amount::Known(m) => (money(m), money(Money(m.cents() * years as i64))),
        Amount::ToBeDetermined => ("à déterminer".into(), String::new()),
        Amount::ToComplete => (TO_COMPLETE.into(), String::new()),
    };
    let dispositif = f.dispositif.as_deref().map(french);
    let convention = f
        .convention
        .as_ref()
        .and_then(|c| c.target)
        .map(|i| french(&model.conventions_liees[i].titre.value));
    let beneficiaire = party_name(model, f.beneficiaire.as_ref().and_then(|b| b.target));
    let precisions = dispositif
        .iter()
        .cloned()
        .chain(f.previsionnel.then(|| "prévisionnel".to_string()))
        .chain(
            convention
                .iter()
                .map(|c| format!("au titre de la {}", lower_first(c))),
        )
        .chain(
            beneficiaire
                .iter()
                .map(|b| format!("bénéficiaire\u{202f}: {b}")),
        )
        .collect();
    FundingLine {
        financeur: f
            .financeur
            .target
            .map_or_else(|| f.financeur.name.clone(), |i| party_short(model, i)),
        annees: years_text(f.annees),
        montant,
        total,
        dispositif,
        previsionnel: f.previsionnel,
        convention,
        beneficiaire,
        precisions,
    }
}

/// One row of a money table before formatting: its label, the anchor it links to, its own
/// anchor, and its amount for a year.
struct RowSpec<'a> {
    libelle: String,
    ancre: Option<String>,
    id: Option<String>,
    cell: Box<dyn Fn(i32) -> Option<Money> + 'a>,
}

impl<'a> RowSpec<'a> {
    fn new(
        libelle: String,
        ancre: Option<String>,
        cell: Box<dyn Fn(i32) -> Option<Money> + 'a>,
    ) -> Self {
        RowSpec {
            libelle,
            ancre,
            id: None,
            cell,
        }
    }
}

fn table(
    years: &[i32],
    rows: Vec<RowSpec<'_>>,
    year_total: impl Fn(i32) -> Option<Money>,
    total: Money,
) -> Table {
    let lignes = rows
        .into_iter()
        .map(
            |RowSpec {
                 libelle,
                 ancre,
                 id,
                 cell,
             }| {
                let values: Vec<Option<Money>> = years.iter().map(|&y| cell(y)).collect();
                let sum = Money(values.iter().flatten().map(|m| m.cents()).sum());
                TableRow {
                    libelle,
                    ancre,
                    id,
                    cellules: values.iter().map(|v| money_or_empty(v.as_ref())).collect(),
                    total: money(sum),
                }
            },
        )
        .collect();
    Table {
        colonnes: years.iter().map(|y| y.to_string()).collect(),
        lignes,
        totaux: years
            .iter()
            .map(|&y| money_or_empty(year_total(y).as_ref()))
            .collect(),
        total: money(total),
    }
}

pub(super) fn finances(model: &Model, t: &Totals) -> Finances {
    let mut years: Vec<i32> = t.par_annee.keys().copied().collect();
    if let Some(p) = model.period() {
        years.extend(p.years().years());
    }
    years.sort();
    years.dedup();
    let year_total = |y: i32| t.par_annee.get(&y).copied();
    let par_financeur = table(
        &years,
        t.par_financeur
            .keys()
            .map(|&f| {
                let cell: Box<dyn Fn(i32) -> Option<Money>> =
                    Box::new(move |y| t.par_financeur_annee.get(&(f, y)).copied());
                RowSpec::new(party_short(model, f), None, cell)
            })
            .collect(),
        year_total,
        t.general,
    );
    let mut axe_rows: Vec<RowSpec> = model
        .axes
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let cell: Box<dyn Fn(i32) -> Option<Money>> =
                Box::new(move |y| t.par_axe_annee.get(&(i, y)).copied());
            RowSpec::new(
                format!(
                    "{} {} — {}",
                    capitalize(&model.config.libelles.axe),
                    a.numero,
                    french(&a.titre.value)
                ),
                Some(format!("axe-{}", a.id.name)),
                cell,
            )
        })
        .collect();
    let equipment_by_year = |y: i32| -> Option<Money> {
        let sum: i64 = t
            .rows
            .iter()
            .filter(|r| r.equipement.is_some() && r.annee == y)
            .filter_map(|r| r.montant.map(|m| m.cents()))
            .sum();
        (sum != 0).then_some(Money(sum))
    };
    if !t.par_equipement.is_empty() {
        axe_rows.push(RowSpec::new(
            "Équipements (hors plan d'actions)".to_string(),
            None,
            Box::new(equipment_by_year),
        ));
    }
    let par_axe = table(&years, axe_rows, year_total, t.general);
    // (fiche, year) and (équipement, year) → cents, summed once: scanning every row for each
    // cell made this table quadratic in the number of fiches (× 51 time for × 10 fiches).
    let mut by_fiche_year: std::collections::HashMap<(usize, i32), i64> =
        std::collections::HashMap::new();
    let mut by_equipment_year: std::collections::HashMap<(usize, i32), i64> =
        std::collections::HashMap::new();
    for r in &t.rows {
        let cents = r.montant.map_or(0, |m| m.cents());
        if let Some(fi) = r.fiche {
            *by_fiche_year.entry((fi, r.annee)).or_default() += cents;
        }
        if let Some(ei) = r.equipement {
            *by_equipment_year.entry((ei, r.annee)).or_default() += cents;
        }
    }
    let by_fiche_year = &by_fiche_year;
    let by_equipment_year = &by_equipment_year;
    let fiche_cell = |fi: usize| -> Box<dyn Fn(i32) -> Option<Money> + '_> {
        Box::new(move |y| {
            let sum = by_fiche_year.get(&(fi, y)).copied().unwrap_or(0);
            (sum != 0).then_some(Money(sum))
        })
    };
    let fiches_total = Money(t.par_fiche.values().map(|m| m.cents()).sum());
    let fiche_year_total = |y: i32| -> Option<Money> {
        let sum: i64 = t
            .rows
            .iter()
            .filter(|r| r.fiche.is_some() && r.annee == y)
            .filter_map(|r| r.montant.map(|m| m.cents()))
            .sum();
        (sum != 0).then_some(Money(sum))
    };
    let par_fiche = table(
        &years,
        t.par_fiche
            .keys()
            .map(|&fi| {
                let f = &model.fiches[fi];
                RowSpec {
                    libelle: format!("{} — {}", f.numero, french(&f.titre.value)),
                    ancre: Some(format!("fiche-{}", f.id.name)),
                    id: Some(format!("financements-fiche-{}", f.id.name)),
                    cell: fiche_cell(fi),
                }
            })
            .collect(),
        fiche_year_total,
        fiches_total,
    );
    let equipment_cell = |ei: usize| -> Box<dyn Fn(i32) -> Option<Money> + '_> {
        Box::new(move |y| {
            let sum = by_equipment_year.get(&(ei, y)).copied().unwrap_or(0);
            (sum != 0).then_some(Money(sum))
        })
    };
    let par_equipement = table(
        &years,
        t.par_equipement
            .keys()
            .map(|&ei| {
                let e = &model.equipements[ei];
                RowSpec::new(
                    french(&e.nom.value),
                    Some(format!("equipement-{}", e.id.name)),
                    equipment_cell(ei),
                )
            })
            .collect(),
        equipment_by_year,
        t.equipements,
    );
    Finances {
        par_financeur,
        par_axe,
        par_fiche,
        par_equipement,
        total_general: money(t.general),
        lignes_a_determiner: t.a_determiner,
        note_a_determiner: match t.a_determiner {
            0 => None,
            1 => Some("Un montant annuel est encore à déterminer\u{202f}: il n’est pas compté dans les totaux.".to_string()),
            n => Some(format!("{n} montants annuels sont encore à déterminer\u{202f}: ils ne sont pas comptés dans les totaux.")),
        },
    }
}
