//! Pairing the elements of two versions by identifier, and comparing each kind of element
//! through one small trait: its name in the report, what it shows when added or removed, the
//! fields it compares. The identifier is given where its lists are paired.
//!
//! The pairing reads every identifier once and looks it up in a map, so comparing two
//! conventions costs time in proportion to their size (a linear search per element made it grow
//! with the square of the number of fiches).

use std::collections::HashMap;
use std::hash::Hash;

use super::record::{Fields, Recorder, Subject};
use crate::model::Model;
use crate::project::Labels;

/// One element, in one version or both, by its positions in their lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pair {
    /// Only in the new version.
    Added(usize),
    /// In both versions: the old position, then the new one.
    Both(usize, usize),
    /// Only in the old version.
    Removed(usize),
}

/// The elements of two versions paired by `id`, in the order of the report: the new version's
/// elements in their order (each `Added` or `Both`), then the old elements whose identifier the
/// new version lacks, in their order. An identifier written twice (a version with errors) pairs
/// with its first occurrence in the old version. `id` is called once per element, and the
/// identifiers are compared about once per element (through a map).
pub(crate) fn pairs<'a, T, K: Eq + Hash>(
    old: &'a [T],
    new: &'a [T],
    id: impl Fn(&'a T) -> K,
) -> Vec<Pair> {
    // Where each identifier first stands in the old version, and for each old element, the first
    // element with its identifier.
    let mut first: HashMap<K, usize> = HashMap::with_capacity(old.len());
    let firsts: Vec<usize> = (old.iter().enumerate())
        .map(|(i, o)| *first.entry(id(o)).or_insert(i))
        .collect();
    // The first occurrences whose identifier the new version has.
    let mut kept = vec![false; old.len()];
    let mut out = Vec::with_capacity(old.len().max(new.len()));
    for (j, n) in new.iter().enumerate() {
        out.push(match first.get(&id(n)) {
            Some(&i) => {
                kept[i] = true;
                Pair::Both(i, j)
            }
            None => Pair::Added(j),
        });
    }
    out.extend(
        (0..old.len())
            .filter(|&i| !kept[firsts[i]])
            .map(Pair::Removed),
    );
    out
}

/// Where an element stands: its version, its position in its list, and the words of the new
/// version (the report names both versions' elements with them).
#[derive(Clone, Copy)]
pub(crate) struct At<'a> {
    pub model: &'a Model,
    pub index: usize,
    pub words: &'a Labels,
}

/// One kind of element compared by identifier.
pub(crate) trait Paired: Sized {
    /// The element as the report names it.
    fn subject(&self, at: At) -> Subject;
    /// What the report shows beside a new element's name.
    fn added(&self, _at: At) -> Option<String> {
        None
    }
    /// What the report shows beside a removed element's name.
    fn removed(&self, _at: At) -> Option<String> {
        None
    }
    /// The money the element brings, in cents: an element added or removed changes the totals
    /// by that much.
    fn money(&self) -> i64 {
        0
    }
    /// Records the changes of an element present in both versions, field by field; `at` is
    /// where it stands in the old version, then in the new one.
    fn fields(f: &mut Fields<Self>, at: [At; 2]);
}

/// One version's list of one kind of element.
pub(crate) struct Version<'a, T> {
    pub model: &'a Model,
    pub list: &'a [T],
}

// Not derived: a derived `Copy` would ask `T: Copy`.
impl<T> Clone for Version<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Version<'_, T> {}

/// Records the changes between two versions' lists of one kind (`list` finds it in a
/// version), paired by `id`, in the order of `pairs`.
pub(crate) fn compare<T: Paired>(
    old: &Model,
    new: &Model,
    list: fn(&Model) -> &[T],
    id: fn(&T) -> &str,
    r: &mut Recorder,
) {
    let version = |model| Version {
        model,
        list: list(model),
    };
    let (old, new) = (version(old), version(new));
    compare_pairs(old, new, &pairs(old.list, new.list, id), r);
}

/// Records the changes of pairs already made (and perhaps reordered or completed).
pub(crate) fn compare_pairs<'a, T: Paired>(
    old: Version<'a, T>,
    new: Version<'a, T>,
    pairs: &[Pair],
    r: &mut Recorder,
) {
    let words = &new.model.config.libelles;
    let at = |v: Version<'a, T>, index| At {
        model: v.model,
        index,
        words,
    };
    let nonzero = |cents: i64| (cents != 0).then_some(cents);
    for &p in pairs {
        match p {
            Pair::Both(i, j) => {
                let ats = [at(old, i), at(new, j)];
                let subject = new.list[j].subject(ats[1]);
                let mut f = Fields {
                    old: &old.list[i],
                    new: &new.list[j],
                    subject: &subject,
                    r,
                };
                T::fields(&mut f, ats);
            }
            Pair::Added(j) => {
                let (n, a) = (&new.list[j], at(new, j));
                r.element(&n.subject(a), true, n.added(a), nonzero(n.money()));
            }
            Pair::Removed(i) => {
                let (o, a) = (&old.list[i], at(old, i));
                r.element(&o.subject(a), false, o.removed(a), nonzero(-o.money()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;
    use std::hash::{Hash, Hasher};

    use super::*;

    fn show(old: &[&str], new: &[&str]) -> String {
        pairs(old, new, |s| s)
            .iter()
            .map(|p| match *p {
                Pair::Added(j) => format!("+{}", new[j]),
                Pair::Both(i, j) => format!("{}={}", i, j),
                Pair::Removed(i) => format!("-{}", old[i]),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn new_order_first_then_the_removed_in_old_order() {
        assert_eq!(show(&["a", "b", "c"], &["c", "x", "a"]), "2=0 +x 0=2 -b");
        assert_eq!(show(&[], &["a"]), "+a");
        assert_eq!(show(&["a", "b"], &[]), "-a -b");
    }

    #[test]
    fn a_repeated_identifier_pairs_with_its_first_old_occurrence() {
        // Both old `a` are kept (the identifier is still there); both new `a` pair with the first.
        assert_eq!(show(&["a", "b", "a"], &["a", "a"]), "0=0 0=1 -b");
    }

    /// An identifier that counts how often it is compared.
    struct Counted<'c> {
        id: &'c str,
        comparisons: &'c Cell<usize>,
    }

    impl PartialEq for Counted<'_> {
        fn eq(&self, other: &Self) -> bool {
            self.comparisons.set(self.comparisons.get() + 1);
            self.id == other.id
        }
    }

    impl Eq for Counted<'_> {}

    impl Hash for Counted<'_> {
        fn hash<H: Hasher>(&self, h: &mut H) {
            self.id.hash(h);
        }
    }

    /// Linear, not timed: pairing 20 000 identifiers against 20 000 others, half of them common
    /// and in another order, reads each identifier once and compares identifiers a few times per
    /// element. A search through the other list for each element would compare them about
    /// 300 million times.
    #[test]
    fn pairing_compares_each_identifier_a_few_times() {
        let n = 20_000;
        let old: Vec<String> = (0..n).map(|i| format!("f{i:05}")).collect();
        let new: Vec<String> = (0..n)
            .rev()
            .map(|i| format!("{}{i:05}", if i % 2 == 0 { 'f' } else { 'g' }))
            .collect();
        let (reads, comparisons) = (Cell::new(0), Cell::new(0));
        let found = pairs(&old, &new, |s| {
            reads.set(reads.get() + 1);
            Counted {
                id: s,
                comparisons: &comparisons,
            }
        });
        assert_eq!(reads.get(), 2 * n);
        assert!(
            comparisons.get() <= 3 * n,
            "{} comparisons of identifiers for {n} elements",
            comparisons.get()
        );
        let count = |f: fn(&Pair) -> bool| found.iter().filter(|p| f(p)).count();
        assert_eq!(count(|p| matches!(p, Pair::Both(..))), n / 2);
        assert_eq!(count(|p| matches!(p, Pair::Added(_))), n / 2);
        assert_eq!(count(|p| matches!(p, Pair::Removed(_))), n / 2);
        for p in &found {
            if let Pair::Both(i, j) = *p {
                assert_eq!(old[i], new[j]);
            }
        }
    }
}
