//! The storage of `dict` (and `set`): an insertion-ordered hash map keyed by
//! Python values, with Python's equality (so `1`, `1.0` and `True` are one
//! key, and instances of user classes compare through `__eq__`).
//!
//! # Keys whose comparison runs Python code
//!
//! A map is only ever touched under its owner's lock (see
//! [`crate::object::ObjCell`]), and no Python code may run while an object
//! lock is held: under `finegrained` a `__eq__` that touched the same dict
//! would deadlock on its lock, and one that touched another dict could
//! deadlock against a thread locking the two in the other order. So, as
//! CPython's free-threaded build does, the hash is computed before the lock
//! is taken ([`hash_of`]), and [`find`] compares keys in rounds:
//!
//! 1. Under the lock, probe the map. Keys whose equality needs no Python
//!    code (identity, builtin types) are decided at once; keys of equal hash
//!    that need `__eq__` are collected (each with a new reference) and
//!    treated as unequal for now.
//! 2. If the probe found the key, or collected nothing, the outcome is
//!    final: the caller's action runs in the same critical section, so a
//!    lookup and the insert or removal it decides are atomic.
//! 3. Otherwise the lock is released, `__eq__` runs on the collected keys
//!    (stopping at the first equal one), the results are remembered by the
//!    identity of the stored key, and the probe starts again at 1. A stored
//!    key already compared is decided from memory; one that appeared in the
//!    meantime (another thread, or the `__eq__` itself, changed the map) is
//!    collected and compared in the next round.
//!
//! The loop ends when a round finds the key or has nothing left to compare,
//! so every decision is made under the lock on the map as it is then.

pub use crate::dict_map::{DictMap, Equivalent};
use crate::object::{Header, ObjCell, ObjRef, Payload, Value};
use crate::strategy::LockStrategy;
use crate::types::float::float_hash;
use crate::types::int::{reduce_hash_big, reduce_hash_i64};
use crate::vm::{PyResult, Vm};
use std::cell::RefCell;
use std::hash::{Hash, Hasher};

/// A dict key with its hash computed once, before the dict is locked.
pub struct DictKey<S: LockStrategy> {
    pub hash: u64,
    pub key: Value<S>,
}

impl<S: LockStrategy> Hash for DictKey<S> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.hash)
    }
}

impl<S: LockStrategy> PartialEq for DictKey<S> {
    fn eq(&self, other: &Self) -> bool {
        self.hash == other.hash && builtin_key_eq(&self.key, &other.key)
    }
}
impl<S: LockStrategy> Eq for DictKey<S> {}

/// Passes the precomputed hash through.
#[derive(Default)]
pub struct PassThroughHasher(u64);
impl Hasher for PassThroughHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = self.0.rotate_left(8) ^ *b as u64;
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

pub fn new_map<S: LockStrategy>() -> DictMap<S> {
    DictMap::default()
}

/// The key hash of an int beyond 64 bits (and of the integral float equal
/// to it): its two's-complement bytes folded (FNV-1a), then mixed. Not its
/// decimal digits: converting millions of digits takes seconds.
fn big_int_hash(b: &num_bigint::BigInt) -> u64 {
    let folded = b
        .to_signed_bytes_le()
        .iter()
        .fold(0xcbf2_9ce4_8422_2325_u64, |h, x| {
            (h ^ *x as u64).wrapping_mul(0x0100_0000_01b3)
        });
    mix(folded)
}

pub(crate) fn mix(x: u64) -> u64 {
    // A cheap avalanche (splitmix64's finaliser) so sequential ints spread.
    let mut z = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The hash of a str's text; never 0, which [`crate::object::PyStr`]'s
/// cache uses for "not computed yet". Call it through [`PyStr::hash`].
///
/// [`PyStr::hash`]: crate::object::PyStr::hash
pub(crate) fn hash_str(s: &str) -> u64 {
    // FNV-1a, then mixed.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.as_bytes() {
        h ^= *b as u64;
        h = h.wrapping_mul(0x100_0000_01b3);
    }
    mix(h).max(1)
}

/// Why [`hash_value`] gave no hash.
pub enum NoHash {
    /// A value of a builtin unhashable type (its type name).
    Unhashable(&'static str),
    /// The hash needs Python code (`__hash__` of a user class, possibly
    /// inside a tuple): use [`hash_of`].
    NeedsCode,
}

/// The hash of a value as a dict key, without running Python code.
pub fn hash_value<S: LockStrategy>(v: &Value<S>) -> Result<u64, NoHash> {
    Ok(match v {
        Value::None => 0x5a5a_5a5a,
        Value::Bool(b) => mix(*b as u64),
        Value::Int(i) => mix(*i as u64),
        Value::Float(f) => {
            if f.fract() == 0.0 && *f >= i64::MIN as f64 && *f < i64::MAX as f64 {
                mix(*f as i64 as u64)
            } else if f.is_finite() && f.fract() == 0.0 {
                // An integral float beyond 64 bits hashes as the equal int.
                use num_traits::FromPrimitive;
                match num_bigint::BigInt::from_f64(*f) {
                    Some(b) => big_int_hash(&b),
                    None => mix(f.to_bits()),
                }
            } else {
                mix(f.to_bits())
            }
        }
        Value::Obj(o) => match o.stored() {
            // A user class may define `__hash__`.
            Payload::Instance(_) => return Err(NoHash::NeedsCode),
            stored => hash_payload(o, stored)?,
        },
    })
}

const TUPLE_HASH_SEED: u64 = 0x345678;

/// CPython's hash of an object that keeps `object.__hash__`: its address
/// rotated by 4 bits (the low bits of an aligned address are always zero).
pub fn identity_hash(addr: usize) -> i64 {
    addr.rotate_right(4) as i64
}

/// The hash of an object's builtin state `payload` (its own, or the base
/// state of an instance of a user subclass of a builtin type).
fn hash_payload<S: LockStrategy>(o: &ObjRef<S>, payload: &Payload<S>) -> Result<u64, NoHash> {
    Ok(match payload {
        Payload::Str(s) => s.hash(),
        Payload::BigInt(b) => big_int_hash(b),
        Payload::Bytes(b) => mix(b.iter().fold(0u64, |h, x| h.rotate_left(5) ^ *x as u64)),
        Payload::Tuple(items) => {
            let mut h = TUPLE_HASH_SEED;
            for it in items.iter() {
                h = mix(h ^ hash_value(it)?);
            }
            h
        }
        Payload::List(_) => return Err(NoHash::Unhashable("list")),
        Payload::Set { frozen: false, .. } => return Err(NoHash::Unhashable("set")),
        Payload::Set { items, .. } => {
            // Order-independent: xor of the elements' hashes.
            let hashes: Vec<u64> =
                items.with::<S, _>(&o.header, |m| m.keys().map(|k| k.hash).collect());
            mix(hashes.into_iter().fold(0x1234_5678, |h, x| h ^ x))
        }
        Payload::Dict(_) => return Err(NoHash::Unhashable("dict")),
        Payload::Slice(_) => return Err(NoHash::Unhashable("slice")),
        Payload::Instance(_) | Payload::WeakRef(_) => return Err(NoHash::NeedsCode),
        Payload::Exception(e) if e.dict.is_some() => return Err(NoHash::NeedsCode),
        Payload::Native(n) => return n.key_hash(o),
        _ => mix(o.addr() as u64),
    })
}

/// The hash of any value as a dict key: runs `__hash__` of user classes,
/// raises CPython's `TypeError` for unhashable values. Never call this with
/// an object lock held.
pub fn hash_of<S: LockStrategy>(vm: &mut Vm<S>, v: &Value<S>) -> PyResult<S, u64> {
    match hash_value(v) {
        Ok(h) => Ok(h),
        Err(NoHash::Unhashable(t)) => Err(vm.type_error(format!("unhashable type: '{t}'"))),
        Err(NoHash::NeedsCode) if crate::classes::builtin_behaviour(vm, v, "__hash__") => {
            if let Some(n) = crate::subclass::numeric_value(v) {
                // An int or float subclass is the same key as its value.
                return hash_of(vm, &n);
            }
            // A subclass of a builtin type hashes as its base unless it
            // defines `__hash__` (a `str` subclass finds the equal `str`).
            match v.obj() {
                Some(o) => match hash_payload(o, o.payload()) {
                    Ok(h) => Ok(h),
                    Err(NoHash::Unhashable(_)) => {
                        Err(vm
                            .type_error(format!("unhashable type: '{}'", crate::ops::type_name(v))))
                    }
                    Err(NoHash::NeedsCode) => hash_items(vm, o),
                },
                None => unreachable!("instances are objects"),
            }
        }
        Err(NoHash::NeedsCode) => match v.stored() {
            Some(Payload::Tuple(_)) => hash_items(vm, v.obj().expect("a tuple")),
            Some(Payload::WeakRef(w)) => Ok(mix(crate::weakref::hash(vm, w)? as u64)),
            _ => {
                // The int that `hash(v)` returns, hashed as that int is, so
                // that a user object equal to an int finds it.
                let h = user_hash(vm, v)?;
                Ok(mix(h as u64))
            }
        },
    }
}

/// The hash of a tuple (or the tuple base of a subclass instance) whose
/// items need Python code to hash.
fn hash_items<S: LockStrategy>(vm: &mut Vm<S>, o: &ObjRef<S>) -> PyResult<S, u64> {
    let Payload::Tuple(items) = o.payload() else {
        return Err(vm.type_error(format!(
            "unhashable type: '{}'",
            crate::ops::type_name(&Value::Obj(o.clone()))
        )));
    };
    let mut h = TUPLE_HASH_SEED;
    for it in items.iter() {
        h = mix(h ^ hash_of(vm, it)?);
    }
    Ok(h)
}

/// Python's `hash(v)`: CPython's values for ints, floats, tuples of those
/// and user objects (and weak references to them); others by the dict hash.
pub fn py_hash<S: LockStrategy>(vm: &mut Vm<S>, v: &Value<S>) -> PyResult<S, i64> {
    if let Some(n) = crate::subclass::numeric_value(v) {
        return match crate::classes::builtin_behaviour(vm, v, "__hash__") {
            true => py_hash(vm, &n),
            false => user_hash(vm, v),
        };
    }
    Ok(match v {
        Value::Int(i) => reduce_hash_i64(*i),
        Value::Bool(b) => *b as i64,
        Value::Float(f) => float_hash(*f),
        Value::Obj(o) => match o.payload() {
            Payload::BigInt(b) => reduce_hash_big(b),
            Payload::WeakRef(w) => crate::weakref::hash(vm, w)?,
            Payload::Native(n) => match n.hash(o) {
                Some(h) => h,
                None => {
                    return Err(
                        vm.type_error(format!("unhashable type: '{}'", crate::ops::type_name(v)))
                    )
                }
            },
            _ if crate::classes::user_class_of(v).is_some()
                && !crate::classes::builtin_behaviour(vm, v, "__hash__") =>
            {
                user_hash(vm, v)?
            }
            Payload::Tuple(_) => match crate::sets::cpython_hash(v) {
                Some(h) => h as i64,
                None => (hash_of(vm, v)? >> 1) as i64,
            },
            _ => (hash_of(vm, v)? >> 1) as i64,
        },
        Value::None => (hash_of(vm, v)? >> 1) as i64,
    })
}

/// `hash(v)` as `v`'s builtin type computes it, whatever its class defines
/// (what `str.__hash__(v)` returns for an instance of a `str` subclass).
pub fn native_py_hash<S: LockStrategy>(vm: &mut Vm<S>, v: &Value<S>) -> PyResult<S, i64> {
    if let Some(n) = crate::subclass::numeric_value(v) {
        return py_hash(vm, &n);
    }
    let Some(o) = v
        .obj()
        .filter(|o| matches!(o.stored(), Payload::Instance(_)))
    else {
        return py_hash(vm, v);
    };
    if let Payload::Native(n) = o.payload() {
        return n.hash(o).ok_or_else(|| {
            vm.type_error(format!("unhashable type: '{}'", crate::ops::type_name(v)))
        });
    }
    let h = match hash_payload(o, o.payload()) {
        Ok(h) => h,
        Err(NoHash::NeedsCode) => hash_items(vm, o)?,
        Err(NoHash::Unhashable(_)) => {
            return Err(vm.type_error(format!("unhashable type: '{}'", crate::ops::type_name(v))))
        }
    };
    Ok((h >> 1) as i64)
}

/// `hash(v)` for an instance of a user class: its `__hash__` (CPython's
/// errors when the class set it to None, or when it returns a non-int), or
/// the identity hash. The result is CPython's: a returned int is reduced
/// modulo 2**61 - 1 and -1 becomes -2.
pub fn user_hash<S: LockStrategy>(vm: &mut Vm<S>, v: &Value<S>) -> PyResult<S, i64> {
    let Some(class) = crate::classes::user_class_of(v) else {
        return Ok(identity_hash(v.obj().map_or(0, |o| o.addr())));
    };
    let name = vm.new_str("__hash__");
    match crate::classes::class_lookup(&class, &name) {
        Some(Value::None) => {
            Err(vm.type_error(format!("unhashable type: '{}'", crate::ops::type_name(v))))
        }
        Some(f) => {
            let r = vm.call(&f, vec![v.clone()])?;
            match &r {
                Value::Int(i) => Ok(reduce_hash_i64(*i)),
                Value::Bool(b) => Ok(*b as i64),
                Value::Obj(o) => match o.payload() {
                    Payload::BigInt(b) => Ok(reduce_hash_big(b)),
                    _ => Err(vm.type_error("__hash__ method should return an integer")),
                },
                _ => Err(vm.type_error("__hash__ method should return an integer")),
            }
        }
        None => Ok(identity_hash(v.obj().map_or(0, |o| o.addr()))),
    }
}

/// A key with its hash, or CPython's `TypeError` if it is unhashable.
pub fn key_of<S: LockStrategy>(vm: &mut Vm<S>, key: Value<S>) -> PyResult<S, DictKey<S>> {
    let hash = hash_of(vm, &key)?;
    Ok(DictKey { hash, key })
}

/// Equality of two keys without running Python code: numeric equality across
/// bool/int/float, content equality of str/bytes/bigint/tuple, identity for
/// everything else.
pub fn builtin_key_eq<S: LockStrategy>(a: &Value<S>, b: &Value<S>) -> bool {
    use Value::*;
    match (a, b) {
        (None, None) => true,
        (Int(x), Int(y)) => x == y,
        (Float(x), Float(y)) => x == y,
        (Bool(x), Bool(y)) => x == y,
        (Int(x), Float(y)) | (Float(y), Int(x)) => (*x as f64) == *y && y.fract() == 0.0,
        (Bool(x), Int(y)) | (Int(y), Bool(x)) => *x as i64 == *y,
        (Bool(x), Float(y)) | (Float(y), Bool(x)) => (*x as i64 as f64) == *y,
        (Obj(x), Obj(y)) => {
            if x.ptr_eq(y) {
                return true;
            }
            match (x.payload(), y.payload()) {
                (Payload::Str(p), Payload::Str(q)) => p.as_str() == q.as_str(),
                (Payload::BigInt(p), Payload::BigInt(q)) => p == q,
                (Payload::Bytes(p), Payload::Bytes(q)) => p == q,
                (Payload::Set { items: p, .. }, Payload::Set { items: q, .. }) => {
                    let a: Vec<DictKey<S>> = p.with::<S, _>(&x.header, |m| {
                        m.keys()
                            .map(|k| DictKey {
                                hash: k.hash,
                                key: k.key.clone(),
                            })
                            .collect()
                    });
                    q.with::<S, _>(&y.header, |m| {
                        a.len() == m.len() && a.iter().all(|k| m.contains_key(k))
                    })
                }
                (Payload::Tuple(p), Payload::Tuple(q)) => {
                    p.len() == q.len() && p.iter().zip(q.iter()).all(|(a, b)| builtin_key_eq(a, b))
                }
                _ => crate::types::eq(a, b).unwrap_or(false),
            }
        }
        _ => crate::types::eq(a, b).unwrap_or(false),
    }
}

/// Whether comparing `v` with another key may run Python code: instances of
/// user classes (their `__eq__`), also inside tuples.
fn may_run_code<S: LockStrategy>(v: &Value<S>) -> bool {
    // `stored`: an instance of a subclass of a builtin type is an instance
    // (its `__eq__` may be Python code), not its builtin base.
    match v.stored() {
        Some(Payload::Instance(_)) => true,
        Some(Payload::Exception(e)) => e.dict.is_some(),
        Some(Payload::Tuple(items)) => items.iter().any(may_run_code),
        Some(Payload::WeakRef(_)) => true,
        // Only frozensets are hashable, and they never change: their lock
        // is held briefly and nothing else is locked under it.
        Some(Payload::Set {
            items,
            frozen: true,
        }) => {
            let o = v.obj().expect("a set is an object");
            items.with::<S, _>(&o.header, |m| m.keys().any(|k| may_run_code(&k.key)))
        }
        _ => false,
    }
}

/// Key equality decided without running Python code: identity, then
/// builtin equality; None when `__eq__` must run.
pub fn eq_without_code<S: LockStrategy>(stored: &Value<S>, probe: &Value<S>) -> Option<bool> {
    if let (Value::Obj(a), Value::Obj(b)) = (stored, probe) {
        if a.ptr_eq(b) {
            return Some(true);
        }
    }
    if may_run_code(stored) || may_run_code(probe) {
        return None;
    }
    Some(builtin_key_eq(stored, probe))
}

/// One round's probe (see the module documentation).
struct Probe<'a, S: LockStrategy> {
    hash: u64,
    key: &'a Value<S>,
    /// Stored keys compared with `key` in earlier rounds, and the results.
    known: &'a [(Value<S>, bool)],
    /// Stored keys of equal hash that need `__eq__`, collected this round.
    unknown: RefCell<Vec<Value<S>>>,
}

impl<S: LockStrategy> Hash for Probe<'_, S> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.hash)
    }
}

impl<S: LockStrategy> Equivalent<DictKey<S>> for Probe<'_, S> {
    fn equivalent(&self, stored: &DictKey<S>) -> bool {
        if stored.hash != self.hash {
            return false;
        }
        if let Some(r) = eq_without_code(&stored.key, self.key) {
            return r;
        }
        if let Some((_, r)) = self.known.iter().find(|(k, _)| k.is(&stored.key)) {
            return *r;
        }
        self.unknown.borrow_mut().push(stored.key.clone());
        false
    }
}

/// A probe that decides every comparison without running code, and notes
/// when one would need it.
struct CodeFreeProbe<'a, S: LockStrategy> {
    key: &'a DictKey<S>,
    needs_code: std::cell::Cell<bool>,
}

impl<S: LockStrategy> Hash for CodeFreeProbe<'_, S> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.key.hash)
    }
}

impl<S: LockStrategy> Equivalent<DictKey<S>> for CodeFreeProbe<'_, S> {
    fn equivalent(&self, stored: &DictKey<S>) -> bool {
        if stored.hash != self.key.hash {
            return false;
        }
        eq_without_code(&stored.key, &self.key.key).unwrap_or_else(|| {
            self.needs_code.set(true);
            false
        })
    }
}

/// The index of the stored key equal to `key`, found without running
/// Python code (safe under the map's lock, and under two maps' locks);
/// Err when a stored key of the same hash needs `__eq__` to decide.
pub fn find_without_code<S: LockStrategy>(
    map: &DictMap<S>,
    key: &DictKey<S>,
) -> Result<Option<usize>, NeedsCode> {
    let probe = CodeFreeProbe {
        key,
        needs_code: std::cell::Cell::new(false),
    };
    let found = map.get_index_of(&probe);
    if probe.needs_code.get() && found.is_none() {
        return Err(NeedsCode);
    }
    Ok(found)
}

/// A key comparison that only Python code (`__eq__`) can decide.
#[derive(Debug)]
pub struct NeedsCode;

/// How [`find`] reaches a map: under its owner's lock, or directly when
/// the map is not shared yet.
pub trait MapAccess<S: LockStrategy> {
    /// What holds the map: the map itself, or a set's table around it.
    type Target: AsMap<S>;
    fn with_map<R>(&mut self, f: impl FnOnce(&mut Self::Target) -> R) -> R;
}

/// A container whose keys live in a [`DictMap`].
pub trait AsMap<S: LockStrategy> {
    fn as_map(&self) -> &DictMap<S>;
}

impl<S: LockStrategy> AsMap<S> for DictMap<S> {
    fn as_map(&self) -> &DictMap<S> {
        self
    }
}

/// A shared map, reached under its owner's lock.
pub struct Locked<'a, S: LockStrategy> {
    pub cell: &'a ObjCell<DictMap<S>>,
    pub header: &'a Header,
}

impl<S: LockStrategy> MapAccess<S> for Locked<'_, S> {
    type Target = DictMap<S>;
    fn with_map<R>(&mut self, f: impl FnOnce(&mut DictMap<S>) -> R) -> R {
        self.cell.with::<S, _>(self.header, f)
    }
}

/// A map that no other thread and no Python code can reach.
pub struct Unshared<'a, S: LockStrategy>(pub &'a mut DictMap<S>);

impl<S: LockStrategy> MapAccess<S> for Unshared<'_, S> {
    type Target = DictMap<S>;
    fn with_map<R>(&mut self, f: impl FnOnce(&mut DictMap<S>) -> R) -> R {
        f(self.0)
    }
}

/// Finds `key` in a map with Python's key equality and runs `act` on the
/// map, the index of the equal stored key (None when absent) and the key,
/// in the same critical section as the probe that decided. `__eq__` runs
/// outside the lock (see the module documentation).
pub fn find<S: LockStrategy, R, A: MapAccess<S>>(
    vm: &mut Vm<S>,
    access: &mut A,
    key: DictKey<S>,
    act: impl FnOnce(&mut A::Target, Option<usize>, DictKey<S>) -> R,
) -> PyResult<S, R> {
    let mut known: Vec<(Value<S>, bool)> = Vec::new();
    let mut pending = Some((act, key));
    loop {
        let (hash, probe_key) = match &pending {
            Some((_, k)) => (k.hash, k.key.clone()),
            None => unreachable!("the action runs once, in the last round"),
        };
        let probe = Probe {
            hash,
            key: &probe_key,
            known: &known,
            unknown: RefCell::new(Vec::new()),
        };
        let done = access.with_map(|m| {
            let found = m.as_map().get_index_of(&probe);
            if found.is_some() || probe.unknown.borrow().is_empty() {
                let (act, key) = pending.take()?;
                Some(act(m, found, key))
            } else {
                None
            }
        });
        if let Some(r) = done {
            return Ok(r);
        }
        let unknown = probe.unknown.into_inner();
        for stored in unknown {
            let equal = crate::ops::eq(vm, &stored, &probe_key)?;
            known.push((stored, equal));
            if equal {
                break;
            }
        }
    }
}

/// Looks a key up in a shared map: a new reference to its value.
pub fn get<S: LockStrategy>(
    vm: &mut Vm<S>,
    cell: &ObjCell<DictMap<S>>,
    header: &Header,
    key: DictKey<S>,
) -> PyResult<S, Option<Value<S>>> {
    find(vm, &mut Locked { cell, header }, key, |m, found, _| {
        found.and_then(|i| m.get_index(i).map(|(_, v)| v.clone()))
    })
}

/// Whether a shared map has the key.
pub fn contains<S: LockStrategy>(
    vm: &mut Vm<S>,
    cell: &ObjCell<DictMap<S>>,
    header: &Header,
    key: DictKey<S>,
) -> PyResult<S, bool> {
    find(vm, &mut Locked { cell, header }, key, |_, found, _| {
        found.is_some()
    })
}

/// Inserts or replaces (dict semantics: an equal stored key stays, its
/// value is replaced). Returns the replaced value, to be dropped by the
/// caller after the lock is released.
pub fn insert<S: LockStrategy>(
    vm: &mut Vm<S>,
    access: &mut impl MapAccess<S, Target = DictMap<S>>,
    key: DictKey<S>,
    value: Value<S>,
) -> PyResult<S, Option<Value<S>>> {
    find(vm, access, key, |m, found, key| match found {
        Some(i) => Some(std::mem::replace(&mut m[i], value)),
        None => {
            m.insert_new(key, value);
            None
        }
    })
}

/// Adds a key unless an equal one is there (set semantics). Returns
/// whether it was added.
pub fn add<S: LockStrategy>(
    vm: &mut Vm<S>,
    access: &mut impl MapAccess<S, Target = DictMap<S>>,
    key: DictKey<S>,
) -> PyResult<S, bool> {
    find(vm, access, key, |m, found, key| match found {
        Some(_) => false,
        None => {
            m.insert_new(key, Value::None);
            true
        }
    })
}

/// A stored key and its value.
pub type Entry<S> = (DictKey<S>, Value<S>);

/// Removes a key; returns the stored key and value, to be dropped by the
/// caller after the lock is released.
pub fn remove<S: LockStrategy>(
    vm: &mut Vm<S>,
    access: &mut impl MapAccess<S, Target = DictMap<S>>,
    key: DictKey<S>,
) -> PyResult<S, Option<Entry<S>>> {
    find(vm, access, key, |m, found, _| {
        found.and_then(|i| m.shift_remove_index(i))
    })
}
