//! Using Gilgamesh as a library: pick a lock mode by type, run Python from
//! Rust, pass values both ways, call back and forth, register native
//! functions, and read what the locks did.
//!
//! The lock mode is a type parameter — `Runtime<gil::Gil>`,
//! `Runtime<gil::GilRelease>`, `Runtime<finegrained::FineGrained>` — so each
//! runtime is monomorphised with no dynamic dispatch inside (the
//! `workloads::Mode` enum picks one at run time for programs that read the
//! mode from a flag).
//!
//! Python objects are only touched by a thread *attached* to the runtime
//! (holding the GIL in the GIL modes). [`Runtime::attach`] attaches the
//! calling thread for the length of a closure and hands it a [`Python`]
//! token; every value it gives out is a [`Bound`] that borrows the token,
//! so a value cannot outlive the attachment — using one after detaching is a
//! compile error, as with PyO3's `Python<'py>` and `Bound<'py, T>`.
//! [`Python::allow_threads`] detaches around blocking Rust work.
//!
//! ```
//! use runtime::Runtime;
//! use gil::Gil;
//!
//! let rt = Runtime::<Gil>::builder().capture_output(true).build();
//! rt.attach(|py| {
//!     py.run("def greet(name):\n    return 'hello ' + name\nprint(greet('py'))")?;
//!     let greet = py.get("greet").expect("defined above");
//!     let text: String = greet.call(("rust",))?.extract()?;
//!     assert_eq!(text, "hello rust");
//!     py.set("answer", 42_i64)?;
//!     let doubled: i64 = py.eval("answer * 2")?.extract()?;
//!     assert_eq!(doubled, 84);
//!     Ok::<_, runtime::RunError>(())
//! })
//! .unwrap();
//! assert_eq!(rt.take_stdout(), "hello py\n");
//! ```

mod convert;
mod native;

pub use convert::{FromPy, IntoPy, IntoPyArgs, PyBytes};
pub use native::{Gil, NativeError, NativeFunction, NativeModule};

use crate::interp::InterpConfig;
use crate::object::{ObjRef, Value};
use crate::strategy::LockStrategy;
use crate::vm::{PyErr, PyResult, Vm};
use crate::{RunError, Runtime};
use std::cell::RefCell;
use std::marker::PhantomData;
use std::time::Duration;

/// The settings of a [`Runtime`], set before it starts.
///
/// ```
/// use std::time::Duration;
/// let rt = runtime::Runtime::<gil::Gil>::builder()
///     .switch_interval(Duration::from_millis(1))
///     .recursion_limit(200)
///     .argv(["prog.py", "--fast"])
///     .build();
/// let limit: i64 = rt.eval("__import__('sys').getrecursionlimit()").unwrap();
/// assert_eq!(limit, 200);
/// let argv: Vec<String> = rt.eval("__import__('sys').argv").unwrap();
/// assert_eq!(argv, ["prog.py", "--fast"]);
/// ```
pub struct Builder<S: LockStrategy> {
    config: InterpConfig,
    argv: Vec<String>,
    modules: Vec<NativeModule<S>>,
}

impl<S: LockStrategy> Default for Builder<S> {
    fn default() -> Self {
        Self {
            config: InterpConfig::default(),
            argv: vec![String::new()],
            modules: Vec::new(),
        }
    }
}

impl<S: LockStrategy> Builder<S> {
    /// How long a thread waiting for the GIL waits before asking the holder
    /// to drop it (`sys.setswitchinterval`; CPython's 5 ms by default).
    /// Ignored by modes without a GIL.
    pub fn switch_interval(mut self, interval: Duration) -> Self {
        self.config.strategy.switch_interval = interval;
        self
    }

    /// The Python call depth at which `RecursionError` is raised (1000 by
    /// default, as in CPython).
    pub fn recursion_limit(mut self, limit: usize) -> Self {
        self.config.recursion_limit = limit;
        self
    }

    /// The cyclic garbage collector's thresholds (`gc.set_threshold`;
    /// CPython's `(700, 10, 10)` by default).
    ///
    /// ```
    /// let rt = runtime::Runtime::<gil::Gil>::builder().gc_thresholds([100, 5, 5]).build();
    /// assert_eq!(rt.eval::<(i64, i64, i64)>("__import__('gc').get_threshold()").unwrap(), (100, 5, 5));
    /// ```
    pub fn gc_thresholds(mut self, thresholds: [u32; crate::gc::GENERATIONS]) -> Self {
        self.config.gc.thresholds = thresholds;
        self
    }

    /// Whether the cyclic garbage collector runs by itself (`gc.enable()`,
    /// the default) or only when asked (`gc.disable()`, then
    /// `gc.collect()`).
    ///
    /// ```
    /// let rt = runtime::Runtime::<gil::Gil>::builder().gc_enabled(false).build();
    /// assert!(!rt.eval::<bool>("__import__('gc').isenabled()").unwrap());
    /// ```
    pub fn gc_enabled(mut self, enabled: bool) -> Self {
        self.config.gc.enabled = enabled;
        self
    }

    /// Keep what Python prints to stdout and stderr, for
    /// [`Runtime::take_stdout`] and [`Runtime::take_stderr`], instead of
    /// writing it to the process's streams.
    pub fn capture_output(mut self, capture: bool) -> Self {
        self.config.capture_output = capture;
        self
    }

    /// `sys.argv`.
    pub fn argv<I: IntoIterator<Item = T>, T: Into<String>>(mut self, argv: I) -> Self {
        self.argv = argv.into_iter().map(Into::into).collect();
        self
    }

    /// Makes a native module importable.
    pub fn native_module(mut self, module: NativeModule<S>) -> Self {
        self.modules.push(module);
        self
    }

    pub fn build(self) -> Runtime<S> {
        let rt = Runtime::with_config(&self.config);
        rt.set_argv(self.argv);
        let mut modules = rt
            .interp
            .native_modules
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        for m in self.modules {
            modules.insert(m.name.clone(), m);
        }
        drop(modules);
        rt
    }
}

/// A thread's attachment to a runtime: the proof that it may touch Python
/// objects. Handed out by [`Runtime::attach`], valid for `'py`.
pub struct Python<'py, S: LockStrategy> {
    session: &'py Session<S>,
    /// Not `Send`: the attachment belongs to one thread.
    _not_send: PhantomData<*const ()>,
}

impl<S: LockStrategy> Clone for Python<'_, S> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<S: LockStrategy> Copy for Python<'_, S> {}

/// The VM of an attached thread and the `__main__` namespace it runs in.
pub(crate) struct Session<S: LockStrategy> {
    pub(crate) vm: RefCell<Vm<S>>,
    pub(crate) main: ObjRef<S>,
}

/// A Python value held by an attached thread; it cannot outlive the
/// attachment (`'py`).
pub struct Bound<'py, S: LockStrategy> {
    value: Value<S>,
    py: Python<'py, S>,
}

impl<S: LockStrategy> Clone for Bound<'_, S> {
    fn clone(&self) -> Self {
        Self {
            value: self.value.clone(),
            py: self.py,
        }
    }
}

impl<S: LockStrategy> std::fmt::Debug for Bound<'_, S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.repr().unwrap_or_else(|_| "<unprintable>".into()))
    }
}

impl<S: LockStrategy> Runtime<S> {
    /// A builder for a runtime's settings.
    pub fn builder() -> Builder<S> {
        Builder::default()
    }

    /// Attaches the calling thread for the length of `f` (taking the GIL in
    /// the GIL modes) and runs `f` with the token. Code and values share the
    /// runtime's `__main__` namespace across calls.
    pub fn attach<R>(&self, f: impl for<'py> FnOnce(Python<'py, S>) -> R) -> R {
        let vm = Vm::new(self.interp.clone());
        vm.attach();
        let session = Session {
            vm: RefCell::new(vm),
            main: self.interp.main.clone(),
        };
        let result = f(Python {
            session: &session,
            _not_send: PhantomData,
        });
        let Session { vm, main } = session;
        drop(main);
        // Release every reference (and run pending finalizers) while still
        // attached.
        let mut vm = vm.into_inner();
        vm.finish();
        vm.detach();
        result
    }

    /// Evaluates one expression in `__main__` and converts its value.
    ///
    /// ```
    /// let rt = runtime::Runtime::<finegrained::FineGrained>::builder().build();
    /// let squares: Vec<i64> = rt.eval("[i * i for i in range(5)]").unwrap();
    /// assert_eq!(squares, [0, 1, 4, 9, 16]);
    /// let err = rt.eval::<i64>("1 // 0").unwrap_err();
    /// assert!(matches!(err, runtime::RunError::Exception { ref type_name, .. } if type_name == "ZeroDivisionError"));
    /// ```
    pub fn eval<T: FromPy<S>>(&self, expr: &str) -> Result<T, RunError> {
        self.attach(|py| py.eval(expr)?.extract())
    }

    /// Starts a Rust thread attached to this runtime that runs `f`.
    ///
    /// ```
    /// let rt = runtime::Runtime::<finegrained::FineGrained>::builder().build();
    /// rt.attach(|py| py.run("def square(x):\n    return x * x")).unwrap();
    /// let workers: Vec<_> = (0..4_i64)
    ///     .map(|i| rt.spawn(move |py| -> Result<i64, runtime::RunError> {
    ///         py.get("square").unwrap().call((i,))?.extract()
    ///     }))
    ///     .collect();
    /// let sum: i64 = workers.into_iter().map(|w| w.join().unwrap().unwrap()).sum();
    /// assert_eq!(sum, 0 + 1 + 4 + 9);
    /// ```
    pub fn spawn<R: Send + 'static>(
        &self,
        f: impl for<'py> FnOnce(Python<'py, S>) -> R + Send + 'static,
    ) -> std::thread::JoinHandle<R> {
        let rt = self.clone();
        std::thread::Builder::new()
            .stack_size(crate::modules::threading::PYTHON_THREAD_STACK)
            .spawn(move || rt.attach(f))
            .expect("spawn an attached thread")
    }

    /// What Python printed to stdout since the last call (with
    /// [`Builder::capture_output`]).
    pub fn take_stdout(&self) -> String {
        String::from_utf8_lossy(&self.interp.take_stdout()).into_owned()
    }

    /// What Python wrote to stderr since the last call (with
    /// [`Builder::capture_output`]).
    pub fn take_stderr(&self) -> String {
        String::from_utf8_lossy(&self.interp.take_stderr()).into_owned()
    }
}

impl<'py, S: LockStrategy> Python<'py, S> {
    fn vm(&self) -> std::cell::RefMut<'py, Vm<S>> {
        self.session.vm.borrow_mut()
    }

    fn bind(&self, value: Value<S>) -> Bound<'py, S> {
        Bound { value, py: *self }
    }

    /// Turns a Python exception into the error Rust sees.
    fn error(&self, err: PyErr<S>) -> RunError {
        crate::run_error(&mut self.vm(), &err)
    }

    fn check<T>(&self, r: PyResult<S, T>) -> Result<T, RunError> {
        r.map_err(|e| self.error(e))
    }

    /// Runs statements in `__main__`.
    pub fn run(&self, source: &str) -> Result<(), RunError> {
        let code = crate::load(&self.vm().interp, source, "<string>", false)?;
        let r = self.vm().run_module_code(&code, &self.session.main);
        self.check(r).map(drop)
    }

    /// Evaluates one expression in `__main__`.
    pub fn eval(&self, expr: &str) -> Result<Bound<'py, S>, RunError> {
        let code = crate::load(&self.vm().interp, expr, "<string>", true)?;
        let r = self.vm().run_module_code(&code, &self.session.main);
        self.check(r).map(|v| self.bind(v))
    }

    /// A global of `__main__`.
    pub fn get(&self, name: &str) -> Option<Bound<'py, S>> {
        let key = self.vm().new_str(name);
        crate::ops::dict_get(&self.session.main, &key).map(|v| self.bind(v))
    }

    /// Sets a global of `__main__`.
    pub fn set(&self, name: &str, value: impl IntoPy<S>) -> Result<(), RunError> {
        let r = value.into_py(&mut self.vm());
        let value = self.check(r)?;
        self.vm()
            .interp
            .dict_set_str(&self.session.main, name, value);
        Ok(())
    }

    /// Converts a Rust value into a Python one.
    pub fn to_object(&self, value: impl IntoPy<S>) -> Result<Bound<'py, S>, RunError> {
        let r = value.into_py(&mut self.vm());
        self.check(r).map(|v| self.bind(v))
    }

    /// `import name`.
    pub fn import(&self, name: &str) -> Result<Bound<'py, S>, RunError> {
        let name = match self.vm().new_str(name) {
            Value::Obj(o) => o,
            _ => unreachable!("new_str returns an object"),
        };
        let r = crate::modules::import(&mut self.vm(), &name);
        self.check(r).map(|v| self.bind(v))
    }

    /// Detaches (releases the GIL in the GIL modes) while `f` runs blocking
    /// or long Rust work, then re-attaches: `Py_BEGIN_ALLOW_THREADS`. `f`
    /// cannot use this token or its values (they are not `Send`... and the
    /// closure gets no token), so it cannot touch Python objects.
    ///
    /// ```
    /// let rt = runtime::Runtime::<gil::Gil>::builder().build();
    /// let n = rt.attach(|py| py.allow_threads(|| (1..=10u64).product::<u64>()));
    /// assert_eq!(n, 3_628_800);
    /// ```
    pub fn allow_threads<R: Send>(&self, f: impl FnOnce() -> R + Send) -> R {
        self.vm().blocking(f)
    }

    /// What the lock strategy counted so far.
    pub fn lock_stats(&self) -> crate::LockStats {
        S::stats(&self.vm().interp.strategy)
    }
}

impl<'py, S: LockStrategy> Bound<'py, S> {
    /// The token this value is bound to.
    pub fn py(&self) -> Python<'py, S> {
        self.py
    }

    /// The underlying value.
    pub fn value(&self) -> &Value<S> {
        &self.value
    }

    /// Converts to a Rust value; a mismatch is a `TypeError`.
    pub fn extract<T: FromPy<S>>(&self) -> Result<T, RunError> {
        let r = T::from_py(&mut self.py.vm(), &self.value);
        self.py.check(r)
    }

    /// Calls the value with positional arguments (a tuple, `()` for none).
    pub fn call(&self, args: impl IntoPyArgs<S>) -> Result<Bound<'py, S>, RunError> {
        let r = args.into_args(&mut self.py.vm());
        let args = self.py.check(r)?;
        let r = self.py.vm().call(&self.value, args);
        self.py.check(r).map(|v| self.py.bind(v))
    }

    /// `getattr(value, name)`.
    pub fn getattr(&self, name: &str) -> Result<Bound<'py, S>, RunError> {
        let name = match self.py.vm().new_str(name) {
            Value::Obj(o) => o,
            _ => unreachable!("new_str returns an object"),
        };
        let r = crate::ops::get_attr(&mut self.py.vm(), &self.value, &name);
        self.py.check(r).map(|v| self.py.bind(v))
    }

    /// Calls a method by name.
    ///
    /// ```
    /// let rt = runtime::Runtime::<gil::Gil>::builder().build();
    /// rt.attach(|py| {
    ///     let words = py.to_object(vec!["b", "a"])?;
    ///     words.call_method("append", ("c",))?;
    ///     words.call_method("sort", ())?;
    ///     assert_eq!(words.extract::<Vec<String>>()?, ["a", "b", "c"]);
    ///     assert_eq!(words.repr()?, "['a', 'b', 'c']");
    ///     Ok::<_, runtime::RunError>(())
    /// })
    /// .unwrap();
    /// ```
    pub fn call_method(
        &self,
        name: &str,
        args: impl IntoPyArgs<S>,
    ) -> Result<Bound<'py, S>, RunError> {
        self.getattr(name)?.call(args)
    }

    /// `repr(value)`.
    pub fn repr(&self) -> Result<String, RunError> {
        let r = crate::repr::repr(&mut self.py.vm(), &self.value);
        self.py.check(r)
    }

    /// `str(value)`.
    pub fn str(&self) -> Result<String, RunError> {
        let r = crate::repr::to_str(&mut self.py.vm(), &self.value);
        self.py.check(r)
    }

    /// `value is None`.
    pub fn is_none(&self) -> bool {
        matches!(self.value, Value::None)
    }
}
