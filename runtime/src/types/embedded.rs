//! The objects of classes that an embedding program defines in Rust
//! ([`crate::embed::NativeClass`]): a user-level class whose instances
//! carry the program's Rust state `T` as their native base.
//!
//! The state sits behind its own mutex, not an [`crate::object::ObjCell`]:
//! a method that releases the GIL runs on it while detached, when the
//! object's lock in the GIL modes (the GIL itself) is not held. The rule
//! that keeps this free of deadlock is that no thread blocks on the mutex
//! while attached to the runtime: a method that holds the GIL tries the
//! mutex and, when another thread has it, waits detached; a releasing
//! method takes it only after detaching ([`with_locked`], checked by loom). The state holds no Python objects (the builder's
//! types are plain Rust data), so nothing here needs the collector.

use super::{Base, NativeKind, NativeObject, TypeSpec};
use crate::detach::{self, loom_switches};
use crate::object::{ObjRef, Value};
use crate::strategy::LockStrategy;
use crate::strategy::ThreadIdent;
use crate::sync::{self, Mutex};
use crate::vm::{Args, PyResult, Vm};
use std::any::{Any, TypeId};

/// An instance's Rust state.
pub struct EmbeddedObject {
    /// The state's type, kept beside the mutex so that checking it never
    /// waits for the mutex.
    type_id: TypeId,
    state: Mutex<Box<dyn Any + Send>>,
}

impl EmbeddedObject {
    pub fn new(state: Box<dyn Any + Send>) -> Self {
        Self {
            type_id: (*state).type_id(),
            state: Mutex::new(state),
        }
    }

    /// Runs `f` on the state as a `T` (`None` when it is another type),
    /// by [`with_locked`]'s protocol.
    pub fn with_state<S: LockStrategy, T: Any, R>(
        &self,
        vm: &Vm<S>,
        release: bool,
        f: impl FnOnce(&mut T) -> R,
    ) -> Option<R> {
        with_locked::<S, _, _>(
            &vm.interp.strategy,
            vm.ident,
            release,
            &self.state,
            |state| state.downcast_mut::<T>().map(f),
        )
    }

    /// Whether the state is a `T` (without the mutex: a thread that waits
    /// for it while attached could deadlock, see the module comment).
    pub fn holds<T: Any>(&self) -> bool {
        self.type_id == TypeId::of::<T>()
    }
}

/// Runs `f` on the state behind `state`, the mutex of one object, for a
/// method that releases the GIL (`release`) or holds it; `thread` is
/// attached to the runtime whose strategy state is `shared`.
///
/// The protocol: no thread waits for the mutex while attached.
///
/// * A releasing method detaches first (`detach::allow_threads`, under
///   `gil-release`), then locks the mutex, runs, and unlocks before it
///   re-attaches.
/// * A holding method tries the mutex; when another thread has it, it
///   waits for it detached (`detach::blocking`) and re-attaches with the
///   mutex held. That is the one place a thread holds the mutex while it
///   waits for the GIL, and it cannot deadlock: whoever holds the GIL
///   meanwhile never waits for the mutex attached (it tries, and detaches
///   to wait), so it runs on and lets the GIL go.
///
/// Checked by `loom-tests/tests/loom_detach.rs` (`embedded_*`), with the
/// mutant in which a releasing method locks the mutex before it detaches:
/// a deadlock.
pub fn with_locked<S: LockStrategy, T, R>(
    shared: &S::Shared,
    thread: ThreadIdent,
    release: bool,
    state: &Mutex<T>,
    f: impl FnOnce(&mut T) -> R,
) -> R {
    if release {
        if detach::mutant(&loom_switches::MUTANT_EMBEDDED_LOCKS_BEFORE_DETACH) {
            let mut guard = sync::lock(state);
            return detach::allow_threads::<S, R>(shared, thread, true, || f(&mut guard));
        }
        return detach::allow_threads::<S, R>(shared, thread, true, || f(&mut sync::lock(state)));
    }
    match sync::try_lock(state) {
        Some(mut guard) => f(&mut guard),
        None => {
            let mut guard = detach::blocking::<S, _>(shared, thread, || sync::lock(state));
            f(&mut guard)
        }
    }
}

impl<S: LockStrategy> NativeObject<S> for EmbeddedObject {
    fn kind(&self) -> NativeKind {
        NativeKind::Embedded
    }

    fn repr(&self, vm: &mut Vm<S>, this: &ObjRef<S>) -> PyResult<S, String> {
        Ok(crate::repr::default_repr(vm, &Value::Obj(this.clone())))
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn embedded_new<S: LockStrategy>(vm: &mut Vm<S>, _args: Args<S>) -> PyResult<S> {
    Err(vm.type_error("cannot create 'embedded' instances"))
}

/// The type's registration (see `types/mod.rs`): not a builtin name; the
/// program's classes are user-level classes whose instances carry this.
pub fn spec<S: LockStrategy>() -> TypeSpec<S> {
    TypeSpec {
        name: NativeKind::Embedded.short_name(),
        builtin: false,
        new: embedded_new,
        methods: Vec::new,
        dunders: &[],
        base: Base::No,
    }
}
