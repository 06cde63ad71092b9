//! What each kind of object refers to (CPython's `tp_traverse`) and how to
//! break a cycle through it (`tp_clear`).
//!
//! [`traverse`] must visit exactly the references that an object holds and
//! that are counted in their referents' reference counts: the collector
//! subtracts one for each visit, and a reference it does not visit only
//! makes its referent look reachable from outside (safe), while a visit of
//! something not counted could make a live object look like garbage.
//! References kept outside objects (the VM's stack, a running generator's
//! frame, code constants, a queue's channel) are external references, which
//! is exactly what they are.

use crate::instance_attrs::InstanceAttrs;
use crate::object::{Header, IterState, ObjRef, Payload, PyObject, Value};
use crate::strategy::LockStrategy;

/// Whether objects of this kind can refer to other objects, so that they
/// can be part of a reference cycle and are tracked by the collector
/// (CPython's `Py_TPFLAGS_HAVE_GC`). Every kind is named here; a container
/// also needs its arm in [`traverse`] (and in [`clear`] if it is mutable).
pub(crate) fn is_container<S: LockStrategy>(payload: &Payload<S>) -> bool {
    match payload {
        Payload::Str(_)
        | Payload::BigInt(_)
        | Payload::Float(_)
        | Payload::Bytes(_)
        | Payload::Range(_)
        | Payload::BigRange(_)
        | Payload::Builtin(_)
        | Payload::Lock(_)
        | Payload::Socket(_)
        | Payload::Freed => false,
        // The empty tuple holds nothing (CPython's is an untracked
        // singleton).
        Payload::Tuple(items) => !items.is_empty(),
        // A queue's items live in a channel the collector cannot walk:
        // they count as references from outside, so tracking the queue
        // would find nothing.
        Payload::Queue(_) => false,
        Payload::Native(n) => n.is_container(),
        Payload::List(_)
        | Payload::Dict(_)
        | Payload::Set { .. }
        | Payload::Slice(_)
        | Payload::Iter(_)
        | Payload::DictView(..)
        | Payload::Function(_)
        | Payload::BoundMethod(..)
        | Payload::Module(_)
        | Payload::Type(_)
        | Payload::Exception(_)
        | Payload::Thread(_)
        | Payload::Instance(_)
        | Payload::Generator(_)
        | Payload::Property(..)
        | Payload::StaticMethod(_)
        | Payload::ClassMethod(_)
        | Payload::Super(..)
        | Payload::WeakRef(_)
        | Payload::Cell(_) => true,
    }
}

/// Calls `visit` with the header of every heap object `obj` refers to.
///
/// The caller runs while no other thread can change `obj` (it holds the GIL,
/// or the world is stopped); the object's lock is still taken for each
/// mutable part, uncontended, so that the access is the ordinary one.
pub(crate) fn traverse<S: LockStrategy>(obj: &PyObject<S>, visit: &mut dyn FnMut(&Header)) {
    payload_refs(&obj.header, obj.stored(), &mut Visitor(visit));
}

/// The references held by `payload`, the payload of the object whose
/// header is `h` (or, for a subclass instance, its builtin base's state).
fn payload_refs<S: LockStrategy>(h: &Header, payload: &Payload<S>, v: &mut Visitor<'_>) {
    match payload {
        Payload::List(items) => items.with::<S, _>(h, |items| v.values(items.iter())),
        Payload::Tuple(items) => v.values(items.iter()),
        Payload::Dict(d) => d.map.with::<S, _>(h, |m| {
            for (key, value) in m.iter() {
                v.value(&key.key);
                v.value(value);
            }
        }),
        Payload::Set { items, .. } => {
            items.with::<S, _>(h, |s| v.values(s.map().keys().map(|k| &k.key)))
        }
        Payload::Slice(parts) => v.values(parts.iter()),
        Payload::Iter(state) => state.with::<S, _>(h, |st| iter_refs(st, v)),
        Payload::DictView(_, dict) => v.obj(dict),
        Payload::Function(f) => {
            v.obj(&f.globals);
            f.defaults.with::<S, _>(h, |d| {
                v.values(d.positional.iter());
                v.values(d.keyword.iter().map(|(_, d)| d));
            });
            v.values(f.closure.iter());
            f.dict.with::<S, _>(h, |d| d.iter().for_each(|d| v.obj(d)));
            f.annotations
                .with::<S, _>(h, |d| d.iter().for_each(|d| v.obj(d)));
        }
        Payload::BoundMethod(this, func) => v.values([this, func]),
        Payload::Module(m) => {
            v.obj(&m.dict);
            v.obj(&m.class.get());
        }
        Payload::Type(t) => {
            let parents = t.base.iter().chain(t.bases.iter()).chain(t.mro.iter());
            parents.chain(t.dict.iter()).for_each(|o| v.obj(o));
        }
        Payload::Exception(e) => {
            v.obj(&e.class.get());
            e.dict.iter().for_each(|d| v.obj(d));
            e.args.with::<S, _>(h, |args| v.values(args.iter()));
            e.chain.with::<S, _>(h, |c| {
                v.values(c.cause.iter());
                c.context.iter().for_each(|o| v.obj(o));
            });
            e.traceback
                .with::<S, _>(h, |tb| v.values(tb.iter().map(|t| &t.globals)));
        }
        Payload::Thread(t) => t.each_reference(&mut |x| v.value(x)),
        Payload::Instance(i) => {
            v.obj(&i.class.get());
            i.with_attrs(h, |attrs| match attrs {
                InstanceAttrs::Dict(d) => v.obj(d),
                InstanceAttrs::Inline(values) => v.values(values.iter()),
            });
            if let Some(base) = &i.base {
                payload_refs(h, base, v);
            }
        }
        Payload::Generator(g) => {
            v.obj(&g.globals);
            g.frame.with::<S, _>(h, |f| v.values(f.values()));
        }
        Payload::Property(p) => {
            v.values([&p.fget, &p.fset, &p.fdel]);
            p.doc.with::<S, _>(h, |d| v.values([&*d]));
        }
        Payload::StaticMethod(f) | Payload::ClassMethod(f) => v.value(f),
        Payload::Super(class, bound) => {
            v.obj(class);
            v.value(bound);
        }
        // The referent is not a counted reference; the callback is.
        Payload::WeakRef(w) => v.values(w.callback.iter()),
        Payload::Cell(c) => c.with::<S, _>(h, |c| v.values(c.iter())),
        Payload::Native(n) => n.traverse(h, &mut |x| v.value(x)),
        // Not containers ([`is_container`] lists every kind).
        _ => {}
    }
}

/// Hands the headers of referenced objects to the collector's visit.
struct Visitor<'a>(&'a mut dyn FnMut(&Header));

impl Visitor<'_> {
    fn obj<S: LockStrategy>(&mut self, o: &ObjRef<S>) {
        (self.0)(&o.header)
    }
    fn value<S: LockStrategy>(&mut self, v: &Value<S>) {
        if let Value::Obj(o) = v {
            (self.0)(&o.header)
        }
    }
    fn values<'v, S: LockStrategy + 'v>(&mut self, vs: impl IntoIterator<Item = &'v Value<S>>) {
        vs.into_iter().for_each(|v| self.value(v))
    }
}

fn iter_refs<S: LockStrategy>(st: &IterState<S>, v: &mut Visitor) {
    match st {
        IterState::Seq { seq: o, .. }
        | IterState::Str { s: o, .. }
        | IterState::Dict { dict: o, .. } => v.obj(o),
        IterState::Enumerate { inner, .. } => v.value(inner),
        IterState::Zip { inners, .. } => v.values(inners.iter()),
        IterState::Map { func, inners } => {
            v.value(func);
            v.values(inners.iter());
        }
        IterState::Filter { func: a, inner: b }
        | IterState::Callable {
            func: a,
            sentinel: b,
        } => v.values([a, b]),
        IterState::GetItem { obj, .. } => v.value(obj),
        IterState::Range { .. } | IterState::BigRange(_) | IterState::Exhausted => {}
    }
}

/// Breaks the cycles through an unreachable object (CPython's `tp_clear`):
/// takes out what it refers to through its mutable parts, and drops that
/// after the object's lock is released. Immutable parts (a tuple's items, a
/// bound method's receiver) stay: every cycle passes through some mutable
/// object, since an immutable one can only refer to objects that existed
/// before it.
pub(crate) fn clear<S: LockStrategy>(obj: &PyObject<S>) {
    let h = &obj.header;
    // An instance's inline attributes (a dict they moved to is cleared as
    // an object of its own), then its builtin base's state, if any.
    if let Payload::Instance(i) = obj.stored() {
        i.clear_inline(h);
    }
    match obj.payload() {
        Payload::List(items) => drop(items.with::<S, _>(h, std::mem::take)),
        Payload::Dict(d) => {
            let taken = d.map.with::<S, _>(h, |m| {
                d.bump_version();
                std::mem::take(m)
            });
            drop(taken)
        }
        Payload::Set { items, .. } => drop(items.with::<S, _>(h, std::mem::take)),
        Payload::Iter(state) => {
            drop(state.with::<S, _>(h, |s| std::mem::replace(s, IterState::Exhausted)))
        }
        Payload::Function(f) => {
            drop(f.dict.with::<S, _>(h, Option::take));
            drop(f.annotations.with::<S, _>(h, Option::take));
        }
        Payload::Exception(e) => {
            drop(e.args.with::<S, _>(h, std::mem::take));
            drop(e.chain.with::<S, _>(h, std::mem::take));
            drop(e.traceback.with::<S, _>(h, std::mem::take));
        }
        Payload::Generator(g) => drop(g.frame.with::<S, _>(h, std::mem::take)),
        Payload::Cell(c) => drop(c.with::<S, _>(h, Option::take)),
        Payload::Native(n) => n.clear(h),
        _ => {}
    }
}
