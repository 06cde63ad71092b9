//! Native classes written by the embedding program, in the spirit of PyO3's
//! `#[pyclass]`: a Rust type `T` becomes a Python class whose instances
//! each own a `T`, with a typed constructor and typed methods, each method
//! declaring whether it releases the GIL.
//!
//! ```
//! use runtime::embed::{Gil, NativeClass, NativeModule};
//! type S = gil::GilRelease;
//!
//! struct Counter {
//!     n: i64,
//! }
//!
//! let counter = NativeClass::<S, Counter>::new("Counter", |start: i64| Counter { n: start })
//!     .method("add", Gil::Hold, |c: &mut Counter, k: i64| {
//!         c.n += k;
//!         c.n
//!     })
//!     .method("get", Gil::Hold, |c: &mut Counter| c.n)
//!     // The body runs with the GIL released (in `gil-release`).
//!     .method("spin", Gil::Release, |c: &mut Counter, times: u32| {
//!         (0..times).for_each(|_| c.n += 1);
//!     });
//! let m = NativeModule::<S>::new("counters").class(counter);
//! let rt = runtime::Runtime::<S>::builder().native_module(m).build();
//! rt.attach(|py| {
//!     py.run(
//!         "import counters\n\
//!          c = counters.Counter(5)\n\
//!          c.add(2)\n\
//!          c.spin(3)\n\
//!          class Loud(counters.Counter):\n\
//!          \x20   def add(self, k):\n\
//!          \x20       return super().add(k * 10)\n\
//!          n = c.get() + Loud(0).add(1)",
//!     )?;
//!     assert_eq!(py.eval("n")?.extract::<i64>()?, 10 + 10);
//!     assert_eq!(py.eval("type(c).__name__")?.extract::<String>()?, "Counter");
//!     Ok::<_, runtime::RunError>(())
//! })
//! .unwrap();
//! // A method called on an object of another class raises TypeError.
//! assert!(rt.eval::<i64>("counters.Counter.get(5)").is_err());
//! ```
//!
//! # Locking
//!
//! Each instance's `T` sits behind its own mutex
//! ([`crate::types::embedded::EmbeddedObject`]), so two threads calling
//! methods on one object take turns in every lock mode, and a method that
//! releases the GIL still has `&mut T` to itself. Arguments are converted
//! before the body runs and the result after, so a releasing body touches
//! no Python object; the state, the arguments and the result are
//! [`Detached`] or `'static + Send` Rust data.

use super::convert::{Detached, FromPy, IntoPy};
use super::native::Gil;
use crate::object::{InstanceObj, NativeClosure, ObjRef, Payload, PyDict, Value};
use crate::strategy::LockStrategy;
use crate::types::embedded::EmbeddedObject;
use crate::vm::{Args, PyResult, Vm};
use std::any::Any;
use std::marker::PhantomData;
use std::sync::Arc;

/// Makes an instance's state from the constructor's arguments.
type Constructor<S> = dyn Fn(&mut Vm<S>, Args<S>) -> PyResult<S, Box<dyn Any + Send>> + Send + Sync;

/// A Python class backed by the Rust type `T`; register it with
/// [`crate::embed::NativeModule::class`].
pub struct NativeClass<S: LockStrategy, T> {
    pub(crate) entry: ClassEntry<S>,
    _state: PhantomData<fn() -> T>,
}

/// A class, its type erased, as a module keeps it.
pub(crate) struct ClassEntry<S: LockStrategy> {
    name: Arc<str>,
    new: Arc<Constructor<S>>,
    /// Name, whether it releases the GIL, and the method (receiver first).
    methods: Vec<(Arc<str>, bool, Arc<NativeClosure<S>>)>,
}

/// A Rust closure usable as a class's constructor: up to four [`FromPy`]
/// arguments, returning the state.
pub trait NativeConstructor<S: LockStrategy, T, Marker>: Send + Sync + 'static {
    /// Wraps the closure as the runtime calls it.
    fn into_constructor(self, name: Arc<str>) -> Arc<Constructor<S>>;
}

/// A Rust closure usable as a method: `&mut T` then up to four [`FromPy`]
/// arguments, returning an [`IntoPy`] value.
pub trait NativeMethod<S: LockStrategy, T, Marker>: Send + Sync + 'static {
    /// Wraps the closure as the runtime calls it; `release` is the
    /// method's [`Gil`] declaration.
    fn into_method(self, class: Arc<str>, name: Arc<str>, release: bool) -> Arc<NativeClosure<S>>;
}

macro_rules! class_callables {
    ($n:literal $(, $t:ident $a:ident $i:tt)*) => {
        impl<S, T, F, $($t,)*> NativeConstructor<S, T, ($($t,)*)> for F
        where
            S: LockStrategy,
            T: Any + Send,
            F: Fn($($t),*) -> T + Send + Sync + 'static,
            $($t: FromPy<S> + Detached,)*
        {
            #[allow(unused_variables)]
            fn into_constructor(self, name: Arc<str>) -> Arc<Constructor<S>> {
                Arc::new(move |vm: &mut Vm<S>, args: Args<S>| {
                    crate::builtins::arity(vm, &name, &args, $n, $n)?;
                    $(let $a = $t::from_py(vm, &args.pos[$i])?;)*
                    Ok(Box::new(self($($a),*)) as Box<dyn Any + Send>)
                })
            }
        }

        impl<S, T, F, R, $($t,)*> NativeMethod<S, T, ($($t,)*)> for F
        where
            S: LockStrategy,
            T: Any + Send,
            F: Fn(&mut T $(, $t)*) -> R + Send + Sync + 'static,
            R: IntoPy<S> + Detached,
            $($t: FromPy<S> + Detached,)*
        {
            #[allow(unused_variables)]
            fn into_method(
                self,
                class: Arc<str>,
                name: Arc<str>,
                release: bool,
            ) -> Arc<NativeClosure<S>> {
                Arc::new(move |vm: &mut Vm<S>, args: Args<S>| {
                    let Some(receiver) = args.pos.first() else {
                        return Err(vm.type_error(format!(
                            "unbound method {class}.{name}() needs an argument"
                        )));
                    };
                    let state = crate::types::downcast::<S, EmbeddedObject>(receiver)
                        .filter(|o| o.holds::<T>());
                    let Some(state) = state else {
                        return Err(vm.type_error(format!(
                            "descriptor '{name}' for '{class}' objects doesn't apply to a '{}' object",
                            crate::ops::type_name(receiver)
                        )));
                    };
                    let given = Args { pos: args.pos[1..].to_vec(), kw: args.kw.clone() };
                    crate::builtins::arity(vm, &name, &given, $n, $n)?;
                    $(let $a = $t::from_py(vm, &given.pos[$i])?;)*
                    drop(given);
                    let result = state
                        .with_state::<S, T, R>(vm, release, |t| self(t $(, $a)*))
                        .expect("checked: the state is a T");
                    result.into_py(vm)
                })
            }
        }
    };
}
class_callables!(0);
class_callables!(1, A a 0);
class_callables!(2, A a 0, B b 1);
class_callables!(3, A a 0, B b 1, C c 2);
class_callables!(4, A a 0, B b 1, C c 2, D d 3);

impl<S: LockStrategy, T: Any + Send> NativeClass<S, T> {
    /// A class named `name` whose instances are made by `new` from the
    /// arguments of the call (`Counter(5)`).
    pub fn new<Marker>(name: &str, new: impl NativeConstructor<S, T, Marker>) -> Self {
        let name: Arc<str> = Arc::from(name);
        Self {
            entry: ClassEntry {
                new: new.into_constructor(name.clone()),
                name,
                methods: Vec::new(),
            },
            _state: PhantomData,
        }
    }

    /// Adds a method: `f` gets the instance's `T` and the converted
    /// arguments; `gil` says whether its body runs with the GIL released
    /// (see [`Gil`]).
    pub fn method<Marker>(
        mut self,
        name: &str,
        gil: Gil,
        f: impl NativeMethod<S, T, Marker>,
    ) -> Self {
        let release = gil == Gil::Release;
        let name: Arc<str> = Arc::from(name);
        let method = f.into_method(self.entry.name.clone(), name.clone(), release);
        self.entry.methods.push((name, release, method));
        self
    }
}

// Not derived: that would ask `S: Clone`.
impl<S: LockStrategy> Clone for ClassEntry<S> {
    fn clone(&self) -> Self {
        Self {
            name: self.name.clone(),
            new: self.new.clone(),
            methods: self.methods.clone(),
        }
    }
}

impl<S: LockStrategy> ClassEntry<S> {
    /// Makes the class object in module `module` (when it is imported).
    pub(crate) fn install(
        &self,
        vm: &mut Vm<S>,
        module: &str,
        dict: &ObjRef<S>,
    ) -> PyResult<S, ()> {
        let namespace = vm
            .interp
            .alloc_shared(Payload::Dict(PyDict::new(crate::dict::new_map())));
        vm.interp
            .dict_set_str(&namespace, "__module__", vm.new_str(module));
        vm.interp
            .dict_set_str(&namespace, "__qualname__", vm.new_str(&*self.name));
        let make = self.new.clone();
        let class_name = self.name.clone();
        let new = move |vm: &mut Vm<S>, mut args: Args<S>| -> PyResult<S> {
            if args.pos.is_empty() {
                return Err(vm.type_error(format!("{class_name}.__new__(): not enough arguments")));
            }
            let cls = args.pos.remove(0);
            let Some(class) = cls
                .obj()
                .filter(|c| crate::classes::type_obj(c).is_some())
                .cloned()
            else {
                return Err(vm.type_error(format!(
                    "{class_name}.__new__(X): X is not a type object ({})",
                    crate::ops::type_name(&cls)
                )));
            };
            let state = make(vm, args)?;
            let base = Payload::Native(Box::new(EmbeddedObject::new(state)));
            Ok(Value::Obj(ObjRef::new(Payload::Instance(
                InstanceObj::new(class, Some(Box::new(base))),
            ))))
        };
        let new = closure(vm, "__new__", Arc::new(new), false, false);
        let new = Value::Obj(ObjRef::new(Payload::StaticMethod(new)));
        vm.interp.dict_set_str(&namespace, "__new__", new);
        for (name, release, method) in &self.methods {
            let f = closure(vm, name, method.clone(), *release, true);
            vm.interp.dict_set_str(&namespace, name, f);
        }
        let class = crate::classes::build_class(vm, &self.name, Vec::new(), namespace, None)?;
        vm.interp.dict_set_str(dict, &self.name, class);
        Ok(())
    }
}

/// A builtin object for a closure: a plain function, or a method
/// descriptor (`method`) that binds to the instance.
fn closure<S: LockStrategy>(
    vm: &Vm<S>,
    name: &str,
    func: Arc<NativeClosure<S>>,
    releases_gil: bool,
    method: bool,
) -> Value<S> {
    Value::Obj(
        vm.interp
            .alloc_shared(Payload::Builtin(crate::object::Builtin {
                name: name.to_string().into(),
                func: crate::object::NativeCode::Closure(func),
                releases_gil,
                method,
            })),
    )
}
