//! The objects of classes that an embedding program defines in Rust
//! ([`crate::embed::NativeClass`]): a user-level class whose instances
//! carry the program's Rust state `T` as their native base.
//!
//! The state sits behind its own mutex, not an [`crate::object::ObjCell`]:
//! a method that releases the GIL runs on it while detached, when the
//! object's lock in the GIL modes (the GIL itself) is not held. The rule
//! that keeps this free of deadlock is that no thread blocks on the mutex
//! while attached to the runtime: a method that holds the GIL tries the
//! mutex and, when another thread's detached method has it, waits detached
//! ([`EmbeddedObject::with_state`]); a releasing method takes it only
//! after detaching. The state holds no Python objects (the builder's
//! types are plain Rust data), so nothing here needs the collector.

use super::{Base, NativeKind, NativeObject, TypeSpec};
use crate::object::{ObjRef, Value};
use crate::strategy::LockStrategy;
use crate::vm::{Args, PyResult, Vm};
use parking_lot::Mutex;
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
    /// detached from the runtime when `release` is set and the lock mode
    /// releases the GIL for native calls; never blocking on the mutex
    /// while attached.
    pub fn with_state<S: LockStrategy, T: Any, R>(
        &self,
        vm: &Vm<S>,
        release: bool,
        f: impl FnOnce(&mut T) -> R,
    ) -> Option<R> {
        let run = |guard: &mut Box<dyn Any + Send>| guard.downcast_mut::<T>().map(f);
        if release {
            return vm.allow_threads(|| run(&mut self.state.lock()));
        }
        match self.state.try_lock() {
            Some(mut guard) => run(&mut guard),
            None => {
                let mut guard = vm.blocking(|| self.state.lock());
                run(&mut guard)
            }
        }
    }

    /// Whether the state is a `T` (without the mutex: a thread that waits
    /// for it while attached could deadlock, see the module comment).
    pub fn holds<T: Any>(&self) -> bool {
        self.type_id == TypeId::of::<T>()
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
        name: NativeKind::Embedded.name(),
        builtin: false,
        new: embedded_new,
        methods: Vec::new,
        dunders: &[],
        base: Base::No,
    }
}
