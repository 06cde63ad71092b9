//! The storage of `dict`: an insertion-ordered hash map keyed by Python
//! values, with Python's equality for builtin hashable types (so `1`, `1.0`
//! and `True` are one key).

use crate::object::{Payload, Value};
use crate::strategy::LockStrategy;
use indexmap::IndexMap;
use std::hash::{BuildHasherDefault, Hash, Hasher};

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

pub type DictMap<S> = IndexMap<DictKey<S>, Value<S>, BuildHasherDefault<PassThroughHasher>>;

pub fn new_map<S: LockStrategy>() -> DictMap<S> {
    DictMap::default()
}

fn mix(x: u64) -> u64 {
    // A cheap avalanche (splitmix64's finaliser) so sequential ints spread.
    let mut z = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

fn hash_str(s: &str) -> u64 {
    // FNV-1a, then mixed.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.as_bytes() {
        h ^= *b as u64;
        h = h.wrapping_mul(0x100_0000_01b3);
    }
    mix(h)
}

/// The hash of a hashable value, or the type name of an unhashable one.
pub fn hash_value<S: LockStrategy>(v: &Value<S>) -> Result<u64, &'static str> {
    Ok(match v {
        Value::None => 0x5a5a_5a5a,
        Value::Bool(b) => mix(*b as u64),
        Value::Int(i) => mix(*i as u64),
        Value::Float(f) => {
            if f.fract() == 0.0 && *f >= i64::MIN as f64 && *f < i64::MAX as f64 {
                mix(*f as i64 as u64)
            } else {
                mix(f.to_bits())
            }
        }
        Value::Obj(o) => match &o.payload {
            Payload::Str(s) => hash_str(s.as_str()),
            Payload::BigInt(b) => hash_str(&b.to_string()),
            Payload::Bytes(b) => mix(b.iter().fold(0u64, |h, x| h.rotate_left(5) ^ *x as u64)),
            Payload::Tuple(items) => {
                let mut h: u64 = 0x345678;
                for it in items.iter() {
                    h = mix(h ^ hash_value(it)?);
                }
                h
            }
            Payload::List(_) => return Err("list"),
            Payload::Set { frozen: false, .. } => return Err("set"),
            Payload::Set { items, .. } => {
                // Order-independent: xor of the elements' hashes.
                let hashes: Vec<u64> =
                    items.with::<S, _>(&o.header, |m| m.keys().map(|k| k.hash).collect());
                mix(hashes.into_iter().fold(0x1234_5678, |h, x| h ^ x))
            }
            Payload::Dict(_) => return Err("dict"),
            Payload::Slice(_) => return Err("slice"),
            _ => mix(o.addr() as u64),
        },
    })
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
            match (&x.payload, &y.payload) {
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
                _ => false,
            }
        }
        _ => false,
    }
}
