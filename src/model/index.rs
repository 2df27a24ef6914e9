//! Typed indices into the model's vectors. A reference resolves to an `Idx<Axe>`, an
//! `Idx<Party>`…, and only a vector of that kind accepts it (`model.axes[idx]`): indexing the
//! parties with a fiche's index does not compile.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::marker::PhantomData;
use std::ops::{Index, IndexMut};

/// The place of an element of kind `K` in the model's vector of `K`s.
///
/// A fiche's index reads the fiches, and only them:
///
/// ```
/// # use ctgc::compile::{Options, analyse_file};
/// let source = "axe a \"A\"\nfiche f \"F\" {\n  axe a\n}\n";
/// let model = analyse_file("c.ctg", source.as_bytes(), Options::default()).unwrap().model;
/// let axe = model.fiches[0].axe.as_ref().and_then(|r| r.target).unwrap();
/// assert_eq!(model.axes[axe].id.name, "a");
/// ```
///
/// ```compile_fail
/// # use ctgc::compile::{Options, analyse_file};
/// let source = "axe a \"A\"\nfiche f \"F\" {\n  axe a\n}\n";
/// let model = analyse_file("c.ctg", source.as_bytes(), Options::default()).unwrap().model;
/// let axe = model.fiches[0].axe.as_ref().and_then(|r| r.target).unwrap();
/// let _ = &model.fiches[axe];
/// ```
pub struct Idx<K> {
    raw: usize,
    kind: PhantomData<fn() -> K>,
}

impl<K> Idx<K> {
    /// Only the phases that build the model's vectors make indices.
    pub(crate) fn new(raw: usize) -> Self {
        Idx {
            raw,
            kind: PhantomData,
        }
    }

    /// The position in the vector, for ranks and sorting.
    pub(crate) fn index(self) -> usize {
        self.raw
    }

    /// Every element of a vector with its typed index.
    pub(crate) fn enumerate(items: &[K]) -> impl Iterator<Item = (Idx<K>, &K)> {
        items.iter().enumerate().map(|(i, k)| (Idx::new(i), k))
    }
}

// Written out rather than derived: a derive would ask the same of `K`, which is only a marker.
impl<K> Clone for Idx<K> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<K> Copy for Idx<K> {}
impl<K> PartialEq for Idx<K> {
    fn eq(&self, other: &Self) -> bool {
        self.raw == other.raw
    }
}
impl<K> Eq for Idx<K> {}
impl<K> PartialOrd for Idx<K> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl<K> Ord for Idx<K> {
    fn cmp(&self, other: &Self) -> Ordering {
        self.raw.cmp(&other.raw)
    }
}
impl<K> Hash for Idx<K> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.raw.hash(state);
    }
}
impl<K> fmt::Debug for Idx<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.raw)
    }
}

/// What `après` names: an article of the convention or one of the article model, numbered
/// through `Model::articles` then `Model::default_articles`. Two vectors, so no accessor.
#[derive(Debug, Clone)]
pub enum AnyArticle {}

// Only a vector (or a slice) of `K`s takes an `Idx<K>`: `model.axes[fiche_idx]` does not compile.
impl<K> Index<Idx<K>> for [K] {
    type Output = K;
    fn index(&self, idx: Idx<K>) -> &K {
        &self[idx.raw]
    }
}

impl<K> Index<Idx<K>> for Vec<K> {
    type Output = K;
    fn index(&self, idx: Idx<K>) -> &K {
        &self[idx.raw]
    }
}

impl<K> IndexMut<Idx<K>> for Vec<K> {
    fn index_mut(&mut self, idx: Idx<K>) -> &mut K {
        &mut self[idx.raw]
    }
}
