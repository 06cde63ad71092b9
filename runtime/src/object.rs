//! Heap objects, tagged values, and the two safe wrappers over the raw
//! [`LockStrategy`] operations: [`ObjRef`] (a counted reference) and
//! [`ObjCell`] (mutable contents behind the object's lock).
//!
//! Small ints, floats, bools and `None` live unboxed in [`Value`]; everything
//! else is a [`PyObject`]: a [`Header`] followed by a [`Payload`].

use crate::strategy::LockStrategy;
use crate::sync::Ordering;
use std::cell::UnsafeCell;
use std::marker::PhantomData;
use std::ptr::NonNull;

pub use crate::header::{Header, FLAG_DEFERRED, FLAG_IMMORTAL, STATE_FINALIZED, STATE_WEAKREFS};
pub use crate::payload::*;

/// A heap object: header, then payload.
#[repr(C)]
pub struct PyObject<S: LockStrategy> {
    pub header: Header,
    /// The payload as allocated. Read it through [`PyObject::payload`]
    /// (what builtin code sees) or [`PyObject::stored`] (what the class
    /// machinery sees); they differ for an instance of a user subclass of
    /// a builtin type.
    pub(crate) stored: Payload<S>,
}

impl<S: LockStrategy> PyObject<S> {
    /// The object's builtin state: for an instance of a user class that
    /// derives from a builtin type (`class Stack(list)`), the base's state
    /// (a `List`), so that the builtin's code treats the instance as one of
    /// its own, as CPython's subclass instances share their base's layout.
    /// For every other object, its payload.
    #[inline(always)]
    pub fn payload(&self) -> &Payload<S> {
        match &self.stored {
            Payload::Instance(InstanceObj {
                base: Some(base), ..
            }) => base,
            other => other,
        }
    }

    /// The payload as allocated: `Instance` for every instance of a user
    /// class, whatever its base (its class and `__dict__` live there).
    #[inline(always)]
    pub fn stored(&self) -> &Payload<S> {
        &self.stored
    }
}

/// A counted reference to a heap object. Cloning adds a reference and
/// dropping removes one, through the strategy's `incref`/`decref`.
pub struct ObjRef<S: LockStrategy> {
    ptr: NonNull<PyObject<S>>,
    _owns: PhantomData<PyObject<S>>,
}

// SAFETY: objects are shared between threads by design. Every access to an
// object's mutable state goes through `ObjCell`, which takes the strategy's
// object lock (a no-op only where the GIL already excludes other threads), and
// the reference count is only changed through the strategy's incref/decref,
// which are atomic where no GIL serialises them.
unsafe impl<S: LockStrategy> Send for ObjRef<S> {}
// SAFETY: as for `Send`: shared access is mediated by the strategy.
unsafe impl<S: LockStrategy> Sync for ObjRef<S> {}

impl<S: LockStrategy> ObjRef<S> {
    /// Allocates a new object with one reference (and tracks it, if it is
    /// a container, for the cyclic garbage collector: see [`crate::gc`]).
    pub fn new(payload: Payload<S>) -> Self {
        let container = crate::gc::is_container(&payload);
        let obj = Self::with_flags(payload, 0);
        if container {
            crate::gc::on_alloc(&obj);
        }
        obj
    }

    pub(crate) fn with_flags(payload: Payload<S>, flags: u8) -> Self {
        let boxed = Box::new(PyObject {
            header: Header::new(flags),
            stored: payload,
        });
        Self {
            ptr: NonNull::from(Box::leak(boxed)),
            _owns: PhantomData,
        }
    }

    /// Identity of the object (Python's `id`, `is`).
    #[inline(always)]
    pub fn addr(&self) -> usize {
        self.ptr.as_ptr() as usize
    }

    #[inline(always)]
    pub fn ptr_eq(&self, other: &Self) -> bool {
        self.ptr == other.ptr
    }

    /// Frees an immortal object's storage at runtime teardown.
    ///
    /// # Safety
    /// The object must be immortal, its payload must already have been taken
    /// out (see [`crate::interp`]'s teardown), and no reference to it may be
    /// used afterwards.
    pub(crate) unsafe fn free_immortal(raw: NonNull<PyObject<S>>) {
        // SAFETY: the caller guarantees that this is the last use of an object
        // allocated by `with_flags` (a leaked Box).
        drop(unsafe { Box::from_raw(raw.as_ptr()) });
    }

    /// Takes over a reference that was already counted for it (by
    /// [`LockStrategy::try_incref`]).
    ///
    /// # Safety
    /// `ptr` must point to a live object allocated by [`ObjRef::with_flags`]
    /// whose count includes one reference that nobody else owns.
    pub(crate) unsafe fn from_raw_counted(ptr: NonNull<PyObject<S>>) -> Self {
        Self {
            ptr,
            _owns: PhantomData,
        }
    }

    pub(crate) fn raw(&self) -> NonNull<PyObject<S>> {
        self.ptr
    }
}

impl<S: LockStrategy> std::ops::Deref for ObjRef<S> {
    type Target = PyObject<S>;
    #[inline(always)]
    fn deref(&self) -> &PyObject<S> {
        // SAFETY: we hold a counted reference, so the object is alive.
        unsafe { self.ptr.as_ref() }
    }
}

impl<S: LockStrategy> Clone for ObjRef<S> {
    #[inline(always)]
    fn clone(&self) -> Self {
        crate::attached::check();
        // SAFETY: attached (checked above in debug builds; every caller
        // upholds it: see `crate::attached`), and the object is alive
        // because `self` holds a reference.
        unsafe { S::incref(&self.header) };
        Self {
            ptr: self.ptr,
            _owns: PhantomData,
        }
    }
}

impl<S: LockStrategy> Drop for ObjRef<S> {
    #[inline(always)]
    fn drop(&mut self) {
        crate::attached::check();
        // SAFETY: attached (see `clone`), and `self` owns the reference it
        // releases; on `true` the object is freed right here.
        if unsafe { S::decref(&self.header) } {
            free_object(self.ptr);
        }
    }
}

/// Frees an object whose last reference was just dropped. Kept out of line:
/// the drop glue of every payload kind is large, and inlining it into each
/// `Value` drop would bloat the interpreter loop.
///
/// No Python code runs here (see [`crate::finalize`]): an object with a
/// finalizer is resurrected and queued instead, and weak references to the
/// object are cleared, their callbacks queued (see [`crate::weakref`]).
#[cold]
#[inline(never)]
fn free_object<S: LockStrategy>(ptr: NonNull<PyObject<S>>) {
    let raw = ptr.as_ptr();
    // SAFETY: decref returned true, so this was the last strong reference:
    // the object stays allocated until this function frees it. Other
    // threads can still reach the header (only that) through a weak
    // reference's upgrade, which reads and compare-and-swaps the count and
    // fails on zero; the header is only read here, through shared access.
    let header = unsafe { &(*raw).header };
    // SAFETY: as above, no other thread touches the payload: it can be
    // reached only through a strong reference, and none is left (weak
    // upgrades fail on a zero count). Shared access only: the header may
    // be read by upgrades meanwhile.
    let payload = unsafe { (*raw).stored() };
    if !crate::finalize::finalized(header)
        && crate::finalize::has_finalizer(header, payload)
        && crate::finalize::accepting()
    {
        header.state().fetch_or(STATE_FINALIZED, Ordering::Relaxed);
        // SAFETY: this is the free path of an object whose count `decref`
        // just took to zero; nothing else can reach it by a strong reference.
        unsafe { S::resurrect(header) };
        let obj = ObjRef {
            ptr,
            _owns: PhantomData,
        };
        // Queued: the finalizer runs when the thread's VM next checks
        // the queue, then drops this reference. Refused (no VM to run
        // it): dropping it frees the object, finalized, without running
        // anything.
        if let Err(refused) = crate::finalize::push(crate::finalize::Pending::Finalize(obj)) {
            drop(refused);
        }
        return;
    }
    if header.state().load(Ordering::Relaxed) & STATE_WEAKREFS != 0 {
        crate::weakref::clear_dying::<S>(ptr);
    }
    if let Payload::WeakRef(w) = payload {
        crate::weakref::unlink_weakref(w, ptr.as_ptr() as usize);
    }
    if crate::gc::is_container(payload) {
        crate::gc::on_free::<S>(header);
    }
    // Weak references to the object were cleared above, so nothing can
    // reach it any more: the trashcan may release it now or a little later.
    trashcan::release(ptr.cast(), release_storage::<S>);
}

/// Frees a deferred object that the collector found unreferenced, with
/// its weak references already cleared (see
/// [`crate::interp::Interp::take_unreferenced_deferred`]).
///
/// # Safety
/// `ptr` is a `PyObject<S>` with [`FLAG_DEFERRED`] that `ObjRef::with_flags`
/// allocated, whose true count is zero and which nothing can reach any
/// more: no reference, and no weak reference.
pub(crate) unsafe fn free_deferred<S: LockStrategy>(ptr: NonNull<PyObject<S>>) {
    // Deferred objects have no finalizer (only modules, their dicts,
    // functions and constants are deferred), and the sweep cleared their
    // weak references and untracked them: none of `free_object`'s other
    // steps apply.
    trashcan::release(ptr.cast(), release_storage::<S>);
}

/// Drops an unreachable object's payload and frees its storage.
///
/// # Safety
/// `ptr` is a `PyObject<S>` that `ObjRef::with_flags` allocated as a Box,
/// whose last reference is gone and which nothing can reach any more (the
/// state [`free_object`] leaves it in).
unsafe fn release_storage<S: LockStrategy>(ptr: NonNull<u8>) {
    // SAFETY: the caller's contract: a Box-allocated `PyObject<S>` that this
    // call owns.
    let mut boxed = unsafe { Box::from_raw(ptr.cast::<PyObject<S>>().as_ptr()) };
    // Lists and tuples release their items last first, as CPython's do.
    match &mut boxed.stored {
        Payload::List(items) => crate::ops::drop_reversed(std::mem::take(items.get_mut())),
        Payload::Tuple(items) => crate::ops::drop_reversed(std::mem::take(items).into_vec()),
        _ => {}
    }
    drop(boxed);
}

/// CPython's "trashcan": releasing an object releases what it refers to,
/// so a long chain (a linked list of a million instances) would nest a
/// million frees and overflow the stack. Past [`trashcan::MAX_DEPTH`]
/// nested releases, an object is parked on a per-thread list instead, and
/// the outermost release empties that list one object at a time.
mod trashcan {
    use std::cell::{Cell, RefCell};
    use std::ptr::NonNull;

    /// Nested releases before objects are parked (CPython's limit is 50).
    pub(super) const MAX_DEPTH: u32 = 50;

    /// An unreachable object and the function that releases it (typed by
    /// the runtime's strategy, erased here so one list serves every
    /// strategy).
    type Parked = (NonNull<u8>, unsafe fn(NonNull<u8>));

    std::thread_local! {
        static DEPTH: Cell<u32> = const { Cell::new(0) };
        static PARKED: RefCell<Vec<Parked>> = const { RefCell::new(Vec::new()) };
    }

    /// Releases `ptr` with `release` now, or parks it when releases are
    /// already nested [`MAX_DEPTH`] deep.
    ///
    /// Callers pass what [`super::release_storage`] requires: an object that
    /// nothing can reach any more, owned by this call.
    pub(super) fn release(ptr: NonNull<u8>, release: unsafe fn(NonNull<u8>)) {
        let depth = DEPTH.with(Cell::get);
        // (A thread's parked list is gone once its thread-locals are being
        // destroyed; an object released then is released at once.)
        if depth >= MAX_DEPTH
            && PARKED
                .try_with(|p| p.borrow_mut().push((ptr, release)))
                .is_ok()
        {
            return;
        }
        DEPTH.with(|d| d.set(depth + 1));
        // SAFETY: the caller hands over an unreachable object it owns.
        unsafe { release(ptr) };
        if depth == 0 {
            // The outermost release: free what was parked, each at depth 1,
            // so what those release nests again and parks in turn.
            while let Some((ptr, release)) =
                PARKED.try_with(|p| p.borrow_mut().pop()).ok().flatten()
            {
                // SAFETY: parked above with the same contract.
                unsafe { release(ptr) };
            }
        }
        DEPTH.with(|d| d.set(depth));
    }
}

/// A Python value: unboxed scalars or a reference to a heap object.
///
/// The layout is fixed (an 8-byte tag, then the payload at offset 8) so that
/// moving a value is two aligned words. With the default layout a `bool`
/// payload sits at offset 1, and every move of a `Value` became byte-wise
/// copies that stalled store forwarding in the interpreter loop.
#[repr(u64)]
pub enum Value<S: LockStrategy> {
    None,
    Bool(bool),
    /// An int that fits in 64 bits; larger ones are [`Payload::BigInt`].
    Int(i64),
    Float(f64),
    Obj(ObjRef<S>),
}

const _: () = assert!(std::mem::size_of::<Option<Value<finegrained_probe::Probe>>>() == 16);
#[cfg(not(loom))]
const _: () = assert!(std::mem::size_of::<Header>() == 16);
// Every object is a header plus a `Payload` of the size of its largest
// variant, so one large variant makes every int, str and instance larger:
// variants over 64 bytes (types, functions, threads, generators,
// exceptions, sets) are boxed. A new large variant must be boxed too.
const _: () = assert!(std::mem::size_of::<Payload<finegrained_probe::Probe>>() <= 72);

/// A strategy type used only to check `Value`'s size at compile time.
mod finegrained_probe {
    use crate::object::Header;
    use crate::strategy::{LockStats, LockStrategy, StrategyConfig, ThreadIdent};
    use std::time::Duration;
    pub struct Probe;
    // SAFETY: never instantiated: it exists only for a size check.
    unsafe impl LockStrategy for Probe {
        const NAME: &'static str = "probe";
        const RELEASES_FOR_NATIVE: bool = false;
        const IMMORTALIZE_SHARED: bool = false;
        type Shared = ();
        fn new_shared(_: &StrategyConfig) {}
        fn attach(_: &(), _: ThreadIdent) {}
        fn detach(_: &(), _: ThreadIdent) {}
        fn eval_breaker(_: &()) -> bool {
            false
        }
        fn handle_eval_breaker(_: &(), _: ThreadIdent) {}
        fn request_gc(_: &()) {}
        fn take_gc_request(_: &()) -> bool {
            false
        }
        fn stop_the_world(_: &(), _: ThreadIdent) {}
        fn start_the_world(_: &(), _: ThreadIdent) {}
        unsafe fn incref(_: &Header) {}
        unsafe fn decref(_: &Header) -> bool {
            false
        }
        unsafe fn try_incref(_: &Header) -> bool {
            false
        }
        unsafe fn resurrect(_: &Header) {}
        unsafe fn lock_object(_: &Header) {}
        unsafe fn unlock_object(_: &Header) {}
        unsafe fn lock_two(_: &Header, _: &Header) {}
        fn switch_interval(_: &()) -> Duration {
            Duration::ZERO
        }
        fn set_switch_interval(_: &(), _: Duration) {}
        fn stats(_: &()) -> LockStats {
            LockStats::default()
        }
    }
}

impl<S: LockStrategy> Clone for Value<S> {
    /// A bitwise copy (plus a reference for objects). Rebuilding the enum
    /// variant by variant made the compiler assemble each copy in a stack
    /// temporary with two 8-byte stores and read it back with one 16-byte
    /// load, which stalls on store forwarding in the interpreter loop.
    #[inline(always)]
    fn clone(&self) -> Self {
        if let Value::Obj(o) = self {
            crate::attached::check();
            // SAFETY: as in `ObjRef::clone`.
            unsafe { S::incref(&o.header) };
        }
        // SAFETY: a bitwise copy of a `Value` is a valid `Value`: the scalar
        // variants are plain data, and for `Obj` the reference count was
        // incremented just above, so the copy owns its own reference exactly
        // as `ObjRef::clone` would have produced.
        unsafe { std::ptr::read(self) }
    }
}

impl<S: LockStrategy> Value<S> {
    #[inline]
    pub fn obj(&self) -> Option<&ObjRef<S>> {
        match self {
            Value::Obj(o) => Some(o),
            _ => None,
        }
    }

    #[inline]
    pub fn payload(&self) -> Option<&Payload<S>> {
        match self {
            Value::Obj(o) => Some(o.payload()),
            _ => None,
        }
    }

    /// The payload as allocated (see [`PyObject::stored`]): `Instance` for
    /// every instance of a user class.
    #[inline]
    pub fn stored(&self) -> Option<&Payload<S>> {
        match self {
            Value::Obj(o) => Some(o.stored()),
            _ => None,
        }
    }

    /// Python's `is`.
    pub fn is(&self, other: &Self) -> bool {
        match (self, other) {
            (Value::None, Value::None) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            // Small ints are cached in CPython (-5..=256); larger equal ints
            // made separately are not identical there. Unboxed ints compare
            // by value, which matches CPython for the cached range.
            (Value::Int(a), Value::Int(b)) => a == b,
            (Value::Float(a), Value::Float(b)) => a.to_bits() == b.to_bits(),
            (Value::Obj(a), Value::Obj(b)) => a.ptr_eq(b),
            _ => false,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self.payload() {
            Some(Payload::Str(s)) => Some(s.as_str()),
            _ => None,
        }
    }
}

/// Mutable contents of an object, reachable only under the object's lock.
///
/// Under a GIL the lock is a no-op: the GIL already excludes other threads.
/// Under fine-grained locking it is the header's one-byte mutex.
///
/// Outside the runtime crate the contents are reached only through the
/// `unsafe` [`ObjCell::with_unchecked`]; the safe `ObjCell::with`, whose
/// rules are the runtime's own invariants, is crate-private:
///
/// ```compile_fail,E0624
/// use runtime::object::{Header, ObjCell};
/// let cell = ObjCell::new(0_i64);
/// let h = Header::new(0);
/// // From a thread that never attached, with no GIL: private.
/// cell.with::<gil::Gil, _>(&h, |n| *n += 1);
/// ```
pub struct ObjCell<T>(UnsafeCell<T>);

// SAFETY: the contents are only reached through `with`, which holds the
// owning object's lock (or, under a GIL, runs on the thread holding the GIL).
unsafe impl<T: Send> Sync for ObjCell<T> {}

impl<T> ObjCell<T> {
    pub fn new(v: T) -> Self {
        Self(UnsafeCell::new(v))
    }

    /// Runs `f` with exclusive access to the contents. `header` must be the
    /// header of the object that owns this cell.
    ///
    /// `f` must not run Python code, reach a safe point, or lock another
    /// object: under a GIL the GIL is what makes this exclusive, and under
    /// fine-grained locking a nested lock could deadlock.
    ///
    /// Crate-private: the rules above are the runtime's own invariants (and
    /// debug builds check attachment, see [`crate::attached`]). Code outside
    /// the crate uses [`ObjCell::with_unchecked`], whose contract says so.
    #[inline(always)]
    pub(crate) fn with<S: LockStrategy, R>(
        &self,
        header: &Header,
        f: impl FnOnce(&mut T) -> R,
    ) -> R {
        struct Unlock<'a, S: LockStrategy>(&'a Header, PhantomData<S>);
        impl<S: LockStrategy> Drop for Unlock<'_, S> {
            #[inline(always)]
            fn drop(&mut self) {
                // SAFETY: this guard exists only while the lock is held.
                unsafe { S::unlock_object(self.0) };
            }
        }
        crate::attached::check();
        // SAFETY: attached (the crate-wide rule that `check` asserts), and
        // the contract above rules out holding another object's lock.
        unsafe { S::lock_object(header) };
        let _unlock = Unlock::<S>(header, PhantomData);
        // SAFETY: we hold the owning object's lock (or the GIL, under which
        // lock_object is a no-op and no other thread runs), and `f` cannot
        // re-enter this cell without running Python code, which the contract
        // above forbids; so this is the only live reference to the contents.
        f(unsafe { &mut *self.0.get() })
    }

    /// `ObjCell::with` for code outside the runtime crate (benchmarks of
    /// the object lock).
    ///
    /// # Safety
    /// The calling thread is attached to the runtime that owns the object,
    /// `header` is that object's header, and `f` runs no Python code,
    /// reaches no safe point and locks no other object.
    #[inline(always)]
    pub unsafe fn with_unchecked<S: LockStrategy, R>(
        &self,
        header: &Header,
        f: impl FnOnce(&mut T) -> R,
    ) -> R {
        self.with::<S, R>(header, f)
    }

    /// `ObjCell::with_two` for code outside the runtime crate (the loom
    /// models of two-object locking).
    ///
    /// # Safety
    /// As for [`ObjCell::with_unchecked`], for both objects.
    pub unsafe fn with_two_unchecked<S: LockStrategy, U, R>(
        &self,
        header: &Header,
        other: &ObjCell<U>,
        other_header: &Header,
        f: impl FnOnce(&mut T, Option<&mut U>) -> R,
    ) -> R {
        self.with_two::<S, U, R>(header, other, other_header, f)
    }

    /// Runs `f` with the cells of two objects locked together (CPython's
    /// `Py_BEGIN_CRITICAL_SECTION2`): `header` owns this cell, `other_header`
    /// owns `other`. Distinct objects are locked through the strategy's
    /// [`LockStrategy::lock_two`] (in address order, so two threads locking
    /// the same pair from opposite sides cannot deadlock); when both headers
    /// are the same object (`a.extend(a)`) its lock is taken once and `f`
    /// gets None for `other` (read the first cell for both). The contract of
    /// [`ObjCell::with`] applies to `f`.
    pub(crate) fn with_two<S: LockStrategy, U, R>(
        &self,
        header: &Header,
        other: &ObjCell<U>,
        other_header: &Header,
        f: impl FnOnce(&mut T, Option<&mut U>) -> R,
    ) -> R {
        if std::ptr::eq(header, other_header) && !loom_switches::lock_same_twice() {
            return self.with::<S, _>(header, |a| f(a, None));
        }
        struct Unlock2<'a, S: LockStrategy>(&'a Header, &'a Header, PhantomData<S>);
        impl<S: LockStrategy> Drop for Unlock2<'_, S> {
            fn drop(&mut self) {
                // SAFETY: this guard exists only while both locks are held.
                unsafe {
                    S::unlock_object(self.0);
                    S::unlock_object(self.1);
                }
            }
        }
        crate::attached::check();
        // SAFETY: attached, the objects are distinct (the caller's rule), and
        // no other lock is held (as for `with`).
        unsafe { S::lock_two(header, other_header) };
        let _unlock = Unlock2::<S>(header, other_header, PhantomData);
        // SAFETY: both objects' locks are held (lock_two), the objects are
        // distinct (the same object was handled above), so the two cells are
        // distinct and each reference is the only live one to its contents;
        // `f` may not run Python code (see `with`).
        f(
            unsafe { &mut *self.0.get() },
            Some(unsafe { &mut *other.0.get() }),
        )
    }

    /// Exclusive access through `&mut self` needs no lock.
    pub fn get_mut(&mut self) -> &mut T {
        self.0.get_mut()
    }
}

/// Model switches for `loom-tests` (`loom_lock_two.rs`); in production
/// builds every switch is off and compiles to nothing.
pub mod loom_switches {
    /// Mutant: `ObjCell::with_two` on one object locks it twice (as
    /// `lock_two(h, h)`), which deadlocks on the one-byte lock.
    #[cfg(loom)]
    pub static MUTANT_LOCK_SAME_TWICE: std::sync::atomic::AtomicBool =
        std::sync::atomic::AtomicBool::new(false);

    #[cfg(loom)]
    pub(crate) fn lock_same_twice() -> bool {
        MUTANT_LOCK_SAME_TWICE.load(std::sync::atomic::Ordering::Relaxed)
    }

    #[cfg(not(loom))]
    #[inline(always)]
    pub(crate) fn lock_same_twice() -> bool {
        false
    }
}
