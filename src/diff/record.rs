//! Recording changes field by field: single values, ordered lists, unordered sets.

use std::collections::HashSet;

use super::sequence::{Edit, edits};
use super::{Action, Change, Element, Shape};

/// The element the next changes are about.
pub struct Subject {
    pub element: Element,
    pub id: String,
    pub libelle: String,
}

impl Subject {
    pub fn new(element: Element, id: &str, libelle: String) -> Self {
        Subject {
            element,
            id: id.to_string(),
            libelle,
        }
    }
}

#[derive(Default)]
pub struct Recorder {
    pub changes: Vec<Change>,
}

/// A change about to be recorded.
pub struct Entry<'a> {
    pub action: Action,
    pub champ: Option<&'a str>,
    pub cle: Option<String>,
    pub avant: Option<String>,
    pub apres: Option<String>,
    pub ecart: Option<i64>,
    pub gap: Option<String>,
    pub shape: Shape,
}

impl Entry<'_> {
    pub fn of(action: Action) -> Self {
        Entry {
            action,
            champ: None,
            cle: None,
            avant: None,
            apres: None,
            ecart: None,
            gap: None,
            shape: Shape::Plain,
        }
    }
}

impl Recorder {
    pub fn push(&mut self, s: &Subject, e: Entry) {
        self.changes.push(Change {
            element: s.element,
            id: s.id.clone(),
            libelle: s.libelle.clone(),
            action: e.action,
            champ: e.champ.map(str::to_string),
            cle: e.cle,
            avant: e.avant,
            apres: e.apres,
            ecart_centimes: e.ecart,
            shape: e.shape,
            gap_text: e.gap,
        });
    }

    /// A whole element added (`old` absent) or removed.
    pub fn element(
        &mut self,
        s: &Subject,
        added: bool,
        summary: Option<String>,
        ecart: Option<i64>,
    ) {
        let mut e = Entry::of(if added {
            Action::Ajout
        } else {
            Action::Retrait
        });
        if added {
            e.apres = summary;
        } else {
            e.avant = summary;
        }
        e.ecart = ecart;
        self.push(s, e);
    }

    /// A single-valued field; nothing when equal.
    pub fn value(
        &mut self,
        s: &Subject,
        champ: &str,
        old: Option<String>,
        new: Option<String>,
        shape: Shape,
    ) {
        if old == new {
            return;
        }
        let action = match (&old, &new) {
            (None, _) => Action::Ajout,
            (_, None) => Action::Retrait,
            _ => Action::Modification,
        };
        self.push(
            s,
            Entry {
                champ: Some(champ),
                avant: old,
                apres: new,
                shape,
                ..Entry::of(action)
            },
        );
    }

    /// A field whose change has its own name (renumbering, renaming).
    pub fn renamed(&mut self, s: &Subject, action: Action, champ: &str, old: &str, new: &str) {
        if old != new {
            let shape = if action == Action::Renommage {
                Shape::Quoted
            } else {
                Shape::Plain
            };
            let e = Entry {
                champ: Some(champ),
                avant: Some(old.into()),
                apres: Some(new.into()),
                shape,
                ..Entry::of(action)
            };
            self.push(s, e);
        }
    }

    /// A repeated field whose order matters (visas, référents, étapes…).
    pub fn list(&mut self, s: &Subject, champ: &str, old: &[String], new: &[String], shape: Shape) {
        for e in edits(old, new) {
            let (action, avant, apres) = match e {
                Edit::Same(_) => continue,
                Edit::Removed(a) => (Action::Retrait, Some(a.clone()), None),
                Edit::Added(b) => (Action::Ajout, None, Some(b.clone())),
                Edit::Changed(a, b) => (Action::Modification, Some(a.clone()), Some(b.clone())),
            };
            self.push(
                s,
                Entry {
                    champ: Some(champ),
                    avant,
                    apres,
                    shape,
                    ..Entry::of(action)
                },
            );
        }
    }

    /// A title or a name: its change is a renaming.
    pub fn renaming(&mut self, s: &Subject, champ: &str, old: &str, new: &str) {
        self.renamed(s, Action::Renommage, champ, old, new);
    }

    /// A list of references whose order does not matter much (partenaires, champs…): items
    /// added and removed; a mere reordering is one change showing both lists.
    pub fn set(&mut self, s: &Subject, champ: &str, old: &[String], new: &[String]) {
        let (in_old, in_new): (HashSet<&String>, HashSet<&String>) =
            (old.iter().collect(), new.iter().collect());
        let removed: Vec<&String> = old.iter().filter(|o| !in_new.contains(o)).collect();
        let added: Vec<&String> = new.iter().filter(|n| !in_old.contains(n)).collect();
        for r in &removed {
            self.push(
                s,
                Entry {
                    champ: Some(champ),
                    avant: Some(r.to_string()),
                    ..Entry::of(Action::Retrait)
                },
            );
        }
        for a in &added {
            self.push(
                s,
                Entry {
                    champ: Some(champ),
                    apres: Some(a.to_string()),
                    ..Entry::of(Action::Ajout)
                },
            );
        }
        if removed.is_empty() && added.is_empty() && old != new {
            self.push(
                s,
                Entry {
                    champ: Some(champ),
                    avant: Some(old.join(", ")),
                    apres: Some(new.join(", ")),
                    ..Entry::of(Action::Modification)
                },
            );
        }
    }

    /// A long text (préambule, constat, description…).
    pub fn text(&mut self, s: &Subject, champ: &str, old: Option<String>, new: Option<String>) {
        self.value(s, champ, old, new, Shape::Text);
    }
}
