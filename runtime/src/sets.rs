//! `set` and `frozenset`: constructors, operators and methods. The elements
//! are the keys of a map (values unused), hashed and compared as dict keys
//! are; beside the map a slot table laid out as CPython lays out its set
//! table (same hashes for numbers, same probe sequence, dummies, resizes
//! and merges) gives the iteration order, so sets print as CPython's do.

use crate::builtins::arity;
use crate::code::BinOp;
use crate::dict::{new_map, AsMap, DictKey, DictMap, MapAccess};
use crate::object::{Header, NativeFn, ObjCell, ObjRef, Payload, TypeKind, Value};
use crate::ops;
use crate::strategy::LockStrategy;
use crate::vm::{key_of, Args, PyErr, PyResult, Vm};

const EMPTY: u32 = 0;
const DUMMY: u32 = 1;
const MIN_SIZE: usize = 8;
const LINEAR_PROBES: usize = 9;
const PERTURB_SHIFT: u32 = 5;

/// The elements of a set: a map for lookups and CPython's slot table for
/// the order. A slot is EMPTY, DUMMY (a removed element) or 2 + the index
/// of an element in the map. The map's value for a key is its slot hash.
pub struct SetItems<S: LockStrategy> {
    map: DictMap<S>,
    /// Empty until the first element (then CPython's minimum size).
    table: Vec<u32>,
    /// Slots that are not EMPTY.
    fill: usize,
    /// Where the next `pop` starts looking.
    finger: usize,
}

impl<S: LockStrategy> Default for SetItems<S> {
    fn default() -> Self {
        SetItems {
            map: new_map(),
            table: Vec::new(),
            fill: 0,
            finger: 0,
        }
    }
}

impl<S: LockStrategy> std::ops::Deref for SetItems<S> {
    type Target = DictMap<S>;
    fn deref(&self) -> &DictMap<S> {
        &self.map
    }
}

impl<S: LockStrategy> AsMap<S> for SetItems<S> {
    fn as_map(&self) -> &DictMap<S> {
        &self.map
    }
}

/// CPython's hash of a key where it is known without running code (ints,
/// bools, floats, tuples of those); the dict hash otherwise.
fn slot_hash<S: LockStrategy>(k: &DictKey<S>) -> u64 {
    cpython_hash(&k.key).unwrap_or(k.hash)
}

/// CPython's `hash(v)` for numbers and tuples of them (the tuple hash is
/// CPython 3.11's xxHash-style combination); None for other values.
pub fn cpython_hash<S: LockStrategy>(v: &Value<S>) -> Option<u64> {
    use crate::types::float::float_hash;
    use crate::types::int::{reduce_hash_big, reduce_hash_i64};
    const PRIME_1: u64 = 11400714785074694791;
    const PRIME_2: u64 = 14029467366897019727;
    const PRIME_5: u64 = 2870177450012600261;
    Some(match v {
        Value::Int(i) => reduce_hash_i64(*i) as u64,
        Value::Bool(b) => *b as u64,
        Value::Float(f) => float_hash(*f) as u64,
        Value::Obj(o) => match o.payload() {
            Payload::BigInt(b) => reduce_hash_big(b) as u64,
            Payload::Tuple(items) => {
                let mut acc = PRIME_5;
                for item in items.iter() {
                    let lane = cpython_hash(item)?;
                    acc = acc.wrapping_add(lane.wrapping_mul(PRIME_2));
                    acc = acc.rotate_left(31);
                    acc = acc.wrapping_mul(PRIME_1);
                }
                acc = acc.wrapping_add(items.len() as u64 ^ (PRIME_5 ^ 3527539));
                if acc == u64::MAX {
                    1546275796
                } else {
                    acc
                }
            }
            _ => return None,
        },
        Value::None => return None,
    })
}

/// Walks CPython's probe sequence for `hash` until `stop` accepts a slot.
fn probe(table: &[u32], hash: u64, mut stop: impl FnMut(usize, u32) -> bool) -> usize {
    let mask = table.len() - 1;
    let mut i = hash as usize & mask;
    let mut perturb = hash;
    loop {
        let probes = if i + LINEAR_PROBES <= mask {
            LINEAR_PROBES
        } else {
            0
        };
        for (j, &slot) in table.iter().enumerate().skip(i).take(probes + 1) {
            if stop(j, slot) {
                return j;
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = i
            .wrapping_mul(5)
            .wrapping_add(1)
            .wrapping_add(perturb as usize)
            & mask;
    }
}

/// A set's elements in slot order, with where each sits.
pub struct Snapshot<S: LockStrategy> {
    entries: Vec<(usize, DictKey<S>, u64)>,
    size: usize,
    clean: bool,
}

impl<S: LockStrategy> SetItems<S> {
    fn mask(&self) -> usize {
        self.table.len().max(MIN_SIZE) - 1
    }

    fn hash_at(&self, index: usize) -> u64 {
        match self.map.get_index(index) {
            Some((_, Value::Int(h))) => *h as u64,
            _ => 0,
        }
    }

    /// The elements in CPython's iteration order.
    /// The elements' map (element → unused value), for the collector.
    pub(crate) fn map(&self) -> &DictMap<S> {
        &self.map
    }

    pub fn ordered(&self) -> impl Iterator<Item = &DictKey<S>> {
        self.table
            .iter()
            .filter(|&&s| s >= 2)
            .filter_map(|&s| self.map.get_index(s as usize - 2).map(|(k, _)| k))
    }

    fn snapshot(&self) -> Snapshot<S> {
        let entries = self
            .table
            .iter()
            .enumerate()
            .filter(|(_, &s)| s >= 2)
            .map(|(j, &s)| {
                let (k, _) = self.map.get_index(s as usize - 2).expect("slot");
                let k = DictKey {
                    hash: k.hash,
                    key: k.key.clone(),
                };
                (j, k, self.hash_at(s as usize - 2))
            })
            .collect();
        Snapshot {
            entries,
            size: self.table.len().max(MIN_SIZE),
            clean: self.fill == self.map.len(),
        }
    }

    /// A copy: the same elements in the same slots.
    fn duplicate(&self) -> Self {
        SetItems {
            map: self
                .map
                .iter()
                .map(|(k, v)| {
                    let k = DictKey {
                        hash: k.hash,
                        key: k.key.clone(),
                    };
                    (k, v.clone())
                })
                .collect(),
            table: self.table.clone(),
            fill: self.fill,
            finger: self.finger,
        }
    }

    /// Whether every element is plain (see [`crate::atomic::is_plain`]).
    fn all_plain(&self) -> bool {
        self.map.keys().all(|k| crate::atomic::is_plain(&k.key))
    }

    /// Adds a key known to be absent (CPython's `set_add_entry`).
    fn add_new(&mut self, k: DictKey<S>) {
        let h = slot_hash(&k);
        self.add_hashed(k, h);
    }

    fn add_hashed(&mut self, k: DictKey<S>, h: u64) {
        if self.table.is_empty() {
            self.table = vec![EMPTY; MIN_SIZE];
        }
        let index = self.map.len() as u32 + 2;
        self.map.insert_new(k, Value::Int(h as i64));
        let mut free = None;
        let j = probe(&self.table, h, |j, s| {
            // CPython 3.11 keeps the last dummy on the way to an empty slot.
            if s == DUMMY {
                free = Some(j);
            }
            s == EMPTY
        });
        match free {
            Some(f) => self.table[f] = index,
            None => {
                self.table[j] = index;
                self.fill += 1;
                if self.fill * 5 >= self.mask() * 3 {
                    let used = self.map.len();
                    self.resize(if used > 50000 { used * 2 } else { used * 4 });
                }
            }
        }
    }

    /// CPython's `set_table_resize`: a new table, the smallest power of
    /// two above `min_used`, filled in old-table order.
    fn resize(&mut self, min_used: usize) {
        let mut size = MIN_SIZE;
        while size <= min_used {
            size <<= 1;
        }
        let old = std::mem::replace(&mut self.table, vec![EMPTY; size]);
        for s in old {
            if s >= 2 {
                let h = self.hash_at(s as usize - 2);
                let j = probe(&self.table, h, |_, t| t == EMPTY);
                self.table[j] = s;
            }
        }
        self.fill = self.map.len();
    }

    /// Removes the element in slot `j`, leaving a dummy.
    fn take_slot(&mut self, j: usize) -> Option<DictKey<S>> {
        let index = self.table[j] as usize - 2;
        self.table[j] = DUMMY;
        let last = self.map.len() - 1;
        if index != last {
            let h = self.hash_at(last);
            let target = last as u32 + 2;
            let jl = probe(&self.table, h, |_, s| s == target);
            self.table[jl] = index as u32 + 2;
        }
        self.map.swap_remove_index(index).map(|(k, _)| k)
    }

    /// Removes the element at map index `index`.
    fn remove_index(&mut self, index: usize) -> Option<DictKey<S>> {
        let h = self.hash_at(index);
        let target = index as u32 + 2;
        let j = probe(&self.table, h, |_, s| s == target);
        self.take_slot(j)
    }

    /// CPython's `set.pop`: the first element from the finger on.
    fn pop(&mut self) -> Option<DictKey<S>> {
        if self.map.is_empty() {
            return None;
        }
        let mask = self.table.len() - 1;
        let mut j = self.finger & mask;
        while self.table[j] < 2 {
            j = (j + 1) & mask;
        }
        self.finger = j + 1;
        self.take_slot(j)
    }

    /// The part of CPython's `set_merge` that needs no comparisons: the
    /// resize for the incoming elements, and the whole merge when this set
    /// is empty. Returns whether the merge is done.
    fn merge_start(&mut self, other: &Snapshot<S>) -> bool {
        if other.entries.is_empty() {
            return true;
        }
        if (self.fill + other.entries.len()) * 5 >= self.mask() * 3 {
            self.resize((self.map.len() + other.entries.len()) * 2);
        }
        if self.fill != 0 {
            return false;
        }
        if self.table.is_empty() {
            self.table = vec![EMPTY; MIN_SIZE];
        }
        let direct = self.table.len() == other.size && other.clean;
        for (j, k, h) in &other.entries {
            let index = self.map.len() as u32 + 2;
            self.map.insert_new(
                DictKey {
                    hash: k.hash,
                    key: k.key.clone(),
                },
                Value::Int(*h as i64),
            );
            let at = if direct {
                *j
            } else {
                probe(&self.table, *h, |_, t| t == EMPTY)
            };
            self.table[at] = index;
        }
        self.fill = self.map.len();
        true
    }
}

/// A set's elements under its lock.
struct SetLocked<'a, S: LockStrategy> {
    cell: &'a ObjCell<SetItems<S>>,
    header: &'a Header,
}

impl<S: LockStrategy> MapAccess<S> for SetLocked<'_, S> {
    type Target = SetItems<S>;
    fn with_map<R>(&mut self, f: impl FnOnce(&mut SetItems<S>) -> R) -> R {
        self.cell.with::<S, _>(self.header, f)
    }
}

/// A set's elements that no other thread and no Python code can reach.
struct SetUnshared<'a, S: LockStrategy>(&'a mut SetItems<S>);

impl<S: LockStrategy> MapAccess<S> for SetUnshared<'_, S> {
    type Target = SetItems<S>;
    fn with_map<R>(&mut self, f: impl FnOnce(&mut SetItems<S>) -> R) -> R {
        f(self.0)
    }
}

/// Adds a key unless an equal one is there; whether it was added.
fn add_key<S: LockStrategy, A: MapAccess<S, Target = SetItems<S>>>(
    vm: &mut Vm<S>,
    access: &mut A,
    k: DictKey<S>,
) -> PyResult<S, bool> {
    crate::dict::find(vm, access, k, |m, found, k| match found {
        Some(_) => false,
        None => {
            m.add_new(k);
            true
        }
    })
}

/// Removes a key; the stored key, to be dropped after the lock is released.
fn discard_key<S: LockStrategy, A: MapAccess<S, Target = SetItems<S>>>(
    vm: &mut Vm<S>,
    access: &mut A,
    k: DictKey<S>,
) -> PyResult<S, Option<DictKey<S>>> {
    crate::dict::find(vm, access, k, |m, found, _| {
        found.and_then(|i| m.remove_index(i))
    })
}

/// Merges a set's snapshot (CPython's `set_merge`).
fn merge<S: LockStrategy, A: MapAccess<S, Target = SetItems<S>>>(
    vm: &mut Vm<S>,
    access: &mut A,
    other: Snapshot<S>,
) -> PyResult<S, ()> {
    if access.with_map(|m| m.merge_start(&other)) {
        return Ok(());
    }
    for (_, k, _) in other.entries {
        add_key(vm, access, k)?;
    }
    Ok(())
}

fn snapshot_of<S: LockStrategy>(v: &Value<S>) -> Option<Snapshot<S>> {
    let o = v.obj()?;
    match o.payload() {
        Payload::Set { items, .. } => Some(items.with::<S, _>(&o.header, |m| m.snapshot())),
        _ => None,
    }
}

/// A set value's object and elements.
fn set_cell<S: LockStrategy>(v: &Value<S>) -> Option<(&ObjRef<S>, &ObjCell<SetItems<S>>)> {
    let o = v.obj()?;
    match o.payload() {
        Payload::Set { items, .. } => Some((o, items)),
        _ => None,
    }
}

/// Private copies of two sets taken at one instant (both locks held
/// together, or one when `a` is `b`), for the operations that read both and
/// compare elements (which may run `__eq__`) outside the locks: their result
/// is the one for the two sets as they were at that instant.
fn pair_copies<S: LockStrategy>(a: &Value<S>, b: &Value<S>) -> Option<(Value<S>, Value<S>)> {
    let ((oa, ca), (ob, cb)) = (set_cell(a)?, set_cell(b)?);
    let (x, y) = crate::atomic::with_two(oa, ca, ob, cb, |m, n| {
        (m.duplicate(), n.map(|n| n.duplicate()))
    });
    let x = new_set(x, is_frozen(a));
    let y = match y {
        Some(y) => new_set(y, is_frozen(b)),
        None => x.clone(),
    };
    Some((x, y))
}

/// What an in-place operation took out of a set, dropped once its locks
/// are released (dropping an element may run `__del__`).
type Removed<S> = (Vec<DictKey<S>>, Option<SetItems<S>>);

/// `s |= t`, `s &= t`, `s -= t`, `s ^= t` with a set `t`, done in one
/// critical section of both sets (CPython's algorithms, element order
/// included) when all their elements are plain; None, with nothing done,
/// when an element may need `__eq__` and the caller must go element by
/// element.
fn inplace_plain<S: LockStrategy>(
    op: BinOp,
    receiver: &Value<S>,
    other: &Value<S>,
) -> Option<Removed<S>> {
    let ((oa, ca), (ob, cb)) = (set_cell(receiver)?, set_cell(other)?);
    crate::atomic::with_two(oa, ca, ob, cb, |m, n| {
        if !m.all_plain() || !n.as_ref().is_none_or(|n| n.all_plain()) {
            return None;
        }
        let mut removed = Vec::new();
        let mut old = None;
        match (op, n) {
            (BinOp::Or, None) => {}
            (BinOp::Or, Some(n)) => {
                let snap = n.snapshot();
                if !m.merge_start(&snap) {
                    for (_, k, _) in snap.entries {
                        if m.map.contains_key(&k) {
                            removed.push(k);
                        } else {
                            m.add_new(k);
                        }
                    }
                }
            }
            (BinOp::And, n) => {
                // CPython's `set_intersection` into a new table (iterating
                // the smaller set), then `set_swap_bodies`.
                let mut out = SetItems::default();
                match n {
                    None => {
                        out.merge_start(&m.snapshot());
                    }
                    Some(n) => {
                        let (small, big): (&SetItems<S>, &SetItems<S>) =
                            if n.map.len() > m.map.len() {
                                (m, n)
                            } else {
                                (n, m)
                            };
                        for k in small.ordered() {
                            if big.map.contains_key(k) {
                                out.add_new(DictKey {
                                    hash: k.hash,
                                    key: k.key.clone(),
                                });
                            }
                        }
                    }
                }
                old = Some(std::mem::replace(m, out));
            }
            (BinOp::Sub | BinOp::Xor, None) => old = Some(std::mem::take(m)),
            (BinOp::Sub, Some(n)) => {
                for k in n.ordered() {
                    if let Some(i) = m.map.get_index_of(k) {
                        removed.extend(m.remove_index(i));
                    }
                }
            }
            (BinOp::Xor, Some(n)) => {
                for k in n.ordered() {
                    match m.map.get_index_of(k) {
                        Some(i) => removed.extend(m.remove_index(i)),
                        None => m.add_new(DictKey {
                            hash: k.hash,
                            key: k.key.clone(),
                        }),
                    }
                }
            }
            _ => return None,
        }
        Some((removed, old))
    })
}

/// `s.update(it)`, `s.intersection_update(it)`, `s.difference_update(it)`
/// with an iterable that is not a set, whose items were read first: when
/// they and the set's elements are all plain, done in one critical section
/// (CPython's order: the items in their order); None, with nothing done,
/// otherwise.
fn inplace_plain_items<S: LockStrategy>(
    vm: &mut Vm<S>,
    op: BinOp,
    receiver: &Value<S>,
    items: &[Value<S>],
) -> PyResult<S, Option<Removed<S>>> {
    if !items.iter().all(crate::atomic::is_plain) {
        return Ok(None);
    }
    let Some((o, cell)) = set_cell(receiver) else {
        return Ok(None);
    };
    // Plain values hash without running code.
    let mut keys = Vec::with_capacity(items.len());
    for item in items {
        keys.push(key_of(vm, item.clone())?);
    }
    Ok(cell.with::<S, _>(&o.header, |m| {
        if !m.all_plain() {
            return None;
        }
        let mut removed = Vec::new();
        let mut old = None;
        match op {
            BinOp::Or => {
                for k in keys {
                    if m.map.contains_key(&k) {
                        removed.push(k);
                    } else {
                        m.add_new(k);
                    }
                }
            }
            BinOp::And => {
                let mut out = SetItems::default();
                for k in keys {
                    if m.map.contains_key(&k) && !out.map.contains_key(&k) {
                        out.add_new(k);
                    } else {
                        removed.push(k);
                    }
                }
                old = Some(std::mem::replace(m, out));
            }
            BinOp::Sub => {
                for k in keys {
                    if let Some(i) = m.map.get_index_of(&k) {
                        removed.extend(m.remove_index(i));
                    }
                    removed.push(k);
                }
            }
            _ => return None,
        }
        Some((removed, old))
    }))
}

/// The items of a method's argument that is not a set, read once: a list
/// of them stands for it on the element-by-element path.
fn read_items<S: LockStrategy>(
    vm: &mut Vm<S>,
    op: BinOp,
    receiver: &Value<S>,
    other: &Value<S>,
) -> PyResult<S, Option<Value<S>>> {
    let items = ops::iterate(vm, other)?;
    match inplace_plain_items(vm, op, receiver, &items)? {
        Some(removed) => {
            drop(removed);
            Ok(None)
        }
        None => Ok(Some(ops::new_list(items))),
    }
}

/// CPython's `set_update_internal`: a set merges, anything else is
/// iterated and added.
fn update_items<S: LockStrategy, A: MapAccess<S, Target = SetItems<S>>>(
    vm: &mut Vm<S>,
    access: &mut A,
    other: &Value<S>,
) -> PyResult<S, ()> {
    if let Some(snap) = snapshot_of(other) {
        return merge(vm, access, snap);
    }
    for item in ops::iterate(vm, other)? {
        let k = key_of(vm, item)?;
        add_key(vm, access, k)?;
    }
    Ok(())
}

/// Builds a set from the values on the stack (`{a, b, c}`). A `folded`
/// display of constants is built as CPython builds it: a frozenset of the
/// values, rebuilt from its own order when the compiler merges constants,
/// then merged into a new set.
pub fn build<S: LockStrategy>(vm: &mut Vm<S>, items: Vec<Value<S>>, folded: bool) -> PyResult<S> {
    let mut m = SetItems::default();
    for item in items {
        let k = key_of(vm, item)?;
        add_key(vm, &mut SetUnshared(&mut m), k)?;
    }
    if folded {
        let mut again = SetItems::default();
        for (_, k, h) in m.snapshot().entries {
            again.add_hashed(k, h);
        }
        let snap = again.snapshot();
        let mut out = SetItems::default();
        merge(vm, &mut SetUnshared(&mut out), snap)?;
        m = out;
    }
    Ok(new_set(m, false))
}

/// `set.add` for a set comprehension's result.
pub fn add_value<S: LockStrategy>(
    vm: &mut Vm<S>,
    set: &Value<S>,
    k: DictKey<S>,
) -> PyResult<S, ()> {
    if let Some(o) = set.obj() {
        if let Payload::Set { items, .. } = o.payload() {
            add_key(
                vm,
                &mut SetLocked {
                    cell: items,
                    header: &o.header,
                },
                k,
            )?;
        }
    }
    Ok(())
}

pub fn new_set<S: LockStrategy>(items: SetItems<S>, frozen: bool) -> Value<S> {
    Value::Obj(ObjRef::new(Payload::Set {
        items: Box::new(ObjCell::new(items)),
        frozen,
    }))
}

/// Whether a value is a set or frozenset.
pub fn is_set<S: LockStrategy>(v: &Value<S>) -> bool {
    matches!(v.payload(), Some(Payload::Set { .. }))
}

/// The elements of a set, in order.
pub fn elements<S: LockStrategy>(v: &Value<S>) -> Vec<Value<S>> {
    match v {
        Value::Obj(o) => match o.payload() {
            Payload::Set { items, .. } => {
                items.with::<S, _>(&o.header, |m| m.ordered().map(|k| k.key.clone()).collect())
            }
            _ => Vec::new(),
        },
        _ => Vec::new(),
    }
}

/// The elements of an iterable as a new set would hold them.
pub fn items_of<S: LockStrategy>(vm: &mut Vm<S>, iterable: &Value<S>) -> PyResult<S, SetItems<S>> {
    let mut m = SetItems::default();
    update_items(vm, &mut SetUnshared(&mut m), iterable)?;
    Ok(m)
}

fn contains_key<S: LockStrategy>(
    vm: &mut Vm<S>,
    set: &Value<S>,
    key: DictKey<S>,
) -> PyResult<S, bool> {
    match set {
        Value::Obj(o) => match o.payload() {
            Payload::Set { items, .. } => crate::dict::find(
                vm,
                &mut SetLocked {
                    cell: items,
                    header: &o.header,
                },
                key,
                |_, found, _| found.is_some(),
            ),
            _ => Ok(false),
        },
        _ => Ok(false),
    }
}

pub fn contains<S: LockStrategy>(
    vm: &mut Vm<S>,
    set: &Value<S>,
    item: &Value<S>,
) -> PyResult<S, bool> {
    let key = key_of(vm, item.clone())?;
    contains_key(vm, set, key)
}

fn is_frozen<S: LockStrategy>(v: &Value<S>) -> bool {
    matches!(v.payload(), Some(Payload::Set { frozen: true, .. }))
}

fn set_len<S: LockStrategy>(v: &Value<S>) -> usize {
    match v.obj().map(|o| (o, o.payload())) {
        Some((o, Payload::Set { items, .. })) => items.with::<S, _>(&o.header, |m| m.map.len()),
        _ => 0,
    }
}

/// `set(iterable)` / `frozenset(iterable)`.
pub fn construct<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>, frozen: bool) -> PyResult<S> {
    let name = if frozen { "frozenset" } else { "set" };
    if !args.kw.is_empty() {
        return Err(vm.type_error(format!("{name}() takes no keyword arguments")));
    }
    arity(vm, name, &args, 0, 1)?;
    let m = match args.pos.first() {
        Some(it) => items_of(vm, it)?,
        None => SetItems::default(),
    };
    Ok(new_set(m, frozen))
}

/// A copy of a set's elements (CPython's `set_copy`).
fn copy_items<S: LockStrategy>(vm: &mut Vm<S>, v: &Value<S>) -> PyResult<S, SetItems<S>> {
    items_of(vm, v)
}

/// `a & other` (CPython's `set_intersection`): iterates the smaller set,
/// or `other` when it is not a set.
fn intersection<S: LockStrategy>(
    vm: &mut Vm<S>,
    a: &Value<S>,
    other: &Value<S>,
) -> PyResult<S, SetItems<S>> {
    let mut out = SetItems::default();
    let (big, small) = if is_set(other) && set_len(other) > set_len(a) {
        (other, a)
    } else {
        (a, other)
    };
    let items = if is_set(small) {
        elements(small)
    } else {
        ops::iterate(vm, small)?
    };
    for e in items {
        let k = key_of(vm, e.clone())?;
        if contains_key(vm, big, k)? {
            let k = key_of(vm, e)?;
            add_key(vm, &mut SetUnshared(&mut out), k)?;
        }
    }
    Ok(out)
}

/// Discards every element of `other` from `m`.
fn discard_all<S: LockStrategy, A: MapAccess<S, Target = SetItems<S>>>(
    vm: &mut Vm<S>,
    access: &mut A,
    other: &Value<S>,
) -> PyResult<S, ()> {
    let items = if is_set(other) {
        elements(other)
    } else {
        ops::iterate(vm, other)?
    };
    for e in items {
        let k = key_of(vm, e)?;
        drop(discard_key(vm, access, k)?);
    }
    Ok(())
}

/// `a - other` (CPython's `set_difference`).
fn difference<S: LockStrategy>(
    vm: &mut Vm<S>,
    a: &Value<S>,
    other: &Value<S>,
) -> PyResult<S, SetItems<S>> {
    let is_dict = matches!(other.payload(), Some(Payload::Dict(_)));
    let other_len = if is_dict {
        ops::dict_len(other)
    } else {
        set_len(other)
    };
    if !(is_set(other) || is_dict) || (set_len(a) >> 2) > other_len {
        let mut out = copy_items(vm, a)?;
        discard_all(vm, &mut SetUnshared(&mut out), other)?;
        return Ok(out);
    }
    let mut out = SetItems::default();
    for e in elements(a) {
        if !ops::contains(vm, other, &e)? {
            let k = key_of(vm, e)?;
            add_key(vm, &mut SetUnshared(&mut out), k)?;
        }
    }
    Ok(out)
}

/// CPython's `set_symmetric_difference_update` of `access` with the
/// elements of the set `other`, in its order.
fn xor_into<S: LockStrategy, A: MapAccess<S, Target = SetItems<S>>>(
    vm: &mut Vm<S>,
    access: &mut A,
    other: &Value<S>,
) -> PyResult<S, ()> {
    for e in elements(other) {
        let k = key_of(vm, e.clone())?;
        if discard_key(vm, access, k)?.is_none() {
            let k = key_of(vm, e)?;
            add_key(vm, access, k)?;
        }
    }
    Ok(())
}

/// `a ^ other` (CPython's `set_symmetric_difference`): a copy of `other`
/// updated with `a`.
fn symmetric_difference<S: LockStrategy>(
    vm: &mut Vm<S>,
    a: &Value<S>,
    other: &Value<S>,
) -> PyResult<S, SetItems<S>> {
    let mut out = items_of(vm, other)?;
    xor_into(vm, &mut SetUnshared(&mut out), a)?;
    Ok(out)
}

/// `a | other` (CPython's `set_union` of one).
fn union<S: LockStrategy>(
    vm: &mut Vm<S>,
    a: &Value<S>,
    other: &Value<S>,
) -> PyResult<S, SetItems<S>> {
    let mut out = copy_items(vm, a)?;
    update_items(vm, &mut SetUnshared(&mut out), other)?;
    Ok(out)
}

/// `a | b`, `a & b`, `a - b`, `a ^ b` on sets; None for other operators.
pub fn binary_op<S: LockStrategy>(
    vm: &mut Vm<S>,
    op: BinOp,
    a: &Value<S>,
    b: &Value<S>,
) -> PyResult<S, Option<Value<S>>> {
    if !is_set(a) || !is_set(b) {
        return Ok(None);
    }
    let frozen = is_frozen(a);
    if !matches!(op, BinOp::Or | BinOp::And | BinOp::Sub | BinOp::Xor) {
        return Ok(None);
    }
    let Some((a, b)) = pair_copies(a, b) else {
        return Ok(None);
    };
    let (a, b) = (&a, &b);
    let out = match op {
        BinOp::Or => union(vm, a, b)?,
        BinOp::And => intersection(vm, a, b)?,
        BinOp::Sub => difference(vm, a, b)?,
        BinOp::Xor => symmetric_difference(vm, a, b)?,
        _ => return Ok(None),
    };
    Ok(Some(new_set(out, frozen)))
}

/// `s |= t`, `s &= t`, `s -= t`, `s ^= t` on a (mutable) set: updates `s`
/// in place as CPython does; None where the plain operator applies.
pub fn inplace_op<S: LockStrategy>(
    vm: &mut Vm<S>,
    op: BinOp,
    a: &Value<S>,
    b: &Value<S>,
) -> PyResult<S, Option<Value<S>>> {
    if !is_set(a) || is_frozen(a) || !is_set(b) {
        return Ok(None);
    }
    let f: NativeFn<S> = match op {
        BinOp::Or => set_update,
        BinOp::And => set_intersection_update,
        BinOp::Sub => set_difference_update,
        BinOp::Xor => set_symmetric_difference_update,
        _ => return Ok(None),
    };
    f(vm, Args::positional(vec![a.clone(), b.clone()]))?;
    Ok(Some(a.clone()))
}

/// Whether every element of `a` is in `b`.
pub fn subset<S: LockStrategy>(vm: &mut Vm<S>, a: &Value<S>, b: &Value<S>) -> PyResult<S, bool> {
    for e in elements(a) {
        let k = key_of(vm, e)?;
        if !contains_key(vm, b, k)? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// `repr` of a set: `{1, 2}`, `set()`, `frozenset({1})`.
pub fn repr<S: LockStrategy>(vm: &mut Vm<S>, v: &Value<S>) -> PyResult<S, String> {
    let items = elements(v);
    // `frozenset({1})`, `Tags({1})`: the type's name, except for a plain set.
    let name = crate::ops::type_name(v);
    let named = name != "set";
    if items.is_empty() {
        return Ok(format!("{name}()"));
    }
    let mut parts = Vec::with_capacity(items.len());
    for i in &items {
        parts.push(crate::repr::repr(vm, i)?);
    }
    let inner = format!("{{{}}}", parts.join(", "));
    Ok(if named {
        format!("{name}({inner})")
    } else {
        inner
    })
}

pub fn methods<S: LockStrategy>() -> Vec<(TypeKind, &'static str, NativeFn<S>)> {
    let mut v: Vec<(TypeKind, &'static str, NativeFn<S>)> = vec![
        (TypeKind::Set, "add", set_add),
        (TypeKind::Set, "remove", set_remove),
        (TypeKind::Set, "discard", set_discard),
        (TypeKind::Set, "pop", set_pop),
        (TypeKind::Set, "clear", set_clear),
        (TypeKind::Set, "update", set_update),
        (
            TypeKind::Set,
            "intersection_update",
            set_intersection_update,
        ),
        (TypeKind::Set, "difference_update", set_difference_update),
        (
            TypeKind::Set,
            "symmetric_difference_update",
            set_symmetric_difference_update,
        ),
    ];
    for kind in [TypeKind::Set, TypeKind::FrozenSet] {
        v.extend([
            (kind, "union", set_union as NativeFn<S>),
            (kind, "intersection", set_intersection),
            (kind, "difference", set_difference),
            (kind, "symmetric_difference", set_symmetric_difference),
            (kind, "issubset", set_issubset),
            (kind, "issuperset", set_issuperset),
            (kind, "isdisjoint", set_isdisjoint),
            (kind, "copy", set_copy),
        ]);
    }
    v
}

/// Set methods take no keyword arguments: CPython's message names the
/// receiver's type (`set.union() takes no keyword arguments`).
fn no_keywords<S: LockStrategy>(vm: &Vm<S>, name: &str, args: &Args<S>) -> PyResult<S, ()> {
    if args.kw.is_empty() {
        return Ok(());
    }
    let kind = if args.pos.first().is_some_and(is_frozen) {
        "frozenset"
    } else {
        "set"
    };
    Err(vm.type_error(format!("{kind}.{name}() takes no keyword arguments")))
}

/// The elements of a set receiver, reached under its lock.
/// CPython's TypeError for anything else than a set or frozenset (the
/// descriptor check of `set.add` and friends has usually refused it).
fn locked<'a, S: LockStrategy>(vm: &Vm<S>, v: &'a Value<S>) -> PyResult<S, SetLocked<'a, S>> {
    match v {
        Value::Obj(o) => match o.payload() {
            Payload::Set { items, .. } => Ok(SetLocked {
                cell: items,
                header: &o.header,
            }),
            _ => Err(crate::methods::wrong_receiver(vm, "set", v)),
        },
        _ => Err(crate::methods::wrong_receiver(vm, "set", v)),
    }
}

/// Runs `f` on the elements of a set receiver under its lock; CPython's
/// TypeError for anything else.
fn with_items<S: LockStrategy, R>(
    vm: &Vm<S>,
    v: &Value<S>,
    f: impl FnOnce(&mut SetItems<S>) -> R,
) -> PyResult<S, R> {
    let locked = locked(vm, v)?;
    Ok(locked.cell.with::<S, _>(locked.header, f))
}

fn key_error<S: LockStrategy>(vm: &Vm<S>, key: Value<S>) -> PyErr<S> {
    PyErr {
        exc: crate::interp::new_exception_obj(
            vm.interp.exceptions["KeyError"].clone(),
            Box::new([key]),
        ),
    }
}

fn set_add<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    no_keywords(vm, "add", &args)?;
    arity(vm, "add", &args, 2, 2)?;
    let k = key_of(vm, args.pos[1].clone())?;
    let mut recv = locked(vm, &args.pos[0])?;
    add_key(vm, &mut recv, k)?;
    Ok(Value::None)
}

fn set_remove<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    no_keywords(vm, "remove", &args)?;
    arity(vm, "remove", &args, 2, 2)?;
    let k = key_of(vm, args.pos[1].clone())?;
    let mut recv = locked(vm, &args.pos[0])?;
    let removed = discard_key(vm, &mut recv, k)?;
    match removed {
        Some(_) => Ok(Value::None),
        None => Err(key_error(vm, args.pos[1].clone())),
    }
}

fn set_discard<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    no_keywords(vm, "discard", &args)?;
    arity(vm, "discard", &args, 2, 2)?;
    let k = key_of(vm, args.pos[1].clone())?;
    let mut recv = locked(vm, &args.pos[0])?;
    let removed = discard_key(vm, &mut recv, k)?;
    drop(removed);
    Ok(Value::None)
}

fn set_pop<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    no_keywords(vm, "pop", &args)?;
    arity(vm, "pop", &args, 1, 1)?;
    match with_items(vm, &args.pos[0], |m| m.pop())? {
        Some(k) => Ok(k.key),
        None => Err(key_error(vm, vm.new_str("pop from an empty set"))),
    }
}

fn set_clear<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    no_keywords(vm, "clear", &args)?;
    arity(vm, "clear", &args, 1, 1)?;
    let old = with_items(vm, &args.pos[0], std::mem::take)?;
    drop(old);
    Ok(Value::None)
}

fn set_update<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    no_keywords(vm, "update", &args)?;
    let receiver = &args.pos[0];
    for other in &args.pos[1..] {
        if let Some(removed) = inplace_plain(BinOp::Or, receiver, other) {
            drop(removed);
            continue;
        }
        if is_set(other) {
            let mut recv = locked(vm, receiver)?;
            update_items(vm, &mut recv, other)?;
        } else if let Some(items) = read_items(vm, BinOp::Or, receiver, other)? {
            let mut recv = locked(vm, receiver)?;
            update_items(vm, &mut recv, &items)?;
        }
    }
    Ok(Value::None)
}

/// Replaces the elements of a set receiver.
fn replace_items<S: LockStrategy>(
    vm: &Vm<S>,
    receiver: &Value<S>,
    new_items: SetItems<S>,
) -> PyResult<S, ()> {
    let old = with_items(vm, receiver, |m| std::mem::replace(m, new_items))?;
    drop(old);
    Ok(())
}

fn set_intersection_update<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    no_keywords(vm, "intersection_update", &args)?;
    if let [receiver, other] = &args.pos[..] {
        if let Some(removed) = inplace_plain(BinOp::And, receiver, other) {
            drop(removed);
            return Ok(Value::None);
        }
        if !is_set(other) {
            let Some(items) = read_items(vm, BinOp::And, receiver, other)? else {
                return Ok(Value::None);
            };
            let out = intersection(vm, receiver, &items)?;
            replace_items(vm, receiver, out)?;
            return Ok(Value::None);
        }
    }
    let receiver = args.pos[0].clone();
    let mut acc = receiver.clone();
    for other in &args.pos[1..] {
        acc = new_set(intersection(vm, &acc, other)?, false);
    }
    if args.pos.len() > 1 {
        let items = with_items(vm, &acc, std::mem::take)?;
        replace_items(vm, &receiver, items)?;
    }
    Ok(Value::None)
}

fn set_difference_update<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    no_keywords(vm, "difference_update", &args)?;
    let receiver = &args.pos[0];
    for other in &args.pos[1..] {
        if let Some(removed) = inplace_plain(BinOp::Sub, receiver, other) {
            drop(removed);
            continue;
        }
        if let (Some(a), Some(b)) = (receiver.obj(), other.obj()) {
            if std::ptr::eq(a, b) {
                replace_items(vm, receiver, SetItems::default())?;
                continue;
            }
        }
        if is_set(other) {
            let mut recv = locked(vm, receiver)?;
            discard_all(vm, &mut recv, other)?;
        } else if let Some(items) = read_items(vm, BinOp::Sub, receiver, other)? {
            let mut recv = locked(vm, receiver)?;
            discard_all(vm, &mut recv, &items)?;
        }
    }
    Ok(Value::None)
}

fn set_symmetric_difference_update<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    no_keywords(vm, "symmetric_difference_update", &args)?;
    arity(vm, "symmetric_difference_update", &args, 2, 2)?;
    let receiver = &args.pos[0];
    let other = &args.pos[1];
    if let Some(removed) = inplace_plain(BinOp::Xor, receiver, other) {
        drop(removed);
        return Ok(Value::None);
    }
    if let (Some(a), Some(b)) = (receiver.obj(), other.obj()) {
        if std::ptr::eq(a, b) {
            replace_items(vm, receiver, SetItems::default())?;
            return Ok(Value::None);
        }
    }
    let other = if is_set(other) {
        other.clone()
    } else {
        let other = new_set(items_of(vm, other)?, false);
        if let Some(removed) = inplace_plain(BinOp::Xor, receiver, &other) {
            drop(removed);
            return Ok(Value::None);
        }
        other
    };
    let mut recv = locked(vm, receiver)?;
    xor_into(vm, &mut recv, &other)?;
    Ok(Value::None)
}

fn set_union<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    no_keywords(vm, "union", &args)?;
    let frozen = is_frozen(&args.pos[0]);
    let mut out = copy_items(vm, &args.pos[0])?;
    for other in &args.pos[1..] {
        update_items(vm, &mut SetUnshared(&mut out), other)?;
    }
    Ok(new_set(out, frozen))
}

fn set_intersection<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    no_keywords(vm, "intersection", &args)?;
    let frozen = is_frozen(&args.pos[0]);
    let mut acc = new_set(copy_items(vm, &args.pos[0])?, frozen);
    for other in &args.pos[1..] {
        acc = new_set(intersection(vm, &acc, other)?, frozen);
    }
    Ok(acc)
}

fn set_difference<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    no_keywords(vm, "difference", &args)?;
    let frozen = is_frozen(&args.pos[0]);
    let Some(first) = args.pos.get(1) else {
        return Ok(new_set(copy_items(vm, &args.pos[0])?, frozen));
    };
    let mut out = difference(vm, &args.pos[0], first)?;
    for other in &args.pos[2..] {
        discard_all(vm, &mut SetUnshared(&mut out), other)?;
    }
    Ok(new_set(out, frozen))
}

fn set_symmetric_difference<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    no_keywords(vm, "symmetric_difference", &args)?;
    arity(vm, "symmetric_difference", &args, 2, 2)?;
    let frozen = is_frozen(&args.pos[0]);
    let out = symmetric_difference(vm, &args.pos[0], &args.pos[1])?;
    Ok(new_set(out, frozen))
}

fn other_set<S: LockStrategy>(vm: &mut Vm<S>, v: &Value<S>) -> PyResult<S> {
    Ok(new_set(items_of(vm, v)?, false))
}

/// The receiver and the argument of a method that reads both, as private
/// sets: copies taken together when the argument is a set, else a copy of
/// the receiver and a set of the argument's items.
fn both_sets<S: LockStrategy>(
    vm: &mut Vm<S>,
    a: &Value<S>,
    b: &Value<S>,
) -> PyResult<S, (Value<S>, Value<S>)> {
    if let Some(pair) = pair_copies(a, b) {
        return Ok(pair);
    }
    let b = other_set(vm, b)?;
    let a = new_set(with_items(vm, a, |m| m.duplicate())?, is_frozen(a));
    Ok((a, b))
}

/// `a == b` on two sets, for the sets as they were at one instant.
pub fn equal<S: LockStrategy>(vm: &mut Vm<S>, a: &Value<S>, b: &Value<S>) -> PyResult<S, bool> {
    let Some((a, b)) = pair_copies(a, b) else {
        return Ok(false);
    };
    Ok(set_len(&a) == set_len(&b) && subset(vm, &a, &b)?)
}

fn set_issubset<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    no_keywords(vm, "issubset", &args)?;
    arity(vm, "issubset", &args, 2, 2)?;
    let (a, other) = both_sets(vm, &args.pos[0], &args.pos[1])?;
    Ok(Value::Bool(subset(vm, &a, &other)?))
}

fn set_issuperset<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    no_keywords(vm, "issuperset", &args)?;
    arity(vm, "issuperset", &args, 2, 2)?;
    let (a, other) = both_sets(vm, &args.pos[0], &args.pos[1])?;
    Ok(Value::Bool(subset(vm, &other, &a)?))
}

fn set_isdisjoint<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    no_keywords(vm, "isdisjoint", &args)?;
    arity(vm, "isdisjoint", &args, 2, 2)?;
    // Snapshots of both, as the other set methods read them: the receiver
    // may be a set subclass, whose `&` Python code may override.
    let (a, other) = both_sets(vm, &args.pos[0], &args.pos[1])?;
    Ok(Value::Bool(intersection(vm, &a, &other)?.is_empty()))
}

fn set_copy<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    no_keywords(vm, "copy", &args)?;
    arity(vm, "copy", &args, 1, 1)?;
    let frozen = is_frozen(&args.pos[0]);
    Ok(new_set(copy_items(vm, &args.pos[0])?, frozen))
}

/// Type name of a set value.
pub fn type_name_of<S: LockStrategy>(v: &Value<S>) -> &'static str {
    if is_frozen(v) {
        "frozenset"
    } else {
        "set"
    }
}
