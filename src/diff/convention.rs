//! The convention block, linked conventions, articles and annexes.

use super::pairing::{self, At, Paired, Version};
use super::record::{Fields, Recorder, Subject};
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

pub(crate) fn convention(old: &Model, new: &Model, r: &mut Recorder) {
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
        (Some(old), Some(new)) => {
            let mut f = Fields {
                old,
                new,
                subject: &s,
                r,
            };
            f.renaming("titre", |c| &c.titre.value);
            f.value("slogan", Shape::Quoted, |c| {
                c.slogan.as_ref().map(|s| &s.value)
            });
            f.value("territoire", Shape::Quoted, |c| {
                c.territoire.as_ref().map(|t| &t.value)
            });
            f.value("période", Shape::Plain, |c| c.periode.map(|p| period(p.0)));
            f.value("signature", Shape::Plain, |c| {
                c.signature.as_ref().map(|d| date(&d.0))
            });
            f.value("lieu", Shape::Quoted, |c| c.lieu.as_ref().map(val));
            f.value("exemplaires", Shape::Plain, |c| c.exemplaires.map(|e| e.0));
            f.value("statut", Shape::Plain, |c| {
                c.statut.as_ref().map(|s| s.value.keyword())
            });
            f.value("sous-réserve-des-crédits", Shape::Plain, |c| {
                Some(if c.sous_reserve_credits { "oui" } else { "non" })
            });
            f.set("champs", |c| c.champs.iter().map(|c| c.value.keyword()));
            f.list("vu", Shape::Quoted, |c| c.visas.iter().map(|v| &v.value));
            f.text("préambule", |c| text(&c.preambule));
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
    fn subject(&self, _: At) -> Subject {
        let label = format!("convention liée « {} »", self.titre.value);
        Subject::new(Element::ConventionLiee, &self.id.name, label)
    }

    fn added(&self, _: At) -> Option<String> {
        self.periode.map(|p| period(p.0))
    }

    fn fields(f: &mut Fields<Self>, _: [At; 2]) {
        f.renaming("titre", |c| &c.titre.value);
        f.set("signataires", |c| names(&c.signataires));
        f.value("période", Shape::Plain, |c| c.periode.map(|p| period(p.0)));
        f.text("objet", |c| text(&c.objet));
    }
}

pub(crate) fn linked(old: &Model, new: &Model, r: &mut Recorder) {
    pairing::compare(old, new, |m| &m.conventions_liees, |c| &c.id.name, r);
}

/// An article as printed is named by its position.
impl Paired for EffectiveArticle {
    fn subject(&self, at: At) -> Subject {
        let label = format!("article {} « {} »", at.index + 1, self.titre);
        Subject::new(Element::Article, &self.id, label)
    }

    fn fields(f: &mut Fields<Self>, at: [At; 2]) {
        let [j, i] = at.map(|a| (a.index + 1).to_string());
        f.r.renamed(f.subject, Action::Renumerotation, "numéro", &j, &i);
        f.renaming("titre", |a| &a.titre);
        f.text("texte", |a| Some(&a.texte));
    }
}

/// The articles as printed: template defaults with the convention's overrides.
pub(crate) fn articles<'a>(old: &'a Model, new: &'a Model, r: &mut Recorder) {
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
    let pairs = pairing::pairs(old.list, new.list, |a| a.id.as_str());
    pairing::compare_pairs(old, new, &pairs, r);
}

impl Paired for Annexe {
    fn subject(&self, _: At) -> Subject {
        let label = format!("annexe « {} »", self.titre.value);
        Subject::new(Element::Annexe, &self.id.name, label)
    }

    fn fields(f: &mut Fields<Self>, _: [At; 2]) {
        f.renaming("titre", |a| &a.titre.value);
        f.text("texte", |a| text(&a.texte));
    }
}

pub(crate) fn annexes(old: &Model, new: &Model, r: &mut Recorder) {
    pairing::compare(old, new, |m| &m.annexes, |a| &a.id.name, r);
}
