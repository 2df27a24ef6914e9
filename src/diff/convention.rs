//! The convention block, linked conventions, articles and annexes.

use super::record::{Recorder, Subject};
use super::value::{date, period, text, val};
use super::{Action, Element, Shape};
use crate::articles::effective;
use crate::model::{ConventionInfo, Model};
use crate::project::Numbering;

fn numbering(n: Numbering) -> String {
    match n {
        Numbering::Continue => "continue",
        Numbering::PerAxe => "par-axe",
        Numbering::Letters => "lettres",
    }
    .into()
}

pub fn convention(old: &Model, new: &Model, r: &mut Recorder) {
    let title = |c: Option<&ConventionInfo>| c.map(|c| c.titre.value.clone());
    let (o, n) = (old.convention.as_ref(), new.convention.as_ref());
    let libelle = title(n)
        .or_else(|| title(o))
        .map_or_else(|| "la convention".to_string(), |t| format!("« {t} »"));
    let s = Subject::new(Element::Convention, "convention", libelle);
    match (o, n) {
        (None, None) => {}
        (None, Some(c)) | (Some(c), None) => {
            r.element(&s, n.is_some(), Some(c.titre.value.clone()), None)
        }
        (Some(o), Some(n)) => {
            r.renamed(
                &s,
                Action::Renommage,
                "titre",
                &o.titre.value,
                &n.titre.value,
            );
            let slogan = |c: &ConventionInfo| c.slogan.as_ref().map(|s| s.value.clone());
            r.value(&s, "slogan", slogan(o), slogan(n), Shape::Quoted);
            let territoire = |c: &ConventionInfo| c.territoire.as_ref().map(|s| s.value.clone());
            r.value(
                &s,
                "territoire",
                territoire(o),
                territoire(n),
                Shape::Quoted,
            );
            let periode = |c: &ConventionInfo| c.periode.map(|p| period(p.0));
            r.value(&s, "période", periode(o), periode(n), Shape::Plain);
            let signature = |c: &ConventionInfo| c.signature.as_ref().map(|d| date(&d.0));
            r.value(&s, "signature", signature(o), signature(n), Shape::Plain);
            let lieu = |c: &ConventionInfo| c.lieu.as_ref().map(val);
            r.value(&s, "lieu", lieu(o), lieu(n), Shape::Quoted);
            let exemplaires = |c: &ConventionInfo| c.exemplaires.map(|e| e.0.to_string());
            r.value(
                &s,
                "exemplaires",
                exemplaires(o),
                exemplaires(n),
                Shape::Plain,
            );
            let statut =
                |c: &ConventionInfo| c.statut.as_ref().map(|s| s.value.keyword().to_string());
            r.value(&s, "statut", statut(o), statut(n), Shape::Plain);
            let champs = |c: &ConventionInfo| {
                c.champs
                    .iter()
                    .map(|c| c.value.keyword().to_string())
                    .collect::<Vec<_>>()
            };
            r.set(&s, "champs", &champs(o), &champs(n));
            let visas =
                |c: &ConventionInfo| c.visas.iter().map(|v| v.value.clone()).collect::<Vec<_>>();
            r.list(&s, "vu", &visas(o), &visas(n), Shape::Quoted);
            r.text(&s, "préambule", text(&o.preambule), text(&n.preambule));
        }
    }
    if old.config.numerotation != new.config.numerotation {
        let s = Subject::new(
            Element::Convention,
            "convention",
            "la numérotation des fiches (ctgc.yaml)".into(),
        );
        r.value(
            &s,
            "numérotation",
            Some(numbering(old.config.numerotation)),
            Some(numbering(new.config.numerotation)),
            Shape::Plain,
        );
    }
}

pub fn linked(old: &Model, new: &Model, r: &mut Recorder) {
    for n in &new.conventions_liees {
        let s = Subject::new(
            Element::ConventionLiee,
            &n.id.name,
            format!("convention liée « {} »", n.titre.value),
        );
        let Some(o) = old
            .conventions_liees
            .iter()
            .find(|o| o.id.name == n.id.name)
        else {
            r.element(&s, true, n.periode.map(|p| period(p.0)), None);
            continue;
        };
        r.renamed(
            &s,
            Action::Renommage,
            "titre",
            &o.titre.value,
            &n.titre.value,
        );
        let ids = |l: &[crate::model::Ref]| l.iter().map(|x| x.name.clone()).collect::<Vec<_>>();
        r.set(
            &s,
            "signataires",
            &ids(&o.signataires),
            &ids(&n.signataires),
        );
        r.value(
            &s,
            "période",
            o.periode.map(|p| period(p.0)),
            n.periode.map(|p| period(p.0)),
            Shape::Plain,
        );
        r.text(&s, "objet", text(&o.objet), text(&n.objet));
    }
    for o in old
        .conventions_liees
        .iter()
        .filter(|o| !new.conventions_liees.iter().any(|n| n.id.name == o.id.name))
    {
        let s = Subject::new(
            Element::ConventionLiee,
            &o.id.name,
            format!("convention liée « {} »", o.titre.value),
        );
        r.element(&s, false, None, None);
    }
}

/// The articles as printed: template defaults with the convention's overrides.
pub fn articles(old: &Model, new: &Model, r: &mut Recorder) {
    let (old_list, new_list) = (effective(old), effective(new));
    let label = |i: usize, titre: &str| format!("article {} « {titre} »", i + 1);
    for (i, n) in new_list.iter().enumerate() {
        let s = Subject::new(Element::Article, &n.id, label(i, &n.titre));
        let Some((j, o)) = old_list.iter().enumerate().find(|(_, o)| o.id == n.id) else {
            r.element(&s, true, None, None);
            continue;
        };
        r.renamed(
            &s,
            Action::Renumerotation,
            "numéro",
            &(j + 1).to_string(),
            &(i + 1).to_string(),
        );
        r.renamed(&s, Action::Renommage, "titre", &o.titre, &n.titre);
        r.text(&s, "texte", Some(o.texte.clone()), Some(n.texte.clone()));
    }
    for (j, o) in old_list.iter().enumerate() {
        if !new_list.iter().any(|n| n.id == o.id) {
            r.element(
                &Subject::new(Element::Article, &o.id, label(j, &o.titre)),
                false,
                None,
                None,
            );
        }
    }
}

pub fn annexes(old: &Model, new: &Model, r: &mut Recorder) {
    for n in &new.annexes {
        let s = Subject::new(
            Element::Annexe,
            &n.id.name,
            format!("annexe « {} »", n.titre.value),
        );
        let Some(o) = old.annexes.iter().find(|o| o.id.name == n.id.name) else {
            r.element(&s, true, None, None);
            continue;
        };
        r.renamed(
            &s,
            Action::Renommage,
            "titre",
            &o.titre.value,
            &n.titre.value,
        );
        r.text(&s, "texte", text(&o.texte), text(&n.texte));
    }
    for o in old
        .annexes
        .iter()
        .filter(|o| !new.annexes.iter().any(|n| n.id.name == o.id.name))
    {
        r.element(
            &Subject::new(
                Element::Annexe,
                &o.id.name,
                format!("annexe « {} »", o.titre.value),
            ),
            false,
            None,
            None,
        );
    }
}
