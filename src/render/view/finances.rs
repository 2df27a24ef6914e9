//! The money the documents show: each funding line in words, and the tables by funder, axe,
//! fiche and équipement, year by year, with the totals of `crate::totals`.

use serde::Serialize;

use crate::model::{Amount, Funding, Idx, Model};
use crate::money::Money;
use crate::totals::{self, Totals};
use crate::typography::{capitalize, french};

use super::parties::{party_name, party_short};
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

fn table(
    years: &[i32],
    lignes: Vec<TableRow>,
    year_total: impl Fn(i32) -> Option<Money>,
    total: Money,
) -> Table {
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

/// A cell of the fiche and équipement tables: empty when nothing is known or the amounts cancel
/// out (the funder and axe tables show such a sum as 0 €).
fn unless_zero(m: Option<&Money>) -> Option<Money> {
    m.copied().filter(|m| m.cents() != 0)
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
        year_total,
        t.general,
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
                Some(format!("axe-{}", a.id.name)),
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
    let par_axe = table(&years, axe_rows, year_total, t.general);
    let par_fiche = table(
        &years,
        t.par_fiche
            .keys()
            .map(|&fi| {
                let f = &model.fiches[fi];
                row(
                    &years,
                    format!("{} — {}", f.numero, french(&f.titre.value)),
                    Some(format!("fiche-{}", f.id.name)),
                    Some(format!("financements-fiche-{}", f.id.name)),
                    |y| unless_zero(t.par_fiche_annee.get(&(fi, y))),
                    t.par_fiche.get(&fi),
                )
            })
            .collect(),
        |y| unless_zero(t.fiches_par_annee.get(&y)),
        t.fiches,
    );
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
        equipments_by_year,
        t.equipements,
    );
    Finances {
        par_financeur,
        par_axe,
        par_fiche,
        par_equipement,
        total_general: money(t.general),
        lignes_a_determiner: t.a_determiner,
        note_a_determiner: note_to_determine(t.a_determiner),
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
