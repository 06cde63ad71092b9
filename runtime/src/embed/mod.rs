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
//!
//! # A tour
//!
//! - **Settings**: [`Runtime::builder`] ([`Builder`]): switch interval,
//!   recursion limit, GC thresholds, output capture, `sys.argv`, native
//!   modules.
//! - **Running code**: [`Runtime::run_file`] and [`Runtime::run_source`] run
//!   a program as `__main__` and wait for its threads; [`Python::run`] and
//!   [`Python::eval`] (or [`Runtime::eval`]) work in a `__main__` namespace
//!   that lasts across calls. Errors are a [`RunError`] carrying the
//!   exception's class, message and traceback.
//! - **Values**: [`IntoPy`] and [`FromPy`] convert integers (big ones too),
//!   floats, bool, str, [`PyBytes`], lists, tuples, dicts and `None`;
//!   [`Bound::extract`], [`Python::to_object`], [`Bound::call`],
//!   [`Bound::call_method`], [`Bound::getattr`], [`Python::get`] and
//!   [`Python::set`] move them across.
//! - **Threads**: a Rust thread attaches with [`Runtime::attach`] (or starts
//!   attached with [`Runtime::spawn`]) and detaches around blocking work with
//!   [`Python::allow_threads`], the `Py_BEGIN_ALLOW_THREADS` of this API.
//!   Python threads started by Python code (`threading.Thread`) run
//!   alongside, and [`Runtime::run_source`] joins them as CPython does at
//!   exit.
//! - **Native modules**: [`NativeModule`] registers Rust functions under an
//!   importable name, each declaring with [`Gil`] whether it releases the GIL
//!   while it runs, and classes ([`NativeClass`]) whose instances own a
//!   Rust value, with typed methods.
//! - **Counters**: [`Runtime::lock_stats`] ([`LockStats`](crate::LockStats))
//!   and [`Runtime::gc_stats`] ([`GcStats`](crate::GcStats)).
//!
//! The `workloads` crate's examples put these together: `embed_modes` (a
//! script in each mode), `thread_pool` (Rust threads feeding work to
//! Python) and `native_release` (a native function holding and releasing
//! the GIL, timed side by side).
//!
//! ```
//! // Python threads started from Rust, under a mode picked by type.
//! fn count_in_threads<S: runtime::LockStrategy>() -> String {
//!     let rt = runtime::Runtime::<S>::builder().capture_output(true).build();
//!     rt.run_source(
//!         "import threading\n\
//!          lock = threading.Lock()\n\
//!          count = 0\n\
//!          def bump():\n\
//!          \x20   global count\n\
//!          \x20   for _ in range(1000):\n\
//!          \x20       with lock:\n\
//!          \x20           count += 1\n\
//!          ts = [threading.Thread(target=bump) for _ in range(4)]\n\
//!          for t in ts: t.start()\n\
//!          for t in ts: t.join()\n\
//!          print(count)",
//!         "count.py",
//!     )
//!     .unwrap();
//!     rt.take_stdout()
//! }
//! assert_eq!(count_in_threads::<gil::Gil>(), "4000\n");
//! assert_eq!(count_in_threads::<finegrained::FineGrained>(), "4000\n");
//! ```
//!
//! ```
//! // Python threads started from Rust code, through the `threading` module.
//! let rt = runtime::Runtime::<gil::GilRelease>::builder().build();
//! let squares: Vec<i64> = rt
//!     .attach(|py| {
//!         py.run("import threading\nresults = []\ndef work(n):\n    results.append(n * n)")?;
//!         let thread = py.eval("lambda n: threading.Thread(target=work, args=(n,))")?;
//!         let mut started = Vec::new();
//!         for n in 0..3_i64 {
//!             let t = thread.call((n,))?;
//!             t.call_method("start", ())?;
//!             started.push(t);
//!         }
//!         for t in &started {
//!             t.call_method("join", ())?; // waits without holding the GIL
//!         }
//!         py.eval("sorted(results)")?.extract()
//!     })
//!     .unwrap();
//! assert_eq!(squares, [0, 1, 4]);
//! ```

//! # Several runtimes, several GILs
//!
//! Runtimes are independent: each has its own lock state (its own GIL in
//! the GIL modes), builtins, modules and objects, and several may live in
//! one process. A thread attached to one runtime may attach to another; to
//! let the first runtime's other threads run meanwhile, detach from it
//! first with [`Python::allow_threads`]. Python code gets the same thing
//! through `concurrent.interpreters` (PEP 734): `create()` makes a runtime
//! of the same mode, and values crossing between them are copied.
//!
//! ```
//! use runtime::Runtime;
//! use gil::Gil;
//!
//! let a = Runtime::<Gil>::builder().build();
//! let b = Runtime::<Gil>::builder().build();
//! // This thread holds `a`'s GIL while another thread runs Python in `b`:
//! // with one GIL for both, the join below would never return.
//! let total = a.attach(|py| {
//!     py.run("here = 'a'")?;
//!     let b = b.clone();
//!     let sum = std::thread::spawn(move || b.eval::<i64>("sum(range(1000))"))
//!         .join()
//!         .unwrap()?;
//!     Ok::<_, runtime::RunError>(sum)
//! })
//! .unwrap();
//! assert_eq!(total, 499_500);
//! // Nothing is shared: `b` has no `here`.
//! assert!(b.eval::<String>("here").is_err());
//!
//! // The same from Python: an interpreter per thread, each with its own GIL.
//! let rt = Runtime::<Gil>::builder().capture_output(true).build();
//! rt.run_source(
//!     "from concurrent import interpreters\n\
//!      def count(n):\n    while n > 0:\n        n -= 1\n    return n\n\
//!      workers = [interpreters.create() for _ in range(2)]\n\
//!      ts = [w.call_in_thread(count, 10_000) for w in workers]\n\
//!      for t in ts: t.join()\n\
//!      q = interpreters.create_queue()\n\
//!      workers[0].prepare_main(q=q)\n\
//!      workers[0].exec('q.put((6 * 7, \"copied\"))')\n\
//!      print(q.get(), workers[1].call(count, 5))",
//!     "interps.py",
//! )
//! .unwrap();
//! assert_eq!(rt.take_stdout(), "(42, 'copied') 0\n");
//! ```

mod class;
mod convert;
mod handle;
mod native;

pub use class::{NativeClass, NativeConstructor, NativeMethod};
pub use convert::{Detached, FromPy, IntoPy, IntoPyArgs, PyBytes};
pub use handle::Py;
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
    ///
    /// ```
    /// use std::time::Duration;
    /// let rt = runtime::Runtime::<gil::Gil>::builder()
    ///     .switch_interval(Duration::from_micros(500))
    ///     .build();
    /// assert_eq!(rt.eval::<f64>("__import__('sys').getswitchinterval()").unwrap(), 0.0005);
    /// ```
    pub fn switch_interval(mut self, interval: Duration) -> Self {
        self.config.strategy.switch_interval = interval;
        self
    }

    /// The Python call depth at which `RecursionError` is raised (1000 by
    /// default, as in CPython).
    ///
    /// ```
    /// let rt = runtime::Runtime::<gil::Gil>::builder().recursion_limit(50).build();
    /// rt.attach(|py| py.run("def depth(n):\n    return depth(n + 1)")).unwrap();
    /// let err = rt.eval::<i64>("depth(0)").unwrap_err();
    /// assert!(matches!(err, runtime::RunError::Exception { ref type_name, .. } if type_name == "RecursionError"));
    /// ```
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
    ///
    /// ```
    /// let rt = runtime::Runtime::<gil::Gil>::builder().capture_output(true).build();
    /// rt.run_source("print('out')\nprint(1 / 0)", "two.py").unwrap_err();
    /// assert_eq!(rt.take_stdout(), "out\n");
    /// // An uncaught exception is the caller's to print: it is the error.
    /// assert_eq!(rt.take_stderr(), "");
    /// ```
    pub fn capture_output(mut self, capture: bool) -> Self {
        self.config.capture_output = capture;
        self
    }

    /// `sys.argv` (`['']` by default, as for `python -c`).
    ///
    /// ```
    /// let rt = runtime::Runtime::<gil::Gil>::builder().argv(["job.py", "--n", "3"]).build();
    /// let n: i64 = rt.eval("int(__import__('sys').argv[2])").unwrap();
    /// assert_eq!(n, 3);
    /// ```
    pub fn argv<I: IntoIterator<Item = T>, T: Into<String>>(mut self, argv: I) -> Self {
        self.argv = argv.into_iter().map(Into::into).collect();
        self
    }

    /// Makes a native module importable (see [`NativeModule`]); call it once
    /// per module.
    ///
    /// ```
    /// use runtime::embed::{Gil, NativeModule};
    /// type S = finegrained::FineGrained;
    /// let rt = runtime::Runtime::<S>::builder()
    ///     .native_module(NativeModule::new("one").function("f", Gil::Hold, || 1_i64))
    ///     .native_module(NativeModule::new("two").function("f", Gil::Hold, || 2_i64))
    ///     .build();
    /// let sum: i64 = rt.eval("__import__('one').f() + __import__('two').f()").unwrap();
    /// assert_eq!(sum, 3);
    /// ```
    pub fn native_module(mut self, module: NativeModule<S>) -> Self {
        self.modules.push(module);
        self
    }

    /// Creates the runtime. Nothing runs until the first [`Runtime::attach`],
    /// [`Runtime::eval`] or [`Runtime::run_source`].
    ///
    /// ```
    /// let rt = runtime::Runtime::<gil::GilRelease>::builder().build();
    /// assert_eq!(rt.eval::<String>("__name__").unwrap(), "__main__");
    /// ```
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
///
/// It is `Copy`, so pass it by value to helper functions:
///
/// ```
/// use runtime::embed::Python;
/// use runtime::{LockStrategy, RunError};
///
/// fn mean<S: LockStrategy>(py: Python<'_, S>, xs: &[f64]) -> Result<f64, RunError> {
///     py.set("xs", xs.to_vec())?;
///     py.eval("sum(xs) / len(xs)")?.extract()
/// }
/// let rt = runtime::Runtime::<gil::Gil>::builder().build();
/// assert_eq!(rt.attach(|py| mean(py, &[1.0, 2.0, 6.0])).unwrap(), 3.0);
/// ```
///
/// The token belongs to the attached thread: it is neither `Send` nor
/// `Sync`, so another thread cannot use it.
///
/// ```compile_fail,E0277
/// let rt = runtime::Runtime::<gil::Gil>::builder().build();
/// rt.attach(|py| {
///     std::thread::scope(|s| {
///         s.spawn(|| py.run("x = 1")); // error: `Python` cannot be shared between threads
///     });
/// });
/// ```
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
/// attachment (`'py`). Dropping it releases the reference.
///
/// ```
/// let rt = runtime::Runtime::<gil::Gil>::builder().build();
/// let total: i64 = rt.attach(|py| {
///     let counts = py.eval("{'a': 1, 'b': 2}")?;     // a Bound dict
///     let values = counts.call_method("values", ())?;
///     py.eval("sum")?.call((values,))?.extract()     // a Rust i64 leaves the closure
/// })
/// .unwrap();
/// assert_eq!(total, 3);
/// ```
///
/// Values cannot leave [`Runtime::attach`]: convert them to Rust values
/// first.
///
/// ```compile_fail
/// let rt = runtime::Runtime::<gil::Gil>::builder().build();
/// let escaped = rt.attach(|py| py.eval("[1, 2]").unwrap()); // error: borrowed data escapes
/// ```
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

/// A bound value passes back into Python as itself (an argument, a
/// global), with no conversion.
// SAFETY: the value is handed to the attached VM it is bound to.
unsafe impl<S: LockStrategy> IntoPy<S> for Bound<'_, S> {
    fn into_py(self, _: &mut Vm<S>) -> PyResult<S> {
        Ok(self.value)
    }
}

// SAFETY: as above; the clone is made while attached.
unsafe impl<S: LockStrategy> IntoPy<S> for &Bound<'_, S> {
    fn into_py(self, _: &mut Vm<S>) -> PyResult<S> {
        Ok(self.value.clone())
    }
}

impl<S: LockStrategy> std::fmt::Debug for Bound<'_, S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.repr().unwrap_or_else(|_| "<unprintable>".into()))
    }
}

impl<S: LockStrategy> Runtime<S> {
    /// A builder for a runtime's settings (see [`Builder`]).
    ///
    /// ```
    /// let rt = runtime::Runtime::<finegrained::FineGrained>::builder()
    ///     .recursion_limit(2000)
    ///     .build();
    /// assert_eq!(rt.eval::<i64>("__import__('sys').getrecursionlimit()").unwrap(), 2000);
    /// ```
    pub fn builder() -> Builder<S> {
        Builder::default()
    }

    /// Attaches the calling thread for the length of `f` (taking the GIL in
    /// the GIL modes) and runs `f` with the token. Code and values share the
    /// runtime's `__main__` namespace across calls.
    ///
    /// ```
    /// let rt = runtime::Runtime::<gil::Gil>::builder().build();
    /// rt.attach(|py| py.run("history = []")).unwrap();
    /// for word in ["a", "b"] {
    ///     rt.attach(|py| py.get("history").unwrap().call_method("append", (word,)).map(drop))
    ///         .unwrap();
    /// }
    /// assert_eq!(rt.eval::<Vec<String>>("history").unwrap(), ["a", "b"]);
    /// ```
    pub fn attach<R>(&self, f: impl for<'py> FnOnce(Python<'py, S>) -> R) -> R {
        // Finalizers queued on this thread for another runtime (one this
        // thread is attached to, or detached from in `allow_threads`) are
        // not this runtime's to run.
        let stashed = crate::finalize::stash();
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
        vm.into_inner().leave_to(stashed);
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
    /// [`Builder::capture_output`]). Each call empties the buffer.
    ///
    /// ```
    /// let rt = runtime::Runtime::<gil::Gil>::builder().capture_output(true).build();
    /// rt.attach(|py| py.run("print(*range(3), sep=',')")).unwrap();
    /// assert_eq!(rt.take_stdout(), "0,1,2\n");
    /// assert_eq!(rt.take_stdout(), "");
    /// ```
    pub fn take_stdout(&self) -> String {
        String::from_utf8_lossy(&self.interp.take_stdout()).into_owned()
    }

    /// What Python wrote to stderr since the last call (with
    /// [`Builder::capture_output`]). Each call empties the buffer.
    ///
    /// ```
    /// let rt = runtime::Runtime::<gil::Gil>::builder().capture_output(true).build();
    /// // An exception that ends a Python thread is printed to stderr.
    /// rt.run_source("import threading\n\
    ///                t = threading.Thread(target=lambda: 1 / 0)\nt.start()\nt.join()", "t.py")
    ///     .unwrap();
    /// let err = rt.take_stderr();
    /// assert!(err.starts_with("Exception in thread Thread-1"));
    /// assert!(err.ends_with("ZeroDivisionError: division by zero\n"));
    /// ```
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

    /// Runs statements in `__main__`. A syntax error is a
    /// [`RunError::Compile`] with the position in `"<string>"`.
    ///
    /// ```
    /// let rt = runtime::Runtime::<gil::Gil>::builder().build();
    /// rt.attach(|py| {
    ///     py.run("class Point:\n    def __init__(self, x):\n        self.x = x\np = Point(4)")?;
    ///     assert_eq!(py.eval("p.x")?.extract::<i64>()?, 4);
    ///     let err = py.run("def (:").unwrap_err();
    ///     assert!(err.to_string().starts_with("<string>:1:"));
    ///     Ok::<_, runtime::RunError>(())
    /// })
    /// .unwrap();
    /// ```
    pub fn run(&self, source: &str) -> Result<(), RunError> {
        let code = crate::load(&self.vm().interp, source, "<string>", false)?;
        let r = self.vm().run_module_code(&code, &self.session.main);
        self.check(r).map(drop)
    }

    /// Evaluates one expression in `__main__`.
    ///
    /// ```
    /// let rt = runtime::Runtime::<gil::Gil>::builder().build();
    /// rt.attach(|py| {
    ///     let big = py.eval("2 ** 100")?;
    ///     assert_eq!(big.str()?, "1267650600228229401496703205376");
    ///     let as_i64 = big.extract::<i64>().unwrap_err(); // too big: OverflowError
    ///     assert!(matches!(as_i64, runtime::RunError::Exception { ref type_name, .. } if type_name == "OverflowError"));
    ///     Ok::<_, runtime::RunError>(())
    /// })
    /// .unwrap();
    /// ```
    pub fn eval(&self, expr: &str) -> Result<Bound<'py, S>, RunError> {
        let code = crate::load(&self.vm().interp, expr, "<string>", true)?;
        let r = self.vm().run_module_code(&code, &self.session.main);
        self.check(r).map(|v| self.bind(v))
    }

    /// A global of `__main__`, or `None` if it is not set.
    ///
    /// ```
    /// let rt = runtime::Runtime::<gil::Gil>::builder().build();
    /// rt.attach(|py| {
    ///     py.run("limit = 10")?;
    ///     assert_eq!(py.get("limit").unwrap().extract::<i64>()?, 10);
    ///     assert!(py.get("missing").is_none());
    ///     Ok::<_, runtime::RunError>(())
    /// })
    /// .unwrap();
    /// ```
    pub fn get(&self, name: &str) -> Option<Bound<'py, S>> {
        let key = self.vm().new_str(name);
        crate::ops::dict_get(&self.session.main, &key).map(|v| self.bind(v))
    }

    /// Sets a global of `__main__`, converting the value with [`IntoPy`].
    ///
    /// ```
    /// use std::collections::HashMap;
    /// let rt = runtime::Runtime::<gil::Gil>::builder().build();
    /// rt.attach(|py| {
    ///     py.set("prices", HashMap::from([("tea".to_string(), 2.5), ("cake".to_string(), 4.0)]))?;
    ///     assert_eq!(py.eval("prices['tea'] + prices['cake']")?.extract::<f64>()?, 6.5);
    ///     Ok::<_, runtime::RunError>(())
    /// })
    /// .unwrap();
    /// ```
    pub fn set(&self, name: &str, value: impl IntoPy<S>) -> Result<(), RunError> {
        let r = value.into_py(&mut self.vm());
        let value = self.check(r)?;
        self.vm()
            .interp
            .dict_set_str(&self.session.main, name, value);
        Ok(())
    }

    /// Converts a Rust value into a Python one.
    ///
    /// ```
    /// let rt = runtime::Runtime::<gil::Gil>::builder().build();
    /// rt.attach(|py| {
    ///     let pair = py.to_object((1_i64, "one"))?;
    ///     assert_eq!(pair.repr()?, "(1, 'one')");
    ///     assert_eq!(py.to_object(None::<i64>)?.repr()?, "None");
    ///     Ok::<_, runtime::RunError>(())
    /// })
    /// .unwrap();
    /// ```
    pub fn to_object(&self, value: impl IntoPy<S>) -> Result<Bound<'py, S>, RunError> {
        let r = value.into_py(&mut self.vm());
        self.check(r).map(|v| self.bind(v))
    }

    /// `import name`: a built-in module, or a native module registered with
    /// [`Builder::native_module`].
    ///
    /// ```
    /// let rt = runtime::Runtime::<gil::Gil>::builder().build();
    /// rt.attach(|py| {
    ///     let sys = py.import("sys")?;
    ///     assert_eq!(sys.getattr("maxsize")?.extract::<i64>()?, i64::MAX);
    ///     let missing = py.import("no_such_module").unwrap_err();
    ///     assert!(missing.to_string().ends_with("No module named 'no_such_module'"));
    ///     Ok::<_, runtime::RunError>(())
    /// })
    /// .unwrap();
    /// ```
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
    /// must be `Send`, and neither the token nor a [`Bound`] is `Sync`, so
    /// the closure cannot touch Python objects while detached.
    ///
    /// ```
    /// let rt = runtime::Runtime::<gil::Gil>::builder().build();
    /// let n = rt.attach(|py| py.allow_threads(|| (1..=10u64).product::<u64>()));
    /// assert_eq!(n, 3_628_800);
    /// ```
    ///
    /// ```compile_fail,E0277
    /// let rt = runtime::Runtime::<gil::Gil>::builder().build();
    /// rt.attach(|py| py.allow_threads(|| py.run("x = 1"))); // error: `Python` is not `Sync`
    /// ```
    pub fn allow_threads<R: Send>(&self, f: impl FnOnce() -> R + Send) -> R {
        self.vm().blocking(f)
    }

    /// What the lock strategy counted so far (as [`Runtime::lock_stats`]).
    ///
    /// ```
    /// let rt = runtime::Runtime::<gil::Gil>::builder().build();
    /// let taken = rt.attach(|py| py.lock_stats().gil_acquisitions);
    /// assert!(taken >= 1); // this attachment took the GIL
    /// ```
    pub fn lock_stats(&self) -> crate::LockStats {
        S::stats(&self.vm().interp.strategy)
    }
}

impl<'py, S: LockStrategy> Bound<'py, S> {
    /// The token this value is bound to.
    ///
    /// ```
    /// use runtime::embed::Bound;
    /// use runtime::{LockStrategy, RunError};
    ///
    /// // A helper that needs the token gets it from the value.
    /// fn double<'py, S: LockStrategy>(x: &Bound<'py, S>) -> Result<Bound<'py, S>, RunError> {
    ///     x.py().set("x", x.clone())?;
    ///     x.py().eval("x * 2")
    /// }
    /// let rt = runtime::Runtime::<gil::Gil>::builder().build();
    /// let s: String = rt.attach(|py| double(&py.eval("'ab'")?)?.extract()).unwrap();
    /// assert_eq!(s, "abab");
    /// ```
    pub fn py(&self) -> Python<'py, S> {
        self.py
    }

    /// The underlying value, in the interpreter's own representation (for
    /// native code written against the internals, such as
    /// [`NativeModule::raw_function`]). To keep a value beyond the
    /// attachment, use [`Bound::unbind`] instead.
    ///
    /// # Safety
    /// A `Value` is not tied to the attachment: every clone made of it must
    /// be cloned and dropped only by threads attached to this runtime (a
    /// clone that leaves the attachment and is dropped on another thread
    /// changes the object's reference count without the GIL).
    ///
    /// ```
    /// use runtime::object::Value;
    /// let rt = runtime::Runtime::<gil::Gil>::builder().build();
    /// rt.attach(|py| {
    ///     // SAFETY: only read here, while attached.
    ///     assert!(matches!(unsafe { py.eval("7")?.value() }, Value::Int(7)));
    ///     Ok::<_, runtime::RunError>(())
    /// })
    /// .unwrap();
    /// ```
    ///
    /// Without `unsafe`, a value cannot leave the attachment this way:
    ///
    /// ```compile_fail,E0133
    /// let rt = runtime::Runtime::<gil::Gil>::builder().build();
    /// let escaped = rt.attach(|py| py.eval("[1, 2]").unwrap().value().clone());
    /// std::thread::spawn(move || drop(escaped)); // would race the GIL holder
    /// ```
    pub unsafe fn value(&self) -> &Value<S> {
        &self.value
    }

    /// Converts to a Rust value (see [`FromPy`]); a mismatch is a
    /// `TypeError`.
    ///
    /// ```
    /// let rt = runtime::Runtime::<gil::Gil>::builder().build();
    /// rt.attach(|py| {
    ///     let row = py.eval("('ada', 36, [1.5, 2.0])")?;
    ///     let (name, age, scores): (String, i64, Vec<f64>) = row.extract()?;
    ///     assert_eq!((name.as_str(), age, scores), ("ada", 36, vec![1.5, 2.0]));
    ///     let err = py.eval("'36'")?.extract::<i64>().unwrap_err();
    ///     assert!(matches!(err, runtime::RunError::Exception { ref type_name, .. } if type_name == "TypeError"));
    ///     Ok::<_, runtime::RunError>(())
    /// })
    /// .unwrap();
    /// ```
    pub fn extract<T: FromPy<S>>(&self) -> Result<T, RunError> {
        let r = T::from_py(&mut self.py.vm(), &self.value);
        self.py.check(r)
    }

    /// Calls the value with positional arguments (a tuple, `()` for none).
    /// An exception the call raises comes back as [`RunError::Exception`].
    ///
    /// ```
    /// let rt = runtime::Runtime::<gil::Gil>::builder().build();
    /// rt.attach(|py| {
    ///     py.run("def clamp(x, lo, hi):\n    return max(lo, min(x, hi))")?;
    ///     let clamp = py.get("clamp").unwrap();
    ///     assert_eq!(clamp.call((15_i64, 0_i64, 10_i64))?.extract::<i64>()?, 10);
    ///     let err = clamp.call((1_i64,)).unwrap_err();
    ///     assert!(err.to_string().ends_with(
    ///         "TypeError: clamp() missing 2 required positional arguments: 'lo' and 'hi'"
    ///     ));
    ///     Ok::<_, runtime::RunError>(())
    /// })
    /// .unwrap();
    /// ```
    pub fn call(&self, args: impl IntoPyArgs<S>) -> Result<Bound<'py, S>, RunError> {
        let r = args.into_args(&mut self.py.vm());
        let args = self.py.check(r)?;
        let r = self.py.vm().call(&self.value, args);
        self.py.check(r).map(|v| self.py.bind(v))
    }

    /// `getattr(value, name)`; a missing attribute is an `AttributeError`.
    ///
    /// ```
    /// let rt = runtime::Runtime::<gil::Gil>::builder().build();
    /// rt.attach(|py| {
    ///     py.run("class Config:\n    retries = 3")?;
    ///     let config = py.get("Config").unwrap().call(())?;
    ///     assert_eq!(config.getattr("retries")?.extract::<i64>()?, 3);
    ///     let err = config.getattr("timeout").unwrap_err();
    ///     assert!(err.to_string().ends_with("AttributeError: 'Config' object has no attribute 'timeout'"));
    ///     Ok::<_, runtime::RunError>(())
    /// })
    /// .unwrap();
    /// ```
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
    ///
    /// ```
    /// let rt = runtime::Runtime::<gil::Gil>::builder().build();
    /// let r = rt.attach(|py| py.to_object("it's")?.repr()).unwrap();
    /// assert_eq!(r, r#""it's""#);
    /// ```
    pub fn repr(&self) -> Result<String, RunError> {
        let r = crate::repr::repr(&mut self.py.vm(), &self.value);
        self.py.check(r)
    }

    /// `str(value)`.
    ///
    /// ```
    /// let rt = runtime::Runtime::<gil::Gil>::builder().build();
    /// let s = rt.attach(|py| py.eval("1 / 3")?.str()).unwrap();
    /// assert_eq!(s, "0.3333333333333333");
    /// ```
    pub fn str(&self) -> Result<String, RunError> {
        let r = crate::repr::to_str(&mut self.py.vm(), &self.value);
        self.py.check(r)
    }

    /// `value is None`.
    ///
    /// ```
    /// let rt = runtime::Runtime::<gil::Gil>::builder().build();
    /// rt.attach(|py| {
    ///     assert!(py.eval("{}.get('key')")?.is_none());
    ///     assert!(!py.eval("0")?.is_none());
    ///     Ok::<_, runtime::RunError>(())
    /// })
    /// .unwrap();
    /// ```
    pub fn is_none(&self) -> bool {
        matches!(self.value, Value::None)
    }
}
