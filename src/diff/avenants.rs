//! The avenants themselves, by number: one added, withdrawn, or changed (its date, its
//! signataires, the list of its changes). What they change in the convention shows with the
//! elements they change, the two versions being compared as consolidated.

use super::pairing::{self, At, Paired, Version};
use super::record::{Fields, Recorder, Subject};
use super::value::{date, names, text, val};
use super::{Element, Shape};
use crate::model::{Avenant, ChangeKind, Model};

/// « ajoute-fiche mercredi », « prolonge jusqu'au 31 décembre 2022 »: the change as written.
fn change(kind: &ChangeKind) -> String {
    match (kind, kind.written()) {
        (ChangeKind::Extend { end, .. }, _) => format!("prolonge jusqu'au {}", end.french()),
        (_, (keyword, Some(target))) => format!("{keyword} {target}"),
        (_, (keyword, None)) => keyword.to_string(),
    }
}

fn changes(a: &Avenant) -> Vec<String> {
    a.changes.iter().map(|c| change(&c.kind)).collect()
}

impl Paired for Avenant {
    fn subject(&self, _: At) -> Subject {
        let label = format!("avenant n° {}", self.numero);
        Subject::new(Element::Avenant, &self.numero.to_string(), label)
    }

    fn added(&self, _: At) -> Option<String> {
        Some(changes(self).join(" ; "))
    }

    fn removed(&self, _: At) -> Option<String> {
        Some(changes(self).join(" ; "))
    }

    fn fields(f: &mut Fields<Self>, _: [At; 2]) {
        f.value("date", Shape::Plain, |a| {
            a.date.as_ref().map(|(d, _)| date(d))
        });
        f.value("lieu", Shape::Plain, |a| a.lieu.as_ref().map(val));
        f.set("signataires", |a| names(&a.signataires));
        f.list("vu", Shape::Quoted, |a| a.visas.iter().map(|v| &v.value));
        f.text("préambule", |a| text(&a.preambule));
        f.text("objet", |a| text(&a.objet));
        f.list("changement", Shape::Plain, changes);
    }
}

pub(crate) fn avenants<'a>(old: &'a Model, new: &'a Model, r: &mut Recorder) {
    let version = |model: &'a Model| Version {
        model,
        list: &model.avenants,
    };
    let pairs = pairing::pairs(&old.avenants, &new.avenants, |a| a.numero);
    pairing::compare_pairs(version(old), version(new), &pairs, r);
}
