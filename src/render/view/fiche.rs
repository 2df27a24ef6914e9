//! The fiches action: each one as its page shows it, indicators and funding lines included.

use serde::Serialize;

use crate::model::{Fiche, Idx, Indicator, Measure, Model, Territory, Text};
use crate::totals::Totals;
use crate::typography::french;

use super::citations::Catalog;
use super::finances::{FundingLine, funding_line, money, split};
use super::parties::{name, party_name};
use super::plan::{Labels, Link, axe_link, objectif_link};
use super::text::{join_fr, number, val, years_text};

#[derive(Serialize, Debug, Clone)]
pub struct IndicatorView {
    pub libelle: String,
    pub type_: Option<String>,
    pub unite: Option<String>,
    /// « 48 (2022) »
    pub depart: Option<String>,
    pub cible: Option<String>,
    pub valeurs: Vec<YearValue>,
    pub source: Option<String>,
    pub frequence: Option<String>,
}

#[derive(Serialize, Debug, Clone)]
pub struct YearValue {
    pub annee: i32,
    pub valeur: String,
}

#[derive(Serialize, Debug, Clone)]
pub struct FicheView {
    pub id: String,
    pub numero: String,
    pub titre: String,
    /// « Fiche action 12 »
    pub intitule: String,
    pub ancre: String,
    pub axe: Option<Link>,
    pub objectifs: Vec<Link>,
    /// « Objectif » or « Objectifs » (the configured word), as many as the fiche serves.
    pub libelle_objectifs: String,
    pub champs: Vec<String>,
    pub priorite: Option<String>,
    pub statut: Option<String>,
    pub constat_md: Option<String>,
    pub objectifs_operationnels: Vec<String>,
    pub description_md: Option<String>,
    pub public: Option<String>,
    pub territoire: Option<String>,
    pub pilote: Option<String>,
    pub referents: Vec<String>,
    /// « Référent » or « Référents ».
    pub libelle_referents: String,
    pub partenaires: Vec<String>,
    pub calendrier: Option<String>,
    pub etapes: Vec<YearValue>,
    pub moyens_md: Option<String>,
    pub resultats_attendus_md: Option<String>,
    pub liens: Vec<String>,
    pub indicateurs: Vec<IndicatorView>,
    pub financements: Vec<FundingLine>,
    /// Anchor of the fiche's rows in the financial annex.
    pub ancre_financements: String,
    /// Whether the financial annex has a row for this fiche (some amount is known).
    pub dans_tableau_financier: bool,
    pub total: String,
    /// The firm and `prévisionnel` parts of the total, when some of its amounts are prévisionnel
    /// (no firm part when all are).
    pub total_ferme: Option<String>,
    pub total_previsionnel: Option<String>,
}

pub(super) fn fiches(model: &Model, t: &Totals, labels: &Labels, cite: &Catalog) -> Vec<FicheView> {
    Idx::enumerate(&model.fiches)
        .map(|(i, f)| fiche(model, t, labels, cite, i, f))
        .collect()
}

fn fiche(
    model: &Model,
    t: &Totals,
    labels: &Labels,
    cite: &Catalog,
    i: Idx<Fiche>,
    f: &Fiche,
) -> FicheView {
    let (total_ferme, total_previsionnel) =
        split(t.par_fiche.get(&i), t.previsionnel.par_fiche.get(&i));
    let md = |t: &Option<Text>| t.as_ref().map(|t| cite.markdown(t));
    let objectifs: Vec<Link> = f
        .objectifs
        .iter()
        .filter_map(|o| o.target)
        .map(|oi| objectif_link(model, oi))
        .collect();
    let referents: Vec<String> = f.referents.iter().map(val).collect();
    FicheView {
        id: f.id.name.clone(),
        numero: f.numero.clone(),
        titre: french(&f.titre.value),
        intitule: format!("{} {}", labels.fiche, f.numero),
        ancre: format!("fiche-{}", f.id.name),
        axe: f
            .axe
            .as_ref()
            .and_then(|r| r.target)
            .map(|a| axe_link(model, a)),
        libelle_objectifs: if objectifs.len() > 1 {
            labels.objectifs.clone()
        } else {
            labels.objectif.clone()
        },
        objectifs,
        champs: f
            .champs
            .iter()
            .map(|c| c.value.label().to_string())
            .collect(),
        priorite: f.priorite.as_ref().map(|p| p.value.label().to_string()),
        statut: f.statut.as_ref().map(|s| s.value.label().to_string()),
        constat_md: md(&f.constat),
        objectifs_operationnels: f
            .objectifs_operationnels
            .iter()
            .map(|o| french(&o.value))
            .collect(),
        description_md: md(&f.description),
        public: f.public.as_ref().map(val),
        territoire: f.territoire.as_ref().map(|t| match t {
            Territory::All => "Ensemble du territoire".to_string(),
            Territory::Communes(list) => join_fr(
                &list
                    .iter()
                    .map(|r| r.target.map_or(r.name.clone(), |c| name(&model.parties[c])))
                    .collect::<Vec<_>>(),
            ),
        }),
        pilote: party_name(model, f.pilote.as_ref().and_then(|p| p.target)),
        libelle_referents: if referents.len() > 1 {
            "Référents"
        } else {
            "Référent"
        }
        .to_string(),
        referents,
        partenaires: f
            .partenaires
            .iter()
            .filter_map(|p| party_name(model, p.target))
            .collect(),
        calendrier: f.calendrier.map(|(r, _)| years_text(r)),
        etapes: f
            .etapes
            .iter()
            .map(|e| YearValue {
                annee: e.annee,
                valeur: french(&e.texte),
            })
            .collect(),
        moyens_md: md(&f.moyens),
        resultats_attendus_md: md(&f.resultats_attendus),
        liens: f.liens.iter().map(|l| french(&l.value)).collect(),
        indicateurs: f.indicateurs.iter().map(indicator).collect(),
        financements: f
            .financements
            .iter()
            .map(|fin| funding_line(model, fin))
            .collect(),
        ancre_financements: format!("financements-fiche-{}", f.id.name),
        dans_tableau_financier: t.par_fiche.contains_key(&i),
        total: money(t.par_fiche.get(&i).copied().unwrap_or_default()),
        total_ferme,
        total_previsionnel,
    }
}

fn indicator(ind: &Indicator) -> IndicatorView {
    let measure = |m: &Measure| format!("{} ({})", number(&m.valeur), m.annee);
    IndicatorView {
        libelle: french(&ind.libelle.value),
        type_: ind.kind.as_ref().map(|k| k.value.label().to_string()),
        unite: ind.unite.as_deref().map(french),
        depart: ind.depart.as_ref().map(measure),
        cible: ind.cible.as_ref().map(measure),
        valeurs: ind
            .valeurs
            .iter()
            .map(|m| YearValue {
                annee: m.annee,
                valeur: number(&m.valeur),
            })
            .collect(),
        source: ind.source.as_deref().map(french),
        frequence: ind.frequence.as_deref().map(french),
    }
}

#[cfg(test)]
mod tests {
    use crate::compile::{Options, analyse_file};

    const SOURCE: &str = r#"convention "CTG de test" {
  période 2023 .. 2025
}
axe pe "Petite enfance" {
  objectif creche "Crèche"
  objectif rpe "Relais"
}
fiche a "Deux objectifs, un référent" {
  axe pe
  objectifs creche, rpe
  référent "Coordinatrice"
}
fiche b "Un objectif, deux référents" {
  axe pe
  objectifs creche
  référent "Coordinatrice"
  référent "Directeur"
}
"#;

    #[test]
    fn field_names_agree_with_their_count() {
        let comp = analyse_file("t.ctg", SOURCE.as_bytes(), Options::default()).expect("in memory");
        let view = crate::render::view::build(&comp.model).unwrap();
        let names: Vec<(&str, &str)> = view
            .fiches
            .iter()
            .map(|f| (f.libelle_objectifs.as_str(), f.libelle_referents.as_str()))
            .collect();
        assert_eq!(
            names,
            [("Objectifs", "Référent"), ("Objectif", "Référents")]
        );
    }
}
