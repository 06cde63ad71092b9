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

use super::convert::{Detached, FromPy, IntoPy};
use crate::object::{NativeClosure, Value};
use crate::strategy::LockStrategy;
use crate::vm::{Args, PyResult, Vm};
use std::sync::Arc;

/// Whether a native function releases the GIL while it runs.
///
/// Under `gil-release` a releasing function lets other Python threads run
/// bytecode meanwhile; under `gil` the declaration is ignored (the mode
/// models extensions that never release), and `finegrained` has no GIL.
///
/// ```
/// use runtime::embed::{Gil, NativeModule};
/// use runtime::{LockStrategy, Runtime};
///
/// /// Two Python threads each call `slow.wait()`, which sleeps 50 ms.
/// fn two_waits<S: LockStrategy>(gil: Gil) -> std::time::Duration {
///     let slow = NativeModule::<S>::new("slow").function("wait", gil, || {
///         std::thread::sleep(std::time::Duration::from_millis(50))
///     });
///     let rt = Runtime::<S>::builder().native_module(slow).build();
///     let start = std::time::Instant::now();
///     rt.run_source("import slow, threading\n\
///                    ts = [threading.Thread(target=slow.wait) for _ in range(2)]\n\
///                    for t in ts: t.start()\n\
///                    for t in ts: t.join()", "waits.py").unwrap();
///     start.elapsed()
/// }
/// // Holding the GIL, the two sleeps take turns: at least 100 ms.
/// assert!(two_waits::<gil::GilRelease>(Gil::Hold).as_millis() >= 100);
/// assert!(two_waits::<gil::Gil>(Gil::Release).as_millis() >= 100);
/// // Releasing it, they overlap (no upper bound is asserted: machines are noisy).
/// two_waits::<gil::GilRelease>(Gil::Release);
/// ```
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
///
/// ```
/// use runtime::embed::{Gil, NativeError, NativeModule};
/// type S = gil::Gil;
/// let m = NativeModule::<S>::new("checked").function("sqrt", Gil::Hold, |x: f64| {
///     if x < 0.0 {
///         Err(NativeError::new("ValueError", "math domain error"))
///     } else {
///         Ok(x.sqrt())
///     }
/// });
/// let rt = runtime::Runtime::<S>::builder().native_module(m).build();
/// assert_eq!(rt.eval::<f64>("__import__('checked').sqrt(9.0)").unwrap(), 3.0);
/// // Python code catches it like any other exception.
/// rt.attach(|py| py.run("import checked\n\
///                        try:\n    checked.sqrt(-1.0)\n\
///                        except ValueError as e:\n    msg = str(e)")).unwrap();
/// assert_eq!(rt.eval::<String>("msg").unwrap(), "math domain error");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NativeError {
    /// The name of a built-in exception class, such as `"ValueError"`.
    pub class: &'static str,
    /// The exception's message (`str(e)`).
    pub message: String,
}

impl NativeError {
    /// An exception of built-in class `class` with `message`.
    ///
    /// ```
    /// let e = runtime::embed::NativeError::new("KeyError", "no such key");
    /// assert_eq!((e.class, e.message.as_str()), ("KeyError", "no such key"));
    /// ```
    pub fn new(class: &'static str, message: impl Into<String>) -> Self {
        Self {
            class,
            message: message.into(),
        }
    }
}

// SAFETY: an error is a class name and a message.
unsafe impl Detached for NativeError {}
// SAFETY: holds a `T` or a `NativeError`, neither a Python object.
unsafe impl<T: Detached> Detached for Result<T, NativeError> {}

/// A native function returns `Result<T, NativeError>` to raise.
// SAFETY: converts while attached and keeps no value.
unsafe impl<S: LockStrategy, T: IntoPy<S>> IntoPy<S> for Result<T, NativeError> {
    fn into_py(self, vm: &mut Vm<S>) -> PyResult<S> {
        match self {
            Ok(v) => v.into_py(vm),
            Err(e) => Err(vm.new_error(e.class, e.message)),
        }
    }
}

/// A Rust closure usable as a typed native function; `Marker` is the
/// argument tuple, which tells the implementations for each arity apart.
///
/// It is implemented for every `Fn` of up to four [`FromPy`] arguments
/// returning an [`IntoPy`] value, all [`Detached`] (plain Rust data: the
/// body may run without the GIL); [`NativeModule::function`] takes one.
///
/// ```
/// use runtime::embed::{Gil, NativeModule};
/// type S = gil::Gil;
/// fn shout(s: String) -> String {
///     s.to_uppercase()
/// }
/// let m = NativeModule::<S>::new("text")
///     .function("shout", Gil::Hold, shout) // a fn item
///     .function("join", Gil::Hold, |parts: Vec<String>, sep: String| parts.join(&sep));
/// let rt = runtime::Runtime::<S>::builder().native_module(m).build();
/// let s: String = rt.eval("__import__('text').join(['a', 'b'], __import__('text').shout('-'))").unwrap();
/// assert_eq!(s, "a-b");
/// // Arguments are checked: the wrong count or type raises TypeError.
/// assert!(rt.eval::<String>("__import__('text').shout(1)").is_err());
/// assert!(rt.eval::<String>("__import__('text').shout()").is_err());
/// ```
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
            R: IntoPy<S> + Detached,
            $($t: FromPy<S> + Detached,)*
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
    pub(crate) classes: Vec<super::class::ClassEntry<S>>,
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
            classes: self.classes.clone(),
        }
    }
}

impl<S: LockStrategy> NativeModule<S> {
    /// An empty module that `import name` will find.
    ///
    /// ```
    /// use runtime::embed::NativeModule;
    /// type S = gil::Gil;
    /// let rt = runtime::Runtime::<S>::builder().native_module(NativeModule::new("empty")).build();
    /// assert_eq!(rt.eval::<String>("__import__('empty').__name__").unwrap(), "empty");
    /// ```
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            functions: Vec::new(),
            classes: Vec::new(),
        }
    }

    /// Adds a typed function: its arguments are converted with [`FromPy`]
    /// (a mismatch raises `TypeError`), its result with [`IntoPy`] (return
    /// `Result<T, NativeError>` to raise an exception). `gil` says whether
    /// the body runs with the GIL released (see [`Gil`]).
    ///
    /// ```
    /// use runtime::embed::{Gil, NativeModule};
    /// type S = gil::GilRelease;
    /// let stats = NativeModule::<S>::new("stats")
    ///     .function("mean", Gil::Release, |xs: Vec<f64>| xs.iter().sum::<f64>() / xs.len() as f64);
    /// let rt = runtime::Runtime::<S>::builder().native_module(stats).build();
    /// assert_eq!(rt.eval::<f64>("__import__('stats').mean([1, 2, 3.5, 5.5])").unwrap(), 3.0);
    /// ```
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
    /// # Safety
    /// `f` runs attached and must keep no `Value` (an argument, or anything
    /// reached from one) after it returns, except by storing it in Python
    /// objects through the VM: a `Value` kept in Rust state and dropped
    /// later by an unattached thread would change a reference count without
    /// the GIL. [`NativeModule::function`] is the safe way to add a
    /// function that converts its arguments.
    ///
    /// ```
    /// use runtime::embed::NativeModule;
    /// use runtime::object::Value;
    /// # type S = gil::Gil;
    /// // SAFETY: the function keeps nothing.
    /// let m = unsafe {
    ///     NativeModule::<S>::new("raw").raw_function("count_args", |_vm, args| {
    ///         Ok(Value::Int(args.pos.len() as i64))
    ///     })
    /// };
    /// let rt = runtime::Runtime::<S>::builder().native_module(m).build();
    /// let n: i64 = rt.eval("__import__('raw').count_args(1, 'two', [3])").unwrap();
    /// assert_eq!(n, 3);
    /// ```
    pub unsafe fn raw_function(
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
    ///
    /// ```
    /// let m = runtime::embed::NativeModule::<gil::Gil>::new("fastmath");
    /// assert_eq!(m.name(), "fastmath");
    /// ```
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Adds a class defined in Rust (see [`super::NativeClass`]).
    pub fn class<T>(mut self, class: super::NativeClass<S, T>) -> Self {
        self.classes.push(class.entry);
        self
    }

    /// Fills a new module namespace with the functions and classes (used
    /// by `import`).
    pub(crate) fn install(
        &self,
        vm: &mut Vm<S>,
        dict: &crate::object::ObjRef<S>,
    ) -> PyResult<S, ()> {
        for class in &self.classes {
            class.install(vm, &self.name, dict)?;
        }
        for f in &self.functions {
            let builtin =
                vm.interp
                    .alloc_shared(crate::object::Payload::Builtin(crate::object::Builtin {
                        name: f.name.to_string().into(),
                        func: crate::object::NativeCode::Closure(f.func.clone()),
                        releases_gil: f.releases_gil,
                        method: false,
                    }));
            vm.interp.dict_set_str(dict, &f.name, Value::Obj(builtin));
        }
        Ok(())
    }
}
