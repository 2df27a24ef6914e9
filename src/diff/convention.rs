//! The convention block, linked conventions, articles and annexes.

use super::pairing::{self, At, Paired, Version};
use super::record::{Recorder, Subject};
use super::value::{date, names, period, text, val};
use super::{Action, Element, Shape};
use crate::articles::{EffectiveArticle, effective};
use crate::model::{Annexe, ConventionInfo, LinkedConvention, Model};
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
            r.renaming(&s, "titre", &o.titre.value, &n.titre.value);
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

impl Paired for LinkedConvention {
    fn id(&self) -> &str {
        &self.id.name
    }

    fn subject(&self, _: At) -> Subject {
        let label = format!("convention liée « {} »", self.titre.value);
        Subject::new(Element::ConventionLiee, &self.id.name, label)
    }

    fn added(&self, _: At) -> Option<String> {
        self.periode.map(|p| period(p.0))
    }

    fn fields(o: &Self, n: &Self, _: [At; 2], s: &Subject, r: &mut Recorder) {
        r.renaming(s, "titre", &o.titre.value, &n.titre.value);
        r.set(
            s,
            "signataires",
            &names(&o.signataires),
            &names(&n.signataires),
        );
        r.value(
            s,
            "période",
            o.periode.map(|p| period(p.0)),
            n.periode.map(|p| period(p.0)),
            Shape::Plain,
        );
        r.text(s, "objet", text(&o.objet), text(&n.objet));
    }
}

pub fn linked(old: &Model, new: &Model, r: &mut Recorder) {
    pairing::compare(old, new, |m| &m.conventions_liees, r);
}

/// An article as printed is named by its position.
impl Paired for EffectiveArticle {
    fn id(&self) -> &str {
        &self.id
    }

    fn subject(&self, at: At) -> Subject {
        let label = format!("article {} « {} »", at.index + 1, self.titre);
        Subject::new(Element::Article, &self.id, label)
    }

    fn fields(o: &Self, n: &Self, at: [At; 2], s: &Subject, r: &mut Recorder) {
        let [j, i] = at.map(|a| (a.index + 1).to_string());
        r.renamed(s, Action::Renumerotation, "numéro", &j, &i);
        r.renaming(s, "titre", &o.titre, &n.titre);
        r.text(s, "texte", Some(o.texte.clone()), Some(n.texte.clone()));
    }
}

/// The articles as printed: template defaults with the convention's overrides.
pub fn articles<'a>(old: &'a Model, new: &'a Model, r: &mut Recorder) {
    let (old_list, new_list) = (effective(old), effective(new));
    let (old, new) = (
        Version {
            model: old,
            list: &old_list,
        },
        Version {
            model: new,
            list: &new_list,
        },
    );
    let pairs = pairing::pairs(old.list, new.list, EffectiveArticle::id);
    pairing::compare_pairs(old, new, &pairs, r);
}

impl Paired for Annexe {
    fn id(&self) -> &str {
        &self.id.name
    }

    fn subject(&self, _: At) -> Subject {
        let label = format!("annexe « {} »", self.titre.value);
        Subject::new(Element::Annexe, &self.id.name, label)
    }

    fn fields(o: &Self, n: &Self, _: [At; 2], s: &Subject, r: &mut Recorder) {
        r.renaming(s, "titre", &o.titre.value, &n.titre.value);
        r.text(s, "texte", text(&o.texte), text(&n.texte));
    }
}

pub fn annexes(old: &Model, new: &Model, r: &mut Recorder) {
    pairing::compare(old, new, |m| &m.annexes, r);
}
