//! The example conventions of `conventions/`: each checks clean, and their exports carry the
//! seeds' facts.

mod support;
use support::EXAMPLES;

use std::path::Path;

use ctgc::compile::{Options, compile};
use ctgc::export::export;

fn exported(name: &str) -> ctgc::export::Export {
    let comp =
        compile(&Path::new("conventions").join(name), Options::default()).expect("project loads");
    let errors: Vec<_> = comp
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.message.clone())
        .collect();
    assert!(errors.is_empty(), "{name}: {errors:?}");
    export(&comp.model)
}

#[test]
fn every_example_checks_without_errors() {
    for name in EXAMPLES {
        let e = exported(name);
        let conv = e.convention.as_ref().expect("convention block");
        // An example amended by avenants shows a convention that was signed; the others are drafts.
        let expected = if e.avenants.is_empty() {
            "projet"
        } else {
            "signée"
        };
        assert_eq!(conv.statut.as_deref(), Some(expected), "{name}: statut");
        assert!(!e.fiches.is_empty(), "{name} has fiches");
    }
}

#[test]
fn carlades_has_its_plan_and_the_centre_social_funding() {
    let e = exported("carlades");
    assert_eq!(e.fiches.len(), 30);
    assert_eq!(e.axes.len(), 4);
    let objectifs: Vec<usize> = e.axes.iter().map(|a| a.objectifs.len()).collect();
    assert_eq!(objectifs, [4, 3, 4, 2]);
    let conv = e.convention.as_ref().unwrap();
    let period = conv.periode.as_ref().unwrap();
    assert_eq!(
        (period.debut.as_str(), period.fin.as_str()),
        ("2020-01-01", "2024-12-31")
    );
    let to_centre_social: i64 = e
        .financements
        .iter()
        .filter(|r| r.financeur == "cc" && r.beneficiaire.as_deref() == Some("csc"))
        .map(|r| {
            assert!((2022..=2024).contains(&r.annee), "year {}", r.annee);
            r.montant_centimes.expect("known amount")
        })
        .sum();
    assert_eq!(to_centre_social, 32_370_000, "323 700 € in cents");
    let gmr = e
        .conventions_liees
        .iter()
        .find(|c| c.id == "gmr")
        .expect("GMR linked convention");
    assert_eq!(
        gmr.periode
            .as_ref()
            .map(|p| (p.debut.as_str(), p.fin.as_str())),
        Some(("2022-01-01", "2025-12-31"))
    );
}

#[test]
fn versants_d_aime_has_its_plan_and_communes() {
    let e = exported("versants-d-aime");
    assert_eq!(e.fiches.len(), 29);
    assert_eq!(e.axes.len(), 5);
    let mut communes: Vec<&str> = e.communes.iter().map(|c| c.nom.as_str()).collect();
    communes.sort();
    assert_eq!(
        communes,
        [
            "Aime-la-Plagne",
            "Landry",
            "Peisey-Nancroix",
            "Plagne-Tarentaise"
        ]
    );
    assert!(e.communes.iter().all(|c| c.signataire));
    assert!(
        e.fiches.iter().all(|f| !f.referents.is_empty()),
        "every fiche has its référent"
    );
    let conv = e.convention.as_ref().unwrap();
    assert_eq!(conv.signature.as_deref(), Some("2023-01-13"));
    let cc = e
        .signataires
        .iter()
        .find(|s| s.nature.as_deref() == Some("epci"))
        .unwrap();
    assert_eq!(cc.representants[0].nom, "Lucien Spigarelli");
}

#[test]
fn chateau_thierry_names_the_caf_signatories() {
    let e = exported("chateau-thierry");
    let caf = e
        .signataires
        .iter()
        .find(|s| s.nature.as_deref() == Some("caf"))
        .unwrap();
    let names: Vec<&str> = caf.representants.iter().map(|r| r.nom.as_str()).collect();
    assert_eq!(names, ["Christine Hoet", "Anne Upravan"]);
    assert_eq!(
        e.convention.as_ref().unwrap().signature.as_deref(),
        Some("2021-12-09")
    );
    assert_eq!(e.communes.iter().filter(|c| c.signataire).count(), 12);
}

#[test]
fn pays_de_l_aigle_2018_is_joined_by_l_aigle_and_rai_in_january_2020() {
    let e = exported("pays-de-l-aigle-2018");
    let conv = e.convention.as_ref().unwrap();
    let period = conv.periode.as_ref().unwrap();
    assert_eq!(
        (period.debut.as_str(), period.fin.as_str()),
        ("2018-01-01", "2021-12-31")
    );
    let signing: Vec<&str> = e.signataires.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(signing, ["cc", "caf", "laigle", "rai"], "consolidated");
    let [avenant] = e.avenants.as_slice() else {
        panic!("one avenant: {}", e.avenants.len());
    };
    // The seed gives the month only: no day is invented.
    assert_eq!(avenant.date.as_deref(), Some("2020-01"));
    let joined: Vec<_> = avenant
        .changements
        .iter()
        .filter(|c| c.kind == "ajoute-signataire")
        .filter_map(|c| c.cible.as_deref())
        .collect();
    assert_eq!(joined, ["laigle", "rai"]);

    let comp = compile(
        Path::new("conventions/pays-de-l-aigle-2018"),
        Options::default(),
    )
    .unwrap();
    let initial = export(&ctgc::avenant::consolidate(&comp.signed, Some(0)));
    let signing: Vec<&str> = initial.signataires.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(signing, ["cc", "caf"], "as signed in 2018");
    assert!(initial.avenants.is_empty());
    assert_eq!(initial.fiches.len() + 1, e.fiches.len(), "one fiche added");
}

#[test]
fn totals_agree_with_the_rows() {
    for name in EXAMPLES {
        let e = exported(name);
        let rows: i64 = e
            .financements
            .iter()
            .filter_map(|r| r.montant_centimes)
            .sum();
        assert_eq!(rows, e.totaux.general_centimes, "{name}");
        let by_funder: i64 = e
            .totaux
            .par_financeur
            .iter()
            .map(|t| t.montant_centimes)
            .sum();
        let by_year: i64 = e.totaux.par_annee.iter().map(|t| t.montant_centimes).sum();
        let by_axe: i64 = e.totaux.par_axe.iter().map(|t| t.montant_centimes).sum();
        assert_eq!(by_funder, rows, "{name}");
        assert_eq!(by_year, rows, "{name}");
        assert_eq!(by_axe + e.totaux.equipements_centimes, rows, "{name}");
    }
}
