//! Where an instance of a user class keeps its attributes: inline values
//! whose names its class holds once for all its instances, or a dict.
//!
//! CPython 3.11 keeps the attribute values of an ordinary instance in a
//! small array and their names in a key table shared by the class
//! ("split" dicts, PEP 412; inline values since 3.11), so that an instance
//! with two attributes costs a few words instead of a dict. The same here:
//!
//! * The class has [`InlineKeys`]: up to [`MAX_INLINE`] attribute names,
//!   each slot set once and never changed (append-only).
//! * An instance holds [`InstanceAttrs::Inline`]: `values[i]` is the
//!   attribute named by its class's key `i`, for the first `values.len()`
//!   keys. An instance adds an attribute at the end: if its class's next key
//!   is that name, or still free (then it becomes that name), the value is
//!   pushed.
//! * Anything else switches the instance to [`InstanceAttrs::Dict`] for good:
//!   asking for `__dict__` (the dict Python sees is then the storage, so
//!   writes through it are seen), deleting an attribute other than the last,
//!   adding a name out of the class's order, a name that is not an exact
//!   `str`, more than [`MAX_INLINE`] names, or assigning `__class__` (the
//!   values are read by the class's keys).
//!
//! # Threads
//!
//! The values are guarded by the instance's lock (an [`ObjCell`] under the
//! instance's header), and the instance's class is read *inside* that lock:
//! `__class__` assignment switches the instance to a dict and replaces the
//! class in one critical section ([`InstanceObj::set_class`]), so values
//! are never read by another class's keys. A key slot is a [`OnceLock`]:
//! readers never write shared memory (instances of one class on many
//! threads do not contend), and two threads that claim the same free slot
//! for different names are decided by `OnceLock::get_or_init` — the loser
//! sees the winner's name and takes the dict path. The publication is
//! std's `OnceLock`, not a protocol of ours.

use crate::object::{InstanceObj, ObjCell, ObjRef, Payload, PyDict, Value};
use crate::strategy::LockStrategy;
use crate::vm::{PyResult, Vm};
use smallvec::SmallVec;
use std::sync::OnceLock;

/// Names a class keeps inline before its instances use dicts (CPython's
/// `SHARED_KEYS_MAX_SIZE`).
pub const MAX_INLINE: usize = 30;

/// One attribute name of a class's inline layout.
struct Key<S: LockStrategy> {
    hash: u64,
    name: ObjRef<S>,
}

impl<S: LockStrategy> Key<S> {
    /// Whether this key is `name`: the same str object (the usual case, a
    /// name constant of the code), or an equal one.
    fn is(&self, name: &AttrName<'_, S>) -> bool {
        self.name.addr() == name.obj.addr()
            || (self.hash == name.hash
                && matches!(self.name.stored(), Payload::Str(s) if s.as_str() == name.text))
    }
}

/// The attribute names of a class's instances, in the order they were first
/// added; allocated when the first instance gets an attribute.
pub struct InlineKeys<S: LockStrategy> {
    slots: OnceLock<Box<[OnceLock<Key<S>>]>>,
}

impl<S: LockStrategy> Default for InlineKeys<S> {
    fn default() -> Self {
        Self {
            slots: OnceLock::new(),
        }
    }
}

impl<S: LockStrategy> InlineKeys<S> {
    fn slots(&self) -> &[OnceLock<Key<S>>] {
        self.slots
            .get_or_init(|| (0..MAX_INLINE).map(|_| OnceLock::new()).collect())
    }

    /// The name of key `i`, which an instance holding more than `i` values
    /// has set.
    fn key(&self, i: usize) -> &Key<S> {
        self.slots()[i]
            .get()
            .expect("a key an instance holds a value for")
    }

    /// The index of `name` among the first `n` keys.
    fn index_of(&self, n: usize, name: &AttrName<'_, S>) -> Option<usize> {
        let slots = self.slots.get()?;
        slots[..n]
            .iter()
            .position(|slot| slot.get().is_some_and(|k| k.is(name)))
    }

    /// Whether key `i` is (or has now become) `name`.
    fn claim(&self, i: usize, name: &AttrName<'_, S>) -> bool {
        let slot = &self.slots()[i];
        slot.get_or_init(|| Key {
            hash: name.hash,
            name: name.obj.clone(),
        })
        .is(name)
    }
}

/// An attribute name that may live inline: an exact `str`, its hash cached.
struct AttrName<'a, S: LockStrategy> {
    obj: &'a ObjRef<S>,
    hash: u64,
    text: &'a str,
}

impl<'a, S: LockStrategy> AttrName<'a, S> {
    fn of(name: &'a Value<S>) -> Option<Self> {
        let obj = name.obj()?;
        match obj.stored() {
            Payload::Str(s) => Some(Self {
                obj,
                hash: s.hash(),
                text: s.as_str(),
            }),
            _ => None,
        }
    }
}

/// An instance's attributes (see the module documentation).
pub enum InstanceAttrs<S: LockStrategy> {
    /// Values for the first `len` keys of the class's [`InlineKeys`].
    Inline(SmallVec<[Value<S>; 2]>),
    /// The instance's `__dict__`.
    Dict(ObjRef<S>),
}

/// What a look-up under the instance's lock found.
enum Found<S: LockStrategy> {
    Value(Value<S>),
    Missing,
    /// The attributes are a dict: look there, outside the instance's lock.
    InDict(ObjRef<S>),
}

/// The keys of the instance's class (read under the instance's lock, see
/// the module documentation).
fn keys_of<S: LockStrategy>(class: &ObjRef<S>) -> &InlineKeys<S> {
    &crate::classes::type_obj(class)
        .expect("an instance's class is a type")
        .inline_keys
}

/// The values as a dict, in key order, for the instance whose class is
/// `class`.
fn to_dict<S: LockStrategy>(class: &ObjRef<S>, values: SmallVec<[Value<S>; 2]>) -> ObjRef<S> {
    let keys = keys_of(class);
    let mut map = crate::dict::new_map();
    for (i, value) in values.into_iter().enumerate() {
        let key = keys.key(i);
        map.insert(
            crate::dict::DictKey {
                hash: key.hash,
                key: Value::Obj(key.name.clone()),
            },
            value,
        );
    }
    ObjRef::new(Payload::Dict(PyDict::new(map)))
}

impl<S: LockStrategy> InstanceObj<S> {
    /// A new instance of `class` with no attributes yet.
    pub fn new(class: ObjRef<S>, base: Option<Box<Payload<S>>>) -> Self {
        Self {
            class: crate::object::ClassSlot::new(class),
            attrs: ObjCell::new(InstanceAttrs::Inline(SmallVec::new())),
            base,
        }
    }

    fn find(&self, header: &crate::object::Header, name: &Value<S>) -> Found<S> {
        let inline_name = AttrName::of(name);
        self.attrs.with::<S, _>(header, |attrs| match attrs {
            InstanceAttrs::Dict(d) => Found::InDict(d.clone()),
            InstanceAttrs::Inline(values) => {
                let Some(name) = &inline_name else {
                    return Found::Missing;
                };
                let class = self.class.get();
                match keys_of(&class).index_of(values.len(), name) {
                    Some(i) => Found::Value(values[i].clone()),
                    None => Found::Missing,
                }
            }
        })
    }

    /// The attribute `name` of the instance itself (not its class).
    pub fn get_attr(&self, header: &crate::object::Header, name: &Value<S>) -> Option<Value<S>> {
        match self.find(header, name) {
            Found::Value(v) => Some(v),
            Found::Missing => None,
            Found::InDict(d) => crate::ops::dict_get(&d, name),
        }
    }

    /// Sets the instance's own attribute `name`.
    pub fn set_attr(
        &self,
        vm: &mut Vm<S>,
        header: &crate::object::Header,
        name: Value<S>,
        value: Value<S>,
    ) -> PyResult<S, ()> {
        let inline_name = AttrName::of(&name);
        // The value replaced is dropped after the lock is released.
        let mut value = Some(value);
        let outcome = self.attrs.with::<S, _>(header, |attrs| {
            let values = match attrs {
                InstanceAttrs::Dict(d) => return Err(d.clone()),
                InstanceAttrs::Inline(values) => values,
            };
            let class = self.class.get();
            let keys = keys_of(&class);
            if let Some(name) = &inline_name {
                let n = values.len();
                if let Some(i) = keys.index_of(n, name) {
                    let new = value.take().expect("set once");
                    return Ok(Some(std::mem::replace(&mut values[i], new)));
                }
                if n < MAX_INLINE && keys.claim(n, name) {
                    values.push(value.take().expect("set once"));
                    return Ok(None);
                }
            }
            let d = to_dict(&class, std::mem::take(values));
            *attrs = InstanceAttrs::Dict(d.clone());
            Err(d)
        });
        match outcome {
            Ok(replaced) => {
                drop(replaced);
                Ok(())
            }
            Err(d) => crate::ops::dict_set(vm, &d, name, value.expect("not stored inline")),
        }
    }

    /// Removes the instance's own attribute `name`; the value it had.
    pub fn del_attr(
        &self,
        vm: &mut Vm<S>,
        header: &crate::object::Header,
        name: &Value<S>,
    ) -> PyResult<S, Option<Value<S>>> {
        let inline_name = AttrName::of(name);
        let outcome = self.attrs.with::<S, _>(header, |attrs| {
            let values = match attrs {
                InstanceAttrs::Dict(d) => return Err(d.clone()),
                InstanceAttrs::Inline(values) => values,
            };
            let class = self.class.get();
            let found = inline_name
                .as_ref()
                .and_then(|name| keys_of(&class).index_of(values.len(), name));
            match found {
                None => Ok(None),
                // The last one: the layout stays a prefix of the keys.
                Some(i) if i + 1 == values.len() => Ok(values.pop()),
                Some(_) => {
                    let d = to_dict(&class, std::mem::take(values));
                    *attrs = InstanceAttrs::Dict(d.clone());
                    Err(d)
                }
            }
        });
        match outcome {
            Ok(removed) => Ok(removed),
            Err(d) => crate::ops::dict_del(vm, &d, name),
        }
    }

    /// The instance's `__dict__`, made from the inline values the first time
    /// it is asked for (from then on the attributes live in it).
    pub fn dict(&self, header: &crate::object::Header) -> ObjRef<S> {
        self.attrs.with::<S, _>(header, |attrs| match attrs {
            InstanceAttrs::Dict(d) => d.clone(),
            InstanceAttrs::Inline(values) => {
                let d = to_dict(&self.class.get(), std::mem::take(values));
                *attrs = InstanceAttrs::Dict(d.clone());
                d
            }
        })
    }

    /// `obj.__class__ = new`: the values move to a dict (they are read by
    /// the class's keys) and the class is replaced, in one critical section.
    /// Returns the old class, for `Interp::retire_class`.
    #[must_use = "the old class goes to Interp::retire_class"]
    pub fn set_class(&self, header: &crate::object::Header, new: ObjRef<S>) -> ObjRef<S> {
        self.attrs.with::<S, _>(header, |attrs| {
            if let InstanceAttrs::Inline(values) = attrs {
                if !values.is_empty() {
                    let d = to_dict(&self.class.get(), std::mem::take(values));
                    *attrs = InstanceAttrs::Dict(d);
                }
            }
            self.class.set(new)
        })
    }

    /// Runs `f` on the attributes under the instance's lock (the
    /// collector's traversal, which must not change reference counts).
    pub fn with_attrs<R>(
        &self,
        header: &crate::object::Header,
        f: impl FnOnce(&InstanceAttrs<S>) -> R,
    ) -> R {
        self.attrs.with::<S, _>(header, |attrs| f(attrs))
    }

    /// Drops the inline values (the collector breaking a cycle); a dict is
    /// cleared as an object of its own.
    pub fn clear_inline(&self, header: &crate::object::Header) {
        let taken = self.attrs.with::<S, _>(header, |attrs| match attrs {
            InstanceAttrs::Inline(values) => std::mem::take(values),
            InstanceAttrs::Dict(_) => SmallVec::new(),
        });
        drop(taken)
    }
}
