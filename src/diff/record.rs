//! Recording changes field by field: single values, ordered lists, unordered sets.

use std::collections::HashSet;
use std::fmt::Display;
use std::hash::Hash;

use super::sequence::{Edit, edits};
use super::{Action, Change, Element, Shape};

/// The element the next changes are about.
pub(crate) struct Subject {
    pub element: Element,
    pub id: String,
    pub libelle: String,
}

impl Subject {
    pub(crate) fn new(element: Element, id: &str, libelle: String) -> Self {
        Subject {
            element,
            id: id.to_string(),
            libelle,
        }
    }
}

#[derive(Default)]
pub(crate) struct Recorder {
    pub changes: Vec<Change>,
}

/// A change about to be recorded.
pub(crate) struct Entry<'a> {
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
    pub(crate) fn of(action: Action) -> Self {
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
    pub(crate) fn push(&mut self, s: &Subject, e: Entry) {
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
    pub(crate) fn element(
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

    /// A single-valued field; nothing when equal. Values are compared as read and written out
    /// only when they differ (most fields of most elements do not).
    pub(crate) fn value<V: PartialEq + Display>(
        &mut self,
        s: &Subject,
        champ: &str,
        old: Option<V>,
        new: Option<V>,
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
                avant: old.map(|v| v.to_string()),
                apres: new.map(|v| v.to_string()),
                shape,
                ..Entry::of(action)
            },
        );
    }

    /// A field whose change has its own name (renumbering, renaming).
    pub(crate) fn renamed(
        &mut self,
        s: &Subject,
        action: Action,
        champ: &str,
        old: &str,
        new: &str,
    ) {
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
    pub(crate) fn list<V: PartialEq + Display>(
        &mut self,
        s: &Subject,
        champ: &str,
        old: &[V],
        new: &[V],
        shape: Shape,
    ) {
        if old == new {
            return;
        }
        for e in edits(old, new) {
            let (action, avant, apres) = match e {
                Edit::Same(_) => continue,
                Edit::Removed(a) => (Action::Retrait, Some(a.to_string()), None),
                Edit::Added(b) => (Action::Ajout, None, Some(b.to_string())),
                Edit::Changed(a, b) => (
                    Action::Modification,
                    Some(a.to_string()),
                    Some(b.to_string()),
                ),
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

    /// A list of references whose order does not matter much (partenaires, champs…): items
    /// added and removed; a mere reordering is one change showing both lists.
    pub(crate) fn set<V: Eq + Hash + Display>(
        &mut self,
        s: &Subject,
        champ: &str,
        old: &[V],
        new: &[V],
    ) {
        if old == new {
            // The usual case, settled before any set is built.
            return;
        }
        let (in_old, in_new): (HashSet<&V>, HashSet<&V>) =
            (old.iter().collect(), new.iter().collect());
        let removed: Vec<&V> = old.iter().filter(|o| !in_new.contains(o)).collect();
        let added: Vec<&V> = new.iter().filter(|n| !in_old.contains(n)).collect();
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
            let join = |l: &[V]| l.iter().map(V::to_string).collect::<Vec<_>>().join(", ");
            self.push(
                s,
                Entry {
                    champ: Some(champ),
                    avant: Some(join(old)),
                    apres: Some(join(new)),
                    ..Entry::of(Action::Modification)
                },
            );
        }
    }
}

/// One element in both versions, compared field by field: each field is read from both versions
/// by one getter, and recorded when the two differ.
pub(crate) struct Fields<'a, 'r, T> {
    pub old: &'a T,
    pub new: &'a T,
    pub subject: &'a Subject,
    pub r: &'r mut Recorder,
}

impl<'a, T> Fields<'a, '_, T> {
    /// A single-valued field.
    pub(crate) fn value<V: PartialEq + Display>(
        &mut self,
        champ: &str,
        shape: Shape,
        get: impl Fn(&'a T) -> Option<V>,
    ) {
        let (old, new) = (get(self.old), get(self.new));
        self.r.value(self.subject, champ, old, new, shape);
    }

    /// A long text (préambule, constat, description…).
    pub(crate) fn text(&mut self, champ: &str, get: impl Fn(&'a T) -> Option<&'a str>) {
        self.value(champ, Shape::Text, get);
    }

    /// A title or a name: its change is a renaming.
    pub(crate) fn renaming(&mut self, champ: &str, get: impl Fn(&'a T) -> &'a str) {
        self.renamed(Action::Renommage, champ, get);
    }

    /// The displayed number: its change is a renumbering.
    pub(crate) fn numbering(&mut self, get: impl Fn(&'a T) -> &'a str) {
        self.renamed(Action::Renumerotation, "numéro", get);
    }

    fn renamed(&mut self, action: Action, champ: &str, get: impl Fn(&'a T) -> &'a str) {
        let (old, new) = (get(self.old), get(self.new));
        self.r.renamed(self.subject, action, champ, old, new);
    }

    /// A repeated field whose order matters.
    pub(crate) fn list<V: PartialEq + Display, I: IntoIterator<Item = V>>(
        &mut self,
        champ: &str,
        shape: Shape,
        get: impl Fn(&'a T) -> I,
    ) {
        if let Some((old, new)) = self.both_differ(get) {
            self.r.list(self.subject, champ, &old, &new, shape);
        }
    }

    /// A list of references whose order does not matter much.
    pub(crate) fn set<V: Eq + Hash + Display, I: IntoIterator<Item = V>>(
        &mut self,
        champ: &str,
        get: impl Fn(&'a T) -> I,
    ) {
        if let Some((old, new)) = self.both_differ(get) {
            self.r.set(self.subject, champ, &old, &new);
        }
    }

    /// The items of a repeated field in both versions, gathered only when they differ (they
    /// seldom do).
    fn both_differ<V: PartialEq, I: IntoIterator<Item = V>>(
        &self,
        get: impl Fn(&'a T) -> I,
    ) -> Option<(Vec<V>, Vec<V>)> {
        if get(self.old).into_iter().eq(get(self.new)) {
            return None;
        }
        let gather = |x| get(x).into_iter().collect();
        Some((gather(self.old), gather(self.new)))
    }
}
