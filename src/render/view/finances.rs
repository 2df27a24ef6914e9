//! The money the documents show: each funding line in words, and the tables by funder, axe,
//! fiche and équipement, year by year, with the totals of `crate::totals`.

use serde::Serialize;

use crate::model::{Amount, Funding, Idx, Model};
use crate::money::Money;
use crate::totals::{self, Totals};
use crate::typography::{capitalize, french};

use super::parties::{party_name, party_short};
use super::plan::Labels;
use super::text::{lower_first, years_text};
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
    /// Each year's total, every amount counted.
    pub totaux: Vec<String>,
    pub total: String,
    /// The rows under the table: the total alone (« Total »), or, when the convention has
    /// `prévisionnel` amounts, the firm amounts, the prévisionnel ones, and their sum said so.
    pub pieds: Vec<TotalRow>,
}

/// A total row under a money table.
#[derive(Serialize, Debug, Clone)]
pub struct TotalRow {
    pub libelle: String,
    pub cellules: Vec<String>,
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
    /// (Funder, dispositif, prévisionnel) × year; no rows when it would only repeat
    /// `par_financeur` (no dispositif named, nothing prévisionnel).
    pub par_dispositif: Table,
    /// Axe × year (fiches), plus the équipements line: same grand total.
    pub par_axe: Table,
    /// Fiche × year.
    pub par_fiche: Table,
    /// Équipement × year.
    pub par_equipement: Table,
    pub total_general: String,
    /// The firm and the `prévisionnel` totals, when some amounts are prévisionnel.
    pub total_ferme: Option<String>,
    pub total_previsionnel: Option<String>,
    /// `sous-réserve-des-crédits`: the sentence that says so.
    pub sous_reserve: Option<String>,
    /// The annex is laid out landscape: its widest table does not fit a portrait page.
    pub paysage: bool,
    /// The tables' font size, in points: smaller when even a landscape page is too narrow.
    pub police: u32,
    /// Number of yearly amounts not known yet (« à déterminer » or « à compléter »): a funding
    /// line over four years counts four.
    pub lignes_a_determiner: usize,
    /// The sentence that says so under the tables, when there are any: the PDF and the page
    /// print this one.
    pub note_a_determiner: Option<String>,
}

pub(super) fn money(m: Money) -> String {
    m.french()
}

fn money_or_empty(m: Option<&Money>) -> String {
    m.map_or(EMPTY_CELL.to_string(), |m| money(*m))
}

pub(super) fn funding_line(model: &Model, f: &Funding) -> FundingLine {
    let several_years = f.annees.end > f.annees.start;
    let montant = match f.montant {
        Amount::Known(m) if f.par_an && several_years => format!("{} par an", money(m)),
        Amount::Known(m) => money(m),
        Amount::ToBeDetermined => "à déterminer".into(),
        Amount::ToComplete => TO_COMPLETE.into(),
    };
    let total = totals::line_total(f).map(money).unwrap_or_default();
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

/// One row of a money table: its label, the anchor it links to, its own anchor, its amount for
/// each year (`None`: an empty cell) and its total.
fn row(
    years: &[i32],
    libelle: String,
    ancre: Option<String>,
    id: Option<String>,
    cell: impl Fn(i32) -> Option<Money>,
    total: Option<&Money>,
) -> TableRow {
    TableRow {
        libelle,
        ancre,
        id,
        cellules: years
            .iter()
            .map(|&y| money_or_empty(cell(y).as_ref()))
            .collect(),
        total: money(total.copied().unwrap_or_default()),
    }
}

/// What a table's total row sums: each year's amount and the whole, every amount counted, and
/// the `prévisionnel` part of them.
struct Sums<'a> {
    label: String,
    by_year: &'a dyn Fn(i32) -> Option<Money>,
    total: Money,
    previsionnel_by_year: &'a dyn Fn(i32) -> Option<Money>,
    previsionnel: Money,
}

fn table(years: &[i32], lignes: Vec<TableRow>, sums: &Sums, split: bool) -> Table {
    let cells = |f: &dyn Fn(i32) -> Option<Money>| -> Vec<String> {
        years
            .iter()
            .map(|&y| money_or_empty(f(y).as_ref()))
            .collect()
    };
    let firm_by_year = |y: i32| {
        let all = (sums.by_year)(y)?.cents();
        let firm = all - (sums.previsionnel_by_year)(y).map_or(0, Money::cents);
        (firm != 0).then_some(Money(firm))
    };
    let pieds = if split {
        vec![
            TotalRow {
                libelle: "Montants fermes".to_string(),
                cellules: cells(&firm_by_year),
                total: money(Money(sums.total.cents() - sums.previsionnel.cents())),
            },
            TotalRow {
                libelle: "Montants prévisionnels".to_string(),
                cellules: cells(sums.previsionnel_by_year),
                total: money(sums.previsionnel),
            },
            TotalRow {
                libelle: format!("{}, prévisionnel compris", sums.label),
                cellules: cells(sums.by_year),
                total: money(sums.total),
            },
        ]
    } else {
        vec![TotalRow {
            libelle: sums.label.clone(),
            cellules: cells(sums.by_year),
            total: money(sums.total),
        }]
    };
    Table {
        colonnes: years.iter().map(|y| y.to_string()).collect(),
        lignes,
        totaux: cells(sums.by_year),
        total: money(sums.total),
        pieds,
    }
}

/// A cell of the fiche and équipement tables: empty when nothing is known or the amounts cancel
/// out (the funder and axe tables show such a sum as 0 €).
fn unless_zero(m: Option<&Money>) -> Option<Money> {
    m.copied().filter(|m| m.cents() != 0)
}

pub(super) fn finances(
    model: &Model,
    t: &Totals,
    labels: &Labels,
    links: super::Links,
) -> Finances {
    let mut years: Vec<i32> = t.par_annee.keys().copied().collect();
    if let Some(p) = model.period() {
        years.extend(p.years().years());
    }
    years.sort();
    years.dedup();
    let prev = &t.previsionnel;
    let split = prev.general.cents() != 0;
    let all_by_year = |y: i32| t.par_annee.get(&y).copied();
    let prev_by_year = |y: i32| prev.par_annee.get(&y).copied();
    let general = Sums {
        label: "Total".to_string(),
        by_year: &all_by_year,
        total: t.general,
        previsionnel_by_year: &prev_by_year,
        previsionnel: prev.general,
    };
    let par_financeur = table(
        &years,
        t.par_financeur
            .keys()
            .map(|&f| {
                row(
                    &years,
                    party_short(model, f),
                    None,
                    None,
                    |y| t.par_financeur_annee.get(&(f, y)).copied(),
                    t.par_financeur.get(&f),
                )
            })
            .collect(),
        &general,
        split,
    );
    let named = t.par_dispositif.keys().any(|l| l.dispositif.is_some());
    let par_dispositif = table(
        &years,
        if named || split {
            t.par_dispositif
                .iter()
                .map(|(line, by_year)| {
                    let mut libelle = party_short(model, line.financeur);
                    if let Some(d) = &line.dispositif {
                        libelle.push_str(&format!(" — {}", french(d)));
                    }
                    if line.previsionnel {
                        libelle.push_str(" (prévisionnel)");
                    }
                    let total = Money(by_year.values().map(|m| m.cents()).sum());
                    row(
                        &years,
                        libelle,
                        None,
                        None,
                        |y| by_year.get(&y).copied(),
                        Some(&total),
                    )
                })
                .collect()
        } else {
            Vec::new()
        },
        &general,
        split,
    );
    let equipments_by_year = |y: i32| unless_zero(t.equipements_par_annee.get(&y));
    let mut axe_rows: Vec<TableRow> = Idx::enumerate(&model.axes)
        .map(|(i, a)| {
            let libelle = format!(
                "{} {} — {}",
                capitalize(&model.config.libelles.axe),
                a.numero,
                french(&a.titre.value)
            );
            row(
                &years,
                libelle,
                links.axes.then(|| format!("axe-{}", a.id.name)),
                None,
                |y| t.par_axe_annee.get(&(i, y)).copied(),
                t.par_axe.get(&i),
            )
        })
        .collect();
    if !t.par_equipement.is_empty() {
        axe_rows.push(row(
            &years,
            "Équipements (hors plan d'actions)".to_string(),
            None,
            None,
            equipments_by_year,
            Some(&t.equipements),
        ));
    }
    let par_axe = table(&years, axe_rows, &general, split);
    let fiches_by_year = |y: i32| unless_zero(t.fiches_par_annee.get(&y));
    let prev_fiches_by_year = |y: i32| unless_zero(prev.fiches_par_annee.get(&y));
    let par_fiche = table(
        &years,
        t.par_fiche
            .keys()
            .map(|&fi| {
                let f = &model.fiches[fi];
                row(
                    &years,
                    format!("{} — {}", f.numero, french(&f.titre.value)),
                    links.fiches.then(|| format!("fiche-{}", f.id.name)),
                    Some(format!("financements-fiche-{}", f.id.name)),
                    |y| unless_zero(t.par_fiche_annee.get(&(fi, y))),
                    t.par_fiche.get(&fi),
                )
            })
            .collect(),
        &Sums {
            label: format!("Total des {}", labels.fiches.to_lowercase()),
            by_year: &fiches_by_year,
            total: t.fiches,
            previsionnel_by_year: &prev_fiches_by_year,
            previsionnel: prev.fiches,
        },
        split,
    );
    let prev_equipments_by_year = |y: i32| unless_zero(prev.equipements_par_annee.get(&y));
    let par_equipement = table(
        &years,
        t.par_equipement
            .keys()
            .map(|&ei| {
                let e = &model.equipements[ei];
                row(
                    &years,
                    french(&e.nom.value),
                    Some(format!("equipement-{}", e.id.name)),
                    None,
                    |y| unless_zero(t.par_equipement_annee.get(&(ei, y))),
                    t.par_equipement.get(&ei),
                )
            })
            .collect(),
        &Sums {
            label: "Total des équipements".to_string(),
            by_year: &equipments_by_year,
            total: t.equipements,
            previsionnel_by_year: &prev_equipments_by_year,
            previsionnel: prev.equipements,
        },
        split,
    );
    let tables = [
        &par_financeur,
        &par_dispositif,
        &par_axe,
        &par_fiche,
        &par_equipement,
    ];
    let (paysage, police) = layout(&tables);
    Finances {
        par_financeur,
        par_dispositif,
        par_axe,
        par_fiche,
        par_equipement,
        total_general: money(t.general),
        total_ferme: split.then(|| money(Money(t.general.cents() - prev.general.cents()))),
        total_previsionnel: split.then(|| money(prev.general)),
        sous_reserve: model
            .convention
            .as_ref()
            .filter(|c| c.sous_reserve_credits)
            .map(|_| SUBJECT_TO_FUNDS.to_string()),
        paysage,
        police,
        lignes_a_determiner: t.a_determiner,
        note_a_determiner: note_to_determine(t.a_determiner),
    }
}

/// The clause of `sous-réserve-des-crédits`.
const SUBJECT_TO_FUNDS: &str =
    "Les montants inscrits à la présente convention le sont sous réserve des crédits disponibles.";

/// The width of a line of text, in em of the tables' font: digits and the signs of an amount
/// as Libertinus Serif draws them, rounded up; any other character as a wide letter.
fn width_em(text: &str) -> f64 {
    text.chars()
        .map(|c| match c {
            '0'..='9' => 0.5,
            '\u{202f}' => 0.2,
            '\u{a0}' | ' ' | ',' | '.' => 0.25,
            _ => 0.6,
        })
        .sum()
}

/// Points of a page's width the annex's tables have: A4 less its margins (2.3 cm each side).
const PORTRAIT_PT: f64 = 595.3 - 2.0 * 65.2;
const LANDSCAPE_PT: f64 = 841.9 - 2.0 * 65.2;
/// The narrowest first column (labels wrap) and a cell's horizontal inset, both sides, in points.
const LABEL_EM: f64 = 8.0;
const INSET_PT: f64 = 10.0;

/// The orientation and the font size that let every table's amount columns keep each amount on
/// one line: columns as wide as their widest amount (bold in the total rows), the label column
/// at least [`LABEL_EM`]. Portrait at 9 pt when it fits and the years are few, else landscape at
/// the largest size that fits.
fn layout(tables: &[&Table]) -> (bool, u32) {
    let needed = |size: f64| -> f64 {
        tables
            .iter()
            .map(|t| {
                let columns = t.colonnes.len() + 1;
                let widest = |i: usize| -> f64 {
                    let body = t.lignes.iter().map(|l| {
                        width_em(l.cellules.get(i).unwrap_or(&l.total))
                            * if i == columns - 1 { 1.05 } else { 1.0 }
                    });
                    let feet = t
                        .pieds
                        .iter()
                        .map(|p| width_em(p.cellules.get(i).unwrap_or(&p.total)) * 1.05);
                    let head = std::iter::once(
                        width_em(t.colonnes.get(i).map_or("Total", String::as_str)) * 1.05,
                    );
                    body.chain(feet).chain(head).fold(0.0, f64::max)
                };
                (0..columns)
                    .map(|i| widest(i) * size + INSET_PT)
                    .sum::<f64>()
                    + LABEL_EM * size
            })
            .fold(0.0, f64::max)
    };
    let years = tables.first().map_or(0, |t| t.colonnes.len());
    if years <= 4 && needed(9.0) <= PORTRAIT_PT {
        return (false, 9);
    }
    let size = [9, 8, 7, 6]
        .into_iter()
        .find(|&s| needed(f64::from(s)) <= LANDSCAPE_PT)
        .unwrap_or(6);
    (true, size)
}

/// The firm and `prévisionnel` parts of a total, when there is a prévisionnel part (the firm
/// part `None` when nothing is firm); `(None, None)` otherwise.
pub(super) fn split(
    total: Option<&Money>,
    previsionnel: Option<&Money>,
) -> (Option<String>, Option<String>) {
    match previsionnel.filter(|p| p.cents() != 0) {
        Some(p) => {
            let firm = total.copied().unwrap_or_default().cents() - p.cents();
            ((firm != 0).then(|| money(Money(firm))), Some(money(*p)))
        }
        None => (None, None),
    }
}

/// The sentence under the money tables when some yearly amounts are not known yet.
fn note_to_determine(n: usize) -> Option<String> {
    match n {
        0 => None,
        1 => Some(
            "Un montant annuel est encore à déterminer\u{202f}: il n’est pas compté dans les totaux."
                .to_string(),
        ),
        n => Some(format!(
            "{n} montants annuels sont encore à déterminer\u{202f}: ils ne sont pas comptés dans les totaux."
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compile::{Options, analyse_file};
    use crate::render::{Templates, html, typst};

    #[test]
    fn the_note_counts_yearly_amounts() {
        assert_eq!(note_to_determine(0), None);
        assert_eq!(
            note_to_determine(1).unwrap(),
            "Un montant annuel est encore à déterminer\u{202f}: il n’est pas compté dans les totaux."
        );
        assert_eq!(
            note_to_determine(4).unwrap(),
            "4 montants annuels sont encore à déterminer\u{202f}: ils ne sont pas comptés dans les totaux."
        );
    }

    #[test]
    fn both_documents_print_the_same_note() {
        let source = r#"convention "CTG de test" {
  période 2023 .. 2026
}
signataire caf "Caisse d'allocations familiales" {
  nature caf
}
axe pe "Petite enfance"
fiche creche "Crèche" {
  axe pe
  financement caf 2023 .. 2026 à déterminer
}
"#;
        let comp = analyse_file("t.ctg", source.as_bytes(), Options::default()).expect("in memory");
        let view = crate::render::view::build(&comp.model).unwrap();
        let note = view.finances.note_a_determiner.clone().unwrap();
        assert!(note.starts_with("4 montants annuels"), "{note}");
        let templates = Templates::new(None);
        let pdf = typst::render(&view, &templates).unwrap();
        assert!(pdf.contains(&typst::escape(&note)), "Typst");
        assert!(
            !pdf.contains("dont le montant est à déterminer"),
            "no other wording in the Typst source"
        );
        let page = html::render(&view, &templates).unwrap();
        assert!(page.contains(&html::escape(&note)), "HTML");
    }
}
