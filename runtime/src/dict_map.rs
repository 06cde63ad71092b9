//! [`DictMap`]: the insertion-ordered table behind `dict` and `set`, laid
//! out for memory as CPython's compact dict is.
//!
//! The entries (each a key with its hash, and a value: 40 bytes) sit in one
//! array in insertion order. A map of up to [`SMALL`] entries has nothing
//! else: a lookup scans the entries comparing stored hashes (the keys of
//! equal hash are then compared), which for so few entries costs no more
//! than probing a table, and saves a second allocation per small dict (most
//! dicts are small: keyword arguments, instance-like records, displays).
//! Past [`SMALL`] entries a hash index (entry positions in a `hashbrown`
//! table, keyed by the stored hashes) is built and kept up to date; it stays
//! while the map has entries, even if removals bring it back under
//! [`SMALL`].
//!
//! The hash of each key is computed once, before the owner's lock is taken
//! (see [`crate::dict`]), and stored only in the entry: the index table
//! holds positions and asks the entries for hashes when it grows.
//!
//! The API is the part of `indexmap`'s that the runtime uses (positions are
//! stable under insertion; `shift_remove_index` keeps the order,
//! `swap_remove_index` moves the last entry into the gap).

use crate::dict::{DictKey, PassThroughHasher};
use crate::object::Value;
use crate::strategy::LockStrategy;
use hashbrown::HashTable;
use std::hash::{Hash, Hasher};

/// The most entries a map holds without a hash index.
pub const SMALL: usize = 8;

/// A probe key for [`DictMap`] lookups: its hash is the stored hash it
/// looks for (written by `Hash` as a single `u64`), and `equivalent` decides
/// a stored key of that hash.
pub trait Equivalent<K: ?Sized> {
    fn equivalent(&self, key: &K) -> bool;
}

impl<S: LockStrategy> Equivalent<DictKey<S>> for DictKey<S> {
    fn equivalent(&self, key: &DictKey<S>) -> bool {
        self == key
    }
}

/// The precomputed hash a probe carries.
fn hash_of_probe<Q: ?Sized + Hash>(q: &Q) -> u64 {
    let mut h = PassThroughHasher::default();
    q.hash(&mut h);
    h.finish()
}

/// An insertion-ordered map from hashed keys to values (see the module
/// documentation).
pub struct DictMap<S: LockStrategy> {
    entries: Vec<(DictKey<S>, Value<S>)>,
    /// Positions in `entries`, by hash; empty while the map is small (and
    /// then never used), else holding every position.
    index: HashTable<usize>,
}

impl<S: LockStrategy> Default for DictMap<S> {
    fn default() -> Self {
        Self::new()
    }
}

impl<S: LockStrategy> DictMap<S> {
    pub fn new() -> Self {
        DictMap {
            entries: Vec::new(),
            index: HashTable::new(),
        }
    }

    /// An empty map with room for exactly `n` entries (and their index,
    /// when `n` is past [`SMALL`]).
    pub fn with_capacity(n: usize) -> Self {
        DictMap {
            entries: Vec::with_capacity(n),
            index: if n > SMALL {
                HashTable::with_capacity(n)
            } else {
                HashTable::new()
            },
        }
    }

    #[inline]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Whether the hash index is in use.
    #[inline(always)]
    fn indexed(&self) -> bool {
        !self.index.is_empty()
    }

    /// The position of the stored key of hash `hash` that `eq` accepts;
    /// `eq` sees only stored keys of that hash.
    #[inline]
    pub fn find_hashed(&self, hash: u64, mut eq: impl FnMut(&DictKey<S>) -> bool) -> Option<usize> {
        if !self.indexed() {
            return self
                .entries
                .iter()
                .position(|(k, _)| k.hash == hash && eq(k));
        }
        let entries = &self.entries;
        self.index
            .find(hash, |&i| {
                let k = &entries[i].0;
                k.hash == hash && eq(k)
            })
            .copied()
    }

    /// The position of the stored key equivalent to `q`.
    #[inline]
    pub fn get_index_of<Q: ?Sized + Hash + Equivalent<DictKey<S>>>(&self, q: &Q) -> Option<usize> {
        self.find_hashed(hash_of_probe(q), |k| q.equivalent(k))
    }

    pub fn contains_key<Q: ?Sized + Hash + Equivalent<DictKey<S>>>(&self, q: &Q) -> bool {
        self.get_index_of(q).is_some()
    }

    pub fn get<Q: ?Sized + Hash + Equivalent<DictKey<S>>>(&self, q: &Q) -> Option<&Value<S>> {
        self.get_index_of(q).map(|i| &self.entries[i].1)
    }

    #[inline]
    pub fn get_index(&self, i: usize) -> Option<(&DictKey<S>, &Value<S>)> {
        self.entries.get(i).map(|(k, v)| (k, v))
    }

    pub fn get_index_mut(&mut self, i: usize) -> Option<(&DictKey<S>, &mut Value<S>)> {
        self.entries.get_mut(i).map(|(k, v)| (&*k, v))
    }

    /// Appends a key that the caller found absent; its position.
    pub fn insert_new(&mut self, key: DictKey<S>, value: Value<S>) -> usize {
        let i = self.entries.len();
        let hash = key.hash;
        self.entries.push((key, value));
        if self.indexed() {
            let entries = &self.entries;
            self.index.insert_unique(hash, i, |&j| entries[j].0.hash);
        } else if self.entries.len() > SMALL {
            self.build_index();
        }
        i
    }

    /// Indexes every entry (the map grew past [`SMALL`]).
    #[cold]
    fn build_index(&mut self) {
        let entries = &self.entries;
        let mut index = std::mem::take(&mut self.index);
        index.clear();
        index.reserve(entries.len(), |&j| entries[j].0.hash);
        for (i, (k, _)) in entries.iter().enumerate() {
            index.insert_unique(k.hash, i, |&j| entries[j].0.hash);
        }
        self.index = index;
    }

    /// Inserts or replaces (keys compared without running code, as
    /// `DictKey`'s `==`): the replaced value.
    pub fn insert(&mut self, key: DictKey<S>, value: Value<S>) -> Option<Value<S>> {
        match self.find_hashed(key.hash, |k| *k == key) {
            Some(i) => Some(std::mem::replace(&mut self.entries[i].1, value)),
            None => {
                self.insert_new(key, value);
                None
            }
        }
    }

    /// Removes the index slot of the entry at `i` (indexed maps only).
    fn unindex(&mut self, i: usize) {
        let hash = self.entries[i].0.hash;
        match self.index.find_entry(hash, |&j| j == i) {
            Ok(slot) => {
                slot.remove();
            }
            Err(_) => debug_assert!(false, "an indexed entry without its slot"),
        }
    }

    /// Points the index slot of the entry at `from` to `to`.
    fn reindex(&mut self, from: usize, to: usize) {
        let hash = self.entries[from].0.hash;
        match self.index.find_mut(hash, |&j| j == from) {
            Some(slot) => *slot = to,
            None => debug_assert!(false, "an indexed entry without its slot"),
        }
    }

    /// Removes the entry at `i`, keeping the order of the others.
    pub fn shift_remove_index(&mut self, i: usize) -> Option<(DictKey<S>, Value<S>)> {
        let len = self.entries.len();
        if i >= len {
            return None;
        }
        if self.indexed() {
            self.unindex(i);
            let moved = len - 1 - i;
            if moved < self.index.num_buckets() / 2 {
                for j in i + 1..len {
                    self.reindex(j, j - 1);
                }
            } else {
                for j in self.index.iter_mut() {
                    if *j > i {
                        *j -= 1;
                    }
                }
            }
        }
        Some(self.entries.remove(i))
    }

    /// Removes the entry at `i`, moving the last entry into its place.
    pub fn swap_remove_index(&mut self, i: usize) -> Option<(DictKey<S>, Value<S>)> {
        let len = self.entries.len();
        if i >= len {
            return None;
        }
        if self.indexed() {
            self.unindex(i);
            if i != len - 1 {
                self.reindex(len - 1, i);
            }
        }
        Some(self.entries.swap_remove(i))
    }

    /// Removes the last entry.
    pub fn pop(&mut self) -> Option<(DictKey<S>, Value<S>)> {
        let last = self.entries.len().checked_sub(1)?;
        self.shift_remove_index(last)
    }

    /// Removes every entry (the entry array keeps its room, as
    /// `indexmap`'s `clear` did).
    pub fn clear(&mut self) {
        self.entries.clear();
        self.index = HashTable::new();
    }

    pub fn iter(
        &self,
    ) -> impl DoubleEndedIterator<Item = (&DictKey<S>, &Value<S>)> + ExactSizeIterator {
        self.entries.iter().map(|(k, v)| (k, v))
    }

    pub fn iter_mut(
        &mut self,
    ) -> impl DoubleEndedIterator<Item = (&DictKey<S>, &mut Value<S>)> + ExactSizeIterator {
        self.entries.iter_mut().map(|(k, v)| (&*k, v))
    }

    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &DictKey<S>> + ExactSizeIterator {
        self.entries.iter().map(|(k, _)| k)
    }

    pub fn values(&self) -> impl DoubleEndedIterator<Item = &Value<S>> + ExactSizeIterator {
        self.entries.iter().map(|(_, v)| v)
    }

    pub fn values_mut(
        &mut self,
    ) -> impl DoubleEndedIterator<Item = &mut Value<S>> + ExactSizeIterator {
        self.entries.iter_mut().map(|(_, v)| v)
    }

    /// Makes room for `additional` more entries.
    pub fn reserve(&mut self, additional: usize) {
        self.entries.reserve(additional);
        if self.indexed() {
            let entries = &self.entries;
            self.index.reserve(additional, |&j| entries[j].0.hash);
        }
    }
}

impl<S: LockStrategy> std::ops::Index<usize> for DictMap<S> {
    type Output = Value<S>;
    fn index(&self, i: usize) -> &Value<S> {
        &self.entries[i].1
    }
}

impl<S: LockStrategy> std::ops::IndexMut<usize> for DictMap<S> {
    fn index_mut(&mut self, i: usize) -> &mut Value<S> {
        &mut self.entries[i].1
    }
}

impl<S: LockStrategy> FromIterator<(DictKey<S>, Value<S>)> for DictMap<S> {
    fn from_iter<I: IntoIterator<Item = (DictKey<S>, Value<S>)>>(iter: I) -> Self {
        let iter = iter.into_iter();
        let mut map = DictMap::with_capacity(iter.size_hint().0);
        for (k, v) in iter {
            map.insert(k, v);
        }
        map
    }
}

impl<S: LockStrategy> IntoIterator for DictMap<S> {
    type Item = (DictKey<S>, Value<S>);
    type IntoIter = std::vec::IntoIter<(DictKey<S>, Value<S>)>;
    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter()
    }
}
