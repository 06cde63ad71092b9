//! Native modules written by the embedding program: Rust functions that
//! Python code imports and calls, each declaring whether it releases the GIL
//! while it runs — what a C extension says with `Py_BEGIN_ALLOW_THREADS`.
//!
//! A typed function ([`NativeModule::function`]) gets its arguments converted
//! to Rust values *before* the GIL is released and its result converted back
//! *after* it is re-taken, so the body never touches a Python object and
//! releasing is always safe. Whether the release happens is the lock
//! strategy's business: `gil-release` honours it, `gil` keeps the GIL (the
//! declaration is ignored, as for the built-in `native` module), and
//! `finegrained` has no GIL to release.

use super::convert::{FromPy, IntoPy};
use crate::object::{NativeClosure, Value};
use crate::strategy::LockStrategy;
use crate::vm::{Args, PyResult, Vm};
use std::sync::Arc;

/// Whether a native function releases the GIL while it runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gil {
    /// Keep the GIL (the function is short, or touches Python objects).
    Hold,
    /// Release it while the body runs (`Py_BEGIN_ALLOW_THREADS`), in the
    /// modes that have a GIL to release for native calls.
    Release,
}

/// A Python exception raised by a native function: the builtin exception
/// class's name (`"ValueError"`) and the message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NativeError {
    pub class: &'static str,
    pub message: String,
}

impl NativeError {
    pub fn new(class: &'static str, message: impl Into<String>) -> Self {
        Self {
            class,
            message: message.into(),
        }
    }
}

/// A native function returns `Result<T, NativeError>` to raise.
impl<S: LockStrategy, T: IntoPy<S>> IntoPy<S> for Result<T, NativeError> {
    fn into_py(self, vm: &mut Vm<S>) -> PyResult<S> {
        match self {
            Ok(v) => v.into_py(vm),
            Err(e) => Err(vm.new_error(e.class, e.message)),
        }
    }
}

/// A Rust closure usable as a typed native function; `Marker` is the
/// argument tuple, which tells the implementations for each arity apart.
pub trait NativeFunction<S: LockStrategy, Marker>: Send + Sync + 'static {
    /// Wraps the closure as the runtime calls it.
    fn into_native(self, name: Arc<str>) -> Arc<NativeClosure<S>>;
}

macro_rules! native_function {
    ($n:literal $(, $t:ident $a:ident $i:tt)*) => {
        impl<S, F, R, $($t,)*> NativeFunction<S, ($($t,)*)> for F
        where
            S: LockStrategy,
            F: Fn($($t),*) -> R + Send + Sync + 'static,
            R: IntoPy<S>,
            $($t: FromPy<S>,)*
        {
            #[allow(unused_variables)]
            fn into_native(self, name: Arc<str>) -> Arc<NativeClosure<S>> {
                Arc::new(move |vm: &mut Vm<S>, args: Args<S>| {
                    crate::builtins::arity(vm, &name, &args, $n, $n)?;
                    $(let $a = $t::from_py(vm, &args.pos[$i])?;)*
                    drop(args);
                    // Only Rust values cross into the body: safe to release.
                    let result = vm.allow_threads(|| self($($a),*));
                    result.into_py(vm)
                })
            }
        }
    };
}
native_function!(0);
native_function!(1, A a 0);
native_function!(2, A a 0, B b 1);
native_function!(3, A a 0, B b 1, C c 2);
native_function!(4, A a 0, B b 1, C c 2, D d 3);

/// A module of native functions, importable by name once registered with
/// [`crate::embed::Builder::native_module`].
///
/// ```
/// use runtime::embed::{Gil, NativeModule};
/// # type S = gil::GilRelease;
/// let fastmath = NativeModule::<S>::new("fastmath")
///     .function("add", Gil::Hold, |a: i64, b: i64| a + b)
///     .function("sum_squares", Gil::Release, |n: u64| (0..n).map(|i| i * i).sum::<u64>());
/// let rt = runtime::Runtime::<S>::builder().native_module(fastmath).build();
/// let total: u64 = rt.eval("__import__('fastmath').sum_squares(4)").unwrap();
/// assert_eq!(total, 14);
/// ```
pub struct NativeModule<S: LockStrategy> {
    pub(crate) name: String,
    pub(crate) functions: Vec<NativeEntry<S>>,
}

pub(crate) struct NativeEntry<S: LockStrategy> {
    pub name: Arc<str>,
    pub releases_gil: bool,
    pub func: Arc<NativeClosure<S>>,
}

impl<S: LockStrategy> Clone for NativeModule<S> {
    fn clone(&self) -> Self {
        Self {
            name: self.name.clone(),
            functions: self
                .functions
                .iter()
                .map(|f| NativeEntry {
                    name: f.name.clone(),
                    releases_gil: f.releases_gil,
                    func: f.func.clone(),
                })
                .collect(),
        }
    }
}

impl<S: LockStrategy> NativeModule<S> {
    /// An empty module that `import name` will find.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            functions: Vec::new(),
        }
    }

    /// Adds a typed function: its arguments are converted with [`FromPy`]
    /// (a mismatch raises `TypeError`), its result with [`IntoPy`] (return
    /// `Result<T, NativeError>` to raise an exception).
    pub fn function<Marker, F: NativeFunction<S, Marker>>(
        mut self,
        name: &str,
        gil: Gil,
        f: F,
    ) -> Self {
        let name: Arc<str> = Arc::from(name);
        self.functions.push(NativeEntry {
            func: f.into_native(name.clone()),
            name,
            releases_gil: gil == Gil::Release,
        });
        self
    }

    /// Adds a function that works on Python values directly (it always
    /// holds the GIL, since it touches objects).
    ///
    /// ```
    /// use runtime::embed::NativeModule;
    /// use runtime::object::Value;
    /// # type S = gil::Gil;
    /// let m = NativeModule::<S>::new("raw").raw_function("count_args", |_vm, args| {
    ///     Ok(Value::Int(args.pos.len() as i64))
    /// });
    /// let rt = runtime::Runtime::<S>::builder().native_module(m).build();
    /// let n: i64 = rt.eval("__import__('raw').count_args(1, 'two', [3])").unwrap();
    /// assert_eq!(n, 3);
    /// ```
    pub fn raw_function(
        mut self,
        name: &str,
        f: impl Fn(&mut Vm<S>, Args<S>) -> PyResult<S> + Send + Sync + 'static,
    ) -> Self {
        self.functions.push(NativeEntry {
            name: Arc::from(name),
            releases_gil: false,
            func: Arc::new(f),
        });
        self
    }

    /// The module's import name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Fills a new module namespace with the functions (used by `import`).
    pub(crate) fn install(&self, vm: &Vm<S>, dict: &crate::object::ObjRef<S>) {
        for f in &self.functions {
            let builtin =
                vm.interp
                    .alloc_shared(crate::object::Payload::Builtin(crate::object::Builtin {
                        name: f.name.to_string().into(),
                        func: crate::object::NativeCode::Closure(f.func.clone()),
                        releases_gil: f.releases_gil,
                    }));
            vm.interp.dict_set_str(dict, &f.name, Value::Obj(builtin));
        }
    }
}
