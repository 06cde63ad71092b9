//! Weak references (`weakref.ref`) and the protocol that keeps them sound
//! when the referent dies while another thread upgrades a reference.
//!
//! # The protocol
//!
//! Three things change while threads race: the referent's reference count,
//! the list of weak references to a referent, and whether each weak
//! reference is still alive. The count is the strategy's
//! ([`LockStrategy::try_incref`]); the other two live here.
//!
//! * The **table** ([`WeakTable`]) maps a referent's address to the
//!   addresses of the weak reference objects that point to it. It is split
//!   into stripes, each a mutex over a map; a referent's entry and the
//!   [`WeakSlot`]s of every weak reference to it are guarded by the stripe
//!   that the referent's address selects, `L(R)` below. (CPython's
//!   free-threaded build stripes its weak reference locks the same way: the
//!   lock must not live in the referent, which may be freed meanwhile.)
//! * Each weak reference object W holds a [`WeakSlot`]: the referent's
//!   address (`origin`, fixed when W is made) and `alive`, read and written
//!   only under `L(origin)`.
//!
//! The operations, each under `L(R)` from start to end:
//!
//! * **register** ([`WeakTable::register`]), with a strong reference to R
//!   held: set R's [`STATE_WEAKREFS`] bit, add W to R's entry, set
//!   `W.alive`. (Or, with `reuse`, return an existing W instead.)
//! * **upgrade** ([`WeakTable::upgrade`], calling `W()`): if `W.alive`,
//!   [`LockStrategy::try_incref`] on R's header — a compare-and-swap that
//!   adds a reference only to a non-zero count. Success gives a strong
//!   reference; a dead W or a zero count gives `None`.
//! * **clear** ([`WeakTable::clear`]), by the thread that freed R (R's count
//!   reached zero): take R's entry out; for each W in it, take a strong
//!   reference to W if W has a callback and W's own count is not zero
//!   (`try_incref` again: W may be dying too), then set `W.alive = false`.
//!   Only then is R's memory freed, and the callbacks queued (see
//!   [`crate::finalize`]); they run outside every lock.
//! * **unlink** ([`WeakTable::unlink`]), by the thread that frees W: if
//!   `W.alive`, remove W from R's entry and set `W.alive = false`. Only then
//!   is W's memory freed.
//!
//! Why this is sound:
//!
//! * An upgrade never touches freed memory: it reads R's header only under
//!   `L(R)` with `W.alive` set, and R is freed only after a clear, which
//!   takes `L(R)` and sets `W.alive = false` first. An upgrade that runs
//!   after R's count reached zero but before the clear fails its
//!   compare-and-swap, so nothing revives a dying object (a zero count never
//!   rises again: no strong reference is left to clone). The one exception
//!   is deliberate: the free path that queues a finalizer gives R its
//!   reference back ([`LockStrategy::resurrect`]) *without* clearing, and
//!   an upgrade that then succeeds simply holds a live object.
//! * A clear never touches a freed W: W is in R's entry only until its
//!   unlink, which needs `L(R)`; a W whose count reached zero while the clear
//!   holds the lock waits for it, and the clear's `try_incref` on W fails, so
//!   W's callback is not called (CPython does not call the callback of a
//!   dead weak reference either).
//! * Addresses are reused only after a free, and every free of an object
//!   with [`STATE_WEAKREFS`] clears its entry first, so an entry never
//!   outlives its referent; a dead W's `origin` may name a new object at the
//!   same address, but a dead W never becomes alive again.
//!
//! [`WeakTable`] and [`WeakSlot`] use only [`crate::sync`] primitives and
//! take the referent's [`Header`] and the weak references' addresses as
//! arguments, so a loom model can run them on its own objects.

use crate::object::{Header, ObjRef, Payload, PyObject, Value, STATE_WEAKREFS};
use crate::strategy::LockStrategy;
use crate::sync::{AtomicBool, Mutex, Ordering};
use crate::vm::{Args, PyResult, Vm};
use std::collections::HashMap;
use std::ptr::NonNull;

/// A weak reference's view of its referent, guarded by the referent's
/// stripe of the [`WeakTable`].
#[derive(Debug)]
pub struct WeakSlot {
    /// The referent's address, fixed at creation.
    origin: usize,
    /// Whether the referent has not been cleared (and the reference not
    /// unlinked). Accessed only under the `origin` stripe's lock.
    alive: AtomicBool,
}

impl WeakSlot {
    /// A slot for a weak reference to the object at `origin`, not yet
    /// registered (dead until [`WeakTable::register`]).
    pub fn new(origin: usize) -> Self {
        Self {
            origin,
            alive: AtomicBool::new(false),
        }
    }

    /// The referent's address.
    pub fn origin(&self) -> usize {
        self.origin
    }
}

/// Referent address -> addresses of the weak references to it, oldest
/// first.
type Stripe = HashMap<usize, Vec<usize>>;

/// The weak reference lists of every referent, striped by address.
pub struct WeakTable {
    stripes: Box<[Mutex<Stripe>]>,
}

impl WeakTable {
    /// A table with `stripes` locks (at least one).
    pub fn new(stripes: usize) -> Self {
        Self {
            stripes: (0..stripes.max(1))
                .map(|_| Mutex::new(HashMap::new()))
                .collect(),
        }
    }

    fn stripe(&self, referent: usize) -> &Mutex<Stripe> {
        // Heap addresses are 16-byte aligned: skip the constant low bits.
        &self.stripes[(referent >> 4) % self.stripes.len()]
    }

    /// Registers the weak reference at address `weak`, whose slot is
    /// `slot`, with the referent whose header is `referent` (at
    /// `slot.origin()`). The caller holds a strong reference to the
    /// referent. `reuse` is offered the existing weak references first,
    /// oldest first, under the lock; if it accepts one (returns true), that
    /// one's address is returned and nothing is registered.
    pub fn register(
        &self,
        referent: &Header,
        slot: &WeakSlot,
        weak: usize,
        mut reuse: impl FnMut(usize) -> bool,
    ) -> Option<usize> {
        let mut stripe = crate::sync::lock(self.stripe(slot.origin));
        let list = stripe.entry(slot.origin).or_default();
        if let Some(&existing) = list.iter().find(|&&w| reuse(w)) {
            return Some(existing);
        }
        referent.state().fetch_or(STATE_WEAKREFS, Ordering::Relaxed);
        list.push(weak);
        slot.alive.store(true, Ordering::Relaxed);
        None
    }

    /// Tries to take a strong reference to the referent of `slot`: true
    /// when one was added (through `S::try_incref` on the header that
    /// `referent` returns; it is called only while the referent is
    /// allocated, under the lock).
    pub fn upgrade<'a, S: LockStrategy>(
        &self,
        slot: &WeakSlot,
        referent: impl FnOnce() -> &'a Header,
    ) -> bool {
        #[cfg(loom)]
        if mutant(&MUTANT_UPGRADE_UNLOCKED) {
            // Broken: the referent may be cleared and freed between the
            // check and the header access.
            return slot.alive.load(Ordering::Relaxed) && try_incref::<S>(referent());
        }
        let _stripe = crate::sync::lock(self.stripe(slot.origin));
        slot.alive.load(Ordering::Relaxed) && try_incref::<S>(referent())
    }

    /// Whether the referent of `slot` has not been cleared yet.
    pub fn is_alive(&self, slot: &WeakSlot) -> bool {
        let _stripe = crate::sync::lock(self.stripe(slot.origin));
        slot.alive.load(Ordering::Relaxed)
    }

    /// Clears every weak reference to the referent at `referent`, whose
    /// count reached zero. For each weak reference, newest first, `visit`
    /// runs under the lock with its address (valid until `visit` returns)
    /// and may take a strong reference to it; then its slot, which `slot_of`
    /// returns, is marked dead.
    pub fn clear<'a>(
        &self,
        referent: usize,
        slot_of: impl Fn(usize) -> &'a WeakSlot,
        mut visit: impl FnMut(usize),
    ) {
        let mut stripe = crate::sync::lock(self.stripe(referent));
        let Some(list) = stripe.remove(&referent) else {
            return;
        };
        #[cfg(loom)]
        if mutant(&MUTANT_VISIT_UNLOCKED) {
            // Broken: a weak reference unlinked and freed after the lock is
            // released is still visited.
            drop(stripe);
            for &w in list.iter().rev() {
                visit(w);
                slot_of(w).alive.store(false, Ordering::Relaxed);
            }
            return;
        }
        for &w in list.iter().rev() {
            visit(w);
            slot_of(w).alive.store(false, Ordering::Relaxed);
        }
    }

    /// Removes the weak reference at `weak`, whose count reached zero,
    /// from its referent's list (if the referent was not cleared first).
    pub fn unlink(&self, slot: &WeakSlot, weak: usize) {
        let mut stripe = crate::sync::lock(self.stripe(slot.origin));
        if !slot.alive.load(Ordering::Relaxed) {
            return;
        }
        slot.alive.store(false, Ordering::Relaxed);
        if let Some(list) = stripe.get_mut(&slot.origin) {
            list.retain(|&w| w != weak);
            if list.is_empty() {
                stripe.remove(&slot.origin);
            }
        }
    }

    /// How many live weak references the referent at `referent` has.
    pub fn count(&self, referent: usize) -> usize {
        let stripe = crate::sync::lock(self.stripe(referent));
        stripe.get(&referent).map_or(0, Vec::len)
    }

    /// The addresses of the weak references to `referent`, each visited
    /// under the lock (see [`WeakTable::clear`] for `visit`).
    pub fn each(&self, referent: usize, mut visit: impl FnMut(usize)) {
        let stripe = crate::sync::lock(self.stripe(referent));
        if let Some(list) = stripe.get(&referent) {
            for &w in list {
                visit(w);
            }
        }
    }
}

/// loom-only switch: [`WeakTable::upgrade`] checks the slot and touches the
/// referent's header without the stripe lock (a deliberately broken
/// variant that `loom-tests/tests/loom_weakref.rs` must reject).
#[cfg(loom)]
pub static MUTANT_UPGRADE_UNLOCKED: std::sync::atomic::AtomicBool =
    std::sync::atomic::AtomicBool::new(false);

/// loom-only switch: [`WeakTable::clear`] takes the list under the lock but
/// visits the weak references after releasing it.
#[cfg(loom)]
pub static MUTANT_VISIT_UNLOCKED: std::sync::atomic::AtomicBool =
    std::sync::atomic::AtomicBool::new(false);

#[cfg(loom)]
fn mutant(switch: &std::sync::atomic::AtomicBool) -> bool {
    switch.load(std::sync::atomic::Ordering::Relaxed)
}

/// How many stripes the process's table has.
const STRIPES: usize = 64;

/// The table of this process (every runtime shares it: addresses are
/// unique while objects live).
#[cfg(not(loom))]
fn table() -> &'static WeakTable {
    static TABLE: std::sync::LazyLock<WeakTable> =
        std::sync::LazyLock::new(|| WeakTable::new(STRIPES));
    &TABLE
}

/// The loom build's table: its stripes are loom mutexes, which live for one
/// execution of a model, so it is a loom lazy static, made afresh in each
/// (its first use orders the thread that made it before later users, as
/// `LazyLock`'s does).
#[cfg(loom)]
fn table() -> &'static WeakTable {
    loom::lazy_static! {
        static ref TABLE: WeakTable = WeakTable::new(STRIPES);
    }
    &TABLE
}

// ---------------------------------------------------------------------------
// The `weakref.ref` object

/// A `weakref.ref`: the slot, and the callback to call when the referent
/// dies.
pub struct WeakRefObj<S: LockStrategy> {
    pub slot: WeakSlot,
    pub callback: Option<Value<S>>,
    /// `hash(ref)`: the referent's hash, computed on first use (CPython
    /// keeps it after the referent dies). `i64::MIN` until computed.
    hash: crate::sync::AtomicU64,
}

const NO_HASH: u64 = i64::MIN as u64;

/// The weak reference object at `addr`.
///
/// # Safety
/// `addr` must be the address of a live object with a [`Payload::WeakRef`]
/// payload, for as long as the returned reference is used.
unsafe fn weakref_at<'a, S: LockStrategy>(addr: usize) -> &'a PyObject<S> {
    // SAFETY: the caller guarantees the object is live.
    unsafe { &*(addr as *const PyObject<S>) }
}

fn slot_at<'a, S: LockStrategy>(addr: usize) -> &'a WeakSlot {
    // SAFETY: called by the table under the stripe lock for addresses in a
    // referent's list, which are live weak reference objects (see the
    // module documentation: an entry leaves the list before it is freed).
    match unsafe { &weakref_at::<S>(addr).payload() } {
        Payload::WeakRef(w) => &w.slot,
        _ => unreachable!("only weak references are registered"),
    }
}

/// Clears the weak references to an object whose count reached zero and
/// queues their callbacks (the free path calls this before freeing).
pub(crate) fn clear_dying<S: LockStrategy>(obj: NonNull<PyObject<S>>) {
    for (weakref, callback) in clear_referent(obj) {
        let entry = crate::finalize::Pending::Callback { weakref, callback };
        if let Err(refused) = crate::finalize::push(entry) {
            drop(refused);
        }
    }
}

/// Clears the weak references to `obj` (dying, or garbage that the cyclic
/// collector holds) and returns the callbacks to call, each with a strong
/// reference to its weak reference. Weak references that are dying
/// themselves get no call.
pub(crate) fn clear_referent<S: LockStrategy>(
    obj: NonNull<PyObject<S>>,
) -> Vec<(ObjRef<S>, Value<S>)> {
    let mut callbacks: Vec<(ObjRef<S>, Value<S>)> = Vec::new();
    table().clear(obj.as_ptr() as usize, slot_at::<S>, |w| {
        // SAFETY: `w` is in the referent's list, so it is live until this
        // visit returns (see `WeakTable::clear`).
        let wobj = unsafe { weakref_at::<S>(w) };
        let Payload::WeakRef(wr) = wobj.payload() else {
            return;
        };
        if let Some(cb) = &wr.callback {
            if try_incref::<S>(&wobj.header) {
                // SAFETY: try_incref added a reference, which this ObjRef
                // now owns.
                let r = unsafe { ObjRef::from_raw_counted(NonNull::from(wobj)) };
                callbacks.push((r, cb.clone()));
            }
        }
    });
    callbacks
}

/// Unlinks a weak reference whose count reached zero (the free path).
pub(crate) fn unlink_weakref<S: LockStrategy>(w: &WeakRefObj<S>, addr: usize) {
    table().unlink(&w.slot, addr);
}

/// Whether the referent of a weak reference is still alive, without
/// taking a reference to it (so callable where dropping one is not).
pub fn is_alive<S: LockStrategy>(w: &WeakRefObj<S>) -> bool {
    table().is_alive(&w.slot)
}

/// The referent of a weak reference, if it is alive: a new strong
/// reference.
pub fn upgrade<S: LockStrategy>(w: &WeakRefObj<S>) -> Option<ObjRef<S>> {
    let origin = w.slot.origin;
    let header = || {
        // SAFETY: `upgrade` calls this only under the referent's stripe
        // lock with the slot alive, when the referent is still allocated (it
        // is freed only after `clear`, which takes that lock and marks the
        // slot dead first).
        unsafe { &(*(origin as *const PyObject<S>)).header }
    };
    if table().upgrade::<S>(&w.slot, header) {
        // SAFETY: try_incref added a reference to the live object at
        // `origin`; this ObjRef owns it.
        Some(unsafe { ObjRef::from_raw_counted(NonNull::new_unchecked(origin as *mut _)) })
    } else {
        None
    }
}

/// Whether objects of this kind can be weakly referenced (CPython's
/// choices: instances of classes, functions, types, sets, generators,
/// methods, modules, locks).
fn weakrefable<S: LockStrategy>(v: &Value<S>) -> bool {
    match v.stored() {
        Some(p) => match p {
            // Subclasses of CPython's variable-size types (tuple, bytes)
            // have no `__weakref__` slot.
            Payload::Instance(i) => !matches!(
                i.base.as_deref(),
                Some(Payload::Tuple(_) | Payload::Bytes(_))
            ),
            Payload::Function(_)
            | Payload::Type(_)
            | Payload::Set { .. }
            | Payload::Generator(_)
            | Payload::BoundMethod(..)
            | Payload::Builtin(_)
            | Payload::Module(_)
            | Payload::Lock(_)
            | Payload::Thread(_)
            | Payload::Queue(_) => true,
            Payload::Exception(e) => e.dict.is_some(),
            _ => false,
        },
        None => false,
    }
}

/// `weakref.ref(obj[, callback])`.
pub fn new_ref<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    if !args.kw.is_empty() {
        return Err(vm.type_error("ref() takes no keyword arguments"));
    }
    if args.pos.is_empty() {
        return Err(vm.type_error("__new__ expected at least 1 argument, got 0"));
    }
    if args.pos.len() > 2 {
        return Err(vm.type_error(format!(
            "__new__ expected at most 2 arguments, got {}",
            args.pos.len()
        )));
    }
    let target = args.pos[0].clone();
    if !weakrefable(&target) {
        return Err(vm.type_error(format!(
            "cannot create weak reference to '{}' object",
            crate::ops::type_name(&target)
        )));
    }
    let Value::Obj(referent) = &target else {
        unreachable!("weakrefable values are objects")
    };
    let callback = match args.pos.get(1) {
        None | Some(Value::None) => None,
        Some(cb) => Some(cb.clone()),
    };
    Ok(Value::Obj(new_weakref(referent, callback)))
}

/// A weak reference to `referent`, registered in the table: `weakref.ref`
/// once its arguments are checked (the loom models in
/// `loom-tests/tests/loom_weakref.rs` call it too). Without a callback an
/// existing weak reference without one is returned instead, as in CPython
/// (`ref(x) is ref(x)`).
pub fn new_weakref<S: LockStrategy>(referent: &ObjRef<S>, callback: Option<Value<S>>) -> ObjRef<S> {
    let reusable = callback.is_none();
    let w = ObjRef::new(Payload::WeakRef(WeakRefObj {
        slot: WeakSlot::new(referent.addr()),
        callback,
        hash: crate::sync::AtomicU64::new(NO_HASH),
    }));
    let Payload::WeakRef(wr) = w.payload() else {
        unreachable!("just made")
    };
    let mut reused: Option<ObjRef<S>> = None;
    table().register(&referent.header, &wr.slot, w.addr(), |existing| {
        if !reusable {
            return false;
        }
        // SAFETY: `existing` is in the referent's list, so it is live
        // while the lock is held.
        let eobj = unsafe { weakref_at::<S>(existing) };
        match eobj.payload() {
            Payload::WeakRef(e) if e.callback.is_none() && try_incref::<S>(&eobj.header) => {
                // SAFETY: try_incref added the reference this ObjRef owns.
                reused = Some(unsafe { ObjRef::from_raw_counted(NonNull::from(eobj)) });
                true
            }
            _ => false,
        }
    });
    reused.unwrap_or(w)
}

/// `weakref.getweakrefcount(obj)`.
pub fn getweakrefcount<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    crate::builtins::arity(vm, "_weakref.getweakrefcount", &args, 1, 1)?;
    Ok(Value::Int(match &args.pos[0] {
        Value::Obj(o) => table().count(o.addr()) as i64,
        _ => 0,
    }))
}

/// `weakref.getweakrefs(obj)`: the live weak references to obj.
pub fn getweakrefs<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    crate::builtins::arity(vm, "_weakref.getweakrefs", &args, 1, 1)?;
    let mut out = Vec::new();
    if let Value::Obj(o) = &args.pos[0] {
        table().each(o.addr(), |w| {
            // SAFETY: listed weak references are live under the lock.
            let wobj = unsafe { weakref_at::<S>(w) };
            if try_incref::<S>(&wobj.header) {
                // SAFETY: try_incref added the reference this ObjRef owns.
                out.push(Value::Obj(unsafe {
                    ObjRef::from_raw_counted(NonNull::from(wobj))
                }));
            }
        });
    }
    Ok(crate::ops::new_list(out))
}

/// Calling a weak reference: the referent, or None.
pub fn call<S: LockStrategy>(vm: &mut Vm<S>, w: &WeakRefObj<S>, args: &Args<S>) -> PyResult<S> {
    if !args.kw.is_empty() {
        return Err(vm.type_error("weakref() takes no keyword arguments"));
    }
    if !args.pos.is_empty() {
        return Err(vm.type_error(format!(
            "weakref expected 0 arguments, got {}",
            args.pos.len()
        )));
    }
    Ok(upgrade(w).map_or(Value::None, Value::Obj))
}

/// `hash(ref)`: the referent's hash, kept once computed.
pub fn hash<S: LockStrategy>(vm: &mut Vm<S>, w: &WeakRefObj<S>) -> PyResult<S, i64> {
    let h = w.hash.load(Ordering::Relaxed);
    if h != NO_HASH {
        return Ok(h as i64);
    }
    let Some(referent) = upgrade(w) else {
        return Err(vm.type_error("weak object has gone away"));
    };
    let h = crate::dict::py_hash(vm, &Value::Obj(referent))?;
    w.hash.store(h as u64, Ordering::Relaxed);
    Ok(h)
}

/// `a == b` for two weak references: their referents' equality while both
/// are alive, identity otherwise.
pub fn eq<S: LockStrategy>(vm: &mut Vm<S>, a: &ObjRef<S>, b: &ObjRef<S>) -> PyResult<S, bool> {
    let (Payload::WeakRef(x), Payload::WeakRef(y)) = (a.payload(), b.payload()) else {
        return Ok(false);
    };
    match (upgrade(x), upgrade(y)) {
        (Some(p), Some(q)) => crate::ops::eq(vm, &Value::Obj(p), &Value::Obj(q)),
        _ => Ok(a.ptr_eq(b)),
    }
}

/// `repr(ref)`, as CPython prints it.
pub fn repr<S: LockStrategy>(o: &ObjRef<S>, w: &WeakRefObj<S>) -> String {
    match upgrade(w) {
        Some(r) => format!(
            "<weakref at {:#x}; to '{}' at {:#x}>",
            o.addr(),
            crate::ops::type_name(&Value::Obj(r.clone())),
            r.addr()
        ),
        None => format!("<weakref at {:#x}; dead>", o.addr()),
    }
}

/// Clears the weak references to an immortal object freed at runtime
/// teardown (its callbacks are not run: no VM is left).
pub(crate) fn clear_immortal<S: LockStrategy>(obj: NonNull<PyObject<S>>) {
    // SAFETY: the caller (teardown) holds the object alive.
    let header = unsafe { &(*obj.as_ptr()).header };
    if header.state().load(Ordering::Relaxed) & STATE_WEAKREFS != 0 {
        clear_dying(obj);
    }
}

/// [`LockStrategy::try_incref`] for the weak reference protocol's upgrades.
#[inline]
fn try_incref<S: LockStrategy>(header: &Header) -> bool {
    crate::attached::check();
    // SAFETY: every caller is attached (the weak reference operations run
    // from the VM, or from the free path of an attached thread), and holds
    // the referent's stripe lock (or is the free path that owns the
    // weak reference), which keeps the header allocated for the call.
    unsafe { S::try_incref(header) }
}
