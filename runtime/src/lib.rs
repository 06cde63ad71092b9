//! Gilgamesh's runtime: the object model, compiler, VM and builtins, generic
//! over a [`LockStrategy`].
//!
//! The runtime never names a concrete strategy; the `gil` and `finegrained`
//! crates provide them. A program picks one by type, and the same code runs
//! under each:
//!
//! ```
//! use runtime::{LockStrategy, Runtime};
//!
//! fn total<S: LockStrategy>() -> i64 {
//!     let rt = Runtime::<S>::builder().build();
//!     rt.attach(|py| {
//!         py.run("import threading\n\
//!                 totals = [0] * 4\n\
//!                 def work(i):\n    totals[i] = sum(range(1000))\n\
//!                 ts = [threading.Thread(target=work, args=(i,)) for i in range(4)]\n\
//!                 for t in ts: t.start()\n\
//!                 for t in ts: t.join()")?;
//!         py.eval("sum(totals)")?.extract::<i64>()
//!     })
//!     .unwrap()
//! }
//!
//! assert_eq!(total::<gil::Gil>(), 4 * 499_500);
//! assert_eq!(total::<gil::GilRelease>(), 4 * 499_500);
//! assert_eq!(total::<finegrained::FineGrained>(), 4 * 499_500);
//! ```
//!
//! [`embed`] is the guide to library use: running code, values across the
//! boundary, threads, native modules and counters. [`strategy`] is the seam
//! a lock mode implements.
//!
//! The crate's other modules (the object model, compiler, VM, builtins and
//! collector) are public so that the strategy crates, the benchmarks and the
//! loom models can reach them, but they are the interpreter's internals, with
//! no stability promise: they are hidden from these docs.

#[doc(hidden)]
pub mod alloc;
#[doc(hidden)]
pub mod atomic;
#[doc(hidden)]
pub mod attached;
#[doc(hidden)]
pub mod builtins;
#[doc(hidden)]
pub mod classes;
#[doc(hidden)]
pub mod code;
pub mod code_cache;
#[doc(hidden)]
pub mod compile;
pub mod deferred_counts;
/// `__get__`/`__set__`/`__delete__` of the builtin descriptor types.
pub mod descriptors;
#[doc(hidden)]
pub mod detach;
#[doc(hidden)]
pub mod dict;
#[doc(hidden)]
pub mod dict_map;
#[doc(hidden)]
pub mod dynamic;
pub mod embed;
#[doc(hidden)]
pub mod exceptions;
#[doc(hidden)]
pub mod finalize;
#[doc(hidden)]
pub mod fmt;
#[doc(hidden)]
pub mod gc;
#[doc(hidden)]
pub mod header;
pub mod instance_attrs;
/// Panics in Python threads: reported, and the process ends with status 70.
pub mod internal_error;
#[doc(hidden)]
pub mod interp;
/// What `match` statements ask of values at run time.
mod matching;
#[doc(hidden)]
pub mod metaclass;
#[doc(hidden)]
pub mod methods;
pub mod modules;
#[doc(hidden)]
pub mod object;
#[doc(hidden)]
pub mod ops;
/// `OSError`: its errno subclasses and file names.
pub mod os_error;
mod payload;
#[doc(hidden)]
pub mod range;
/// `object.__reduce_ex__`/`__reduce__`: the default pickle protocol.
pub mod reduce;
#[doc(hidden)]
pub mod repr;
#[doc(hidden)]
pub mod scope;
#[doc(hidden)]
pub mod sets;
#[doc(hidden)]
pub mod slot_wrappers;
#[doc(hidden)]
pub mod sort;
/// How much Rust stack the calling thread has left.
pub mod stack;
#[doc(hidden)]
pub mod str_methods;
pub mod strategy;
#[doc(hidden)]
pub mod subclass;
#[doc(hidden)]
pub mod sync;
#[doc(hidden)]
pub mod thread_exit;
#[doc(hidden)]
pub mod traceback;
pub mod types;
#[doc(hidden)]
pub mod vm;
#[doc(hidden)]
pub mod weakref;

pub use compile::{CompileError, CompileErrorKind};
pub use gc::{GcStats, GenerationStats, GENERATIONS};
pub use strategy::{LockStats, LockStrategy, StrategyConfig, ThreadIdent};

use interp::Interp;
use std::sync::Arc;
use vm::Vm;

/// Why running a program failed.
///
/// An exception that escapes Python code keeps its class name, message and
/// the traceback CPython would print; `Display` gives the same text.
///
/// ```
/// use runtime::{RunError, Runtime};
///
/// let rt = Runtime::<gil::Gil>::builder().build();
/// let err = rt
///     .run_source("def f():\n    raise KeyError('k')\nf()", "prog.py")
///     .unwrap_err();
/// match &err {
///     RunError::Exception { type_name, message, traceback } => {
///         assert_eq!(type_name, "KeyError");
///         assert_eq!(message, "'k'");
///         assert!(traceback.starts_with("Traceback (most recent call last):"));
///         assert!(traceback.contains("File \"prog.py\", line 2, in f"));
///     }
///     other => panic!("unexpected {other:?}"),
/// }
/// assert!(err.to_string().ends_with("KeyError: 'k'"));
///
/// // `sys.exit` is not an exception to Rust but an exit request.
/// let exit = rt.run_source("import sys\nsys.exit(3)", "exit.py").unwrap_err();
/// assert!(matches!(exit, RunError::Exit { code: 3, message: None }));
///
/// // `RunError` is a `std::error::Error`, so `?` works in any error context.
/// fn run(rt: &Runtime<gil::Gil>) -> Result<(), Box<dyn std::error::Error>> {
///     rt.run_source("x = 1 +", "bad.py")?;
///     Ok(())
/// }
/// assert!(run(&rt).unwrap_err().to_string().starts_with("bad.py:1:"));
/// ```
#[derive(Debug)]
pub enum RunError {
    /// The source did not compile (syntax error or unsupported construct).
    Compile {
        /// The name the source was given.
        filename: String,
        /// What is wrong, and where.
        error: CompileError,
    },
    /// `SystemExit` escaped the program (`sys.exit`): the process should
    /// exit with `code` (as C's `exit`, which keeps its low 8 bits: -1 is
    /// 255), after printing `message` to stderr if there is one.
    Exit {
        /// The exit status.
        code: i32,
        /// What to print first (`sys.exit("message")`).
        message: Option<String>,
    },
    /// The program file could not be read.
    Io {
        /// The path given.
        filename: String,
        /// The operating system's reason.
        message: String,
    },
    /// An exception escaped the program.
    Exception {
        /// The exception's class name, e.g. `ZeroDivisionError`.
        type_name: String,
        /// `str()` of the exception.
        message: String,
        /// The whole text CPython would print: traceback and summary line.
        traceback: String,
    },
}

impl std::fmt::Display for RunError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RunError::Compile { filename, error } => write!(f, "{}", error.render(filename)),
            RunError::Exit { code, message } => match message {
                Some(m) => write!(f, "{m}"),
                None => write!(f, "exit status {code}"),
            },
            RunError::Io { filename, message } => {
                write!(f, "can't open file '{filename}': {message}")
            }
            RunError::Exception { traceback, .. } => write!(f, "{}", traceback.trim_end()),
        }
    }
}

impl std::error::Error for RunError {}

/// How CPython exits on `SystemExit(arg)`: no argument or None is 0, an int
/// is the status (a C `int`: truncated, or -1 when it does not fit a C
/// `long`), anything else is printed and the status is 1.
fn system_exit<S: LockStrategy>(vm: &mut Vm<S>, err: &vm::PyErr<S>) -> RunError {
    let args = interp::exception_args(&err.exc);
    let arg = match args.len() {
        0 => object::Value::None,
        1 => args[0].clone(),
        _ => ops::new_tuple(args),
    };
    match arg {
        object::Value::None => RunError::Exit {
            code: 0,
            message: None,
        },
        object::Value::Int(i) => RunError::Exit {
            code: i as i32,
            message: None,
        },
        object::Value::Obj(ref o) if matches!(o.payload(), object::Payload::BigInt(_)) => {
            RunError::Exit {
                code: -1,
                message: None,
            }
        }
        object::Value::Bool(b) => RunError::Exit {
            code: b as i32,
            message: None,
        },
        other => RunError::Exit {
            code: 1,
            message: Some(repr::to_str(vm, &other).unwrap_or_default()),
        },
    }
}

/// Turns an exception that escaped Python code into the error Rust sees.
pub(crate) fn run_error<S: LockStrategy>(vm: &mut Vm<S>, err: &vm::PyErr<S>) -> RunError {
    let value = object::Value::Obj(err.exc.clone());
    if interp::is_system_exit(vm, &value) {
        return system_exit(vm, err);
    }
    RunError::Exception {
        type_name: ops::type_name(&value),
        message: repr::to_str(vm, &value).unwrap_or_default(),
        traceback: traceback::format_exception(vm, err),
    }
}

/// Compiles `source` (a module, or one expression when `eval`) and loads it
/// into `interp`, registering the source for tracebacks.
pub(crate) fn load<S: LockStrategy>(
    interp: &Interp<S>,
    source: &str,
    filename: &str,
    eval: bool,
) -> Result<Arc<code::Code<S>>, RunError> {
    let unit = if eval {
        compile::compile_eval(source)
    } else {
        compile::compile_module(source)
    }
    .map_err(|error| RunError::Compile {
        filename: filename.to_string(),
        error,
    })?;
    let filename: Arc<str> = Arc::from(filename);
    interp.register_source(filename.clone(), Arc::from(source));
    Ok(interp.load_code(unit, &filename))
}

/// One runtime: an interpreter whose threads all use lock strategy `S`.
///
/// A `Runtime` is a cheap handle (clone it to share it between threads);
/// the interpreter lives until the last handle and the last Python thread
/// are gone. See [`embed`] for the library guide.
///
/// ```
/// use runtime::Runtime;
///
/// let rt = Runtime::<finegrained::FineGrained>::builder().build();
/// let other = rt.clone(); // the same interpreter, from another thread
/// std::thread::spawn(move || other.attach(|py| py.run("shared = 'set elsewhere'")))
///     .join()
///     .unwrap()
///     .unwrap();
/// assert_eq!(rt.eval::<String>("shared").unwrap(), "set elsewhere");
/// ```
pub struct Runtime<S: LockStrategy> {
    interp: Arc<Interp<S>>,
}

impl<S: LockStrategy> Clone for Runtime<S> {
    fn clone(&self) -> Self {
        Self {
            interp: self.interp.clone(),
        }
    }
}

impl<S: LockStrategy> Runtime<S> {
    /// A runtime with default settings and the given strategy settings (see
    /// [`Runtime::builder`] for the rest).
    ///
    /// ```
    /// use runtime::{Runtime, StrategyConfig};
    /// use std::time::Duration;
    ///
    /// let rt = Runtime::<gil::Gil>::new(StrategyConfig {
    ///     switch_interval: Duration::from_millis(2),
    /// });
    /// assert_eq!(rt.eval::<f64>("__import__('sys').getswitchinterval()").unwrap(), 0.002);
    /// ```
    pub fn new(config: StrategyConfig) -> Self {
        Self::with_config(&interp::InterpConfig {
            strategy: config,
            ..Default::default()
        })
    }

    fn with_config(config: &interp::InterpConfig) -> Self {
        Self {
            interp: Interp::with_config(config),
        }
    }

    /// Sets `sys.argv` (before the first `import sys`).
    ///
    /// ```
    /// let rt = runtime::Runtime::<gil::Gil>::builder().build();
    /// rt.set_argv(vec!["tool.py".into(), "-v".into()]);
    /// assert_eq!(rt.eval::<Vec<String>>("__import__('sys').argv").unwrap(), ["tool.py", "-v"]);
    /// ```
    pub fn set_argv(&self, argv: Vec<String>) {
        *self.interp.argv.lock().unwrap_or_else(|e| e.into_inner()) = argv;
    }

    /// Makes a panic on the calling thread an internal error (see
    /// [`internal_error`]): reported, with this runtime's buffered stdout
    /// written out first, and the process ends with status 70. For a program
    /// that owns its process, such as the `gilgamesh` command, on the thread
    /// that runs the main module; threads started by `threading` always
    /// behave so.
    pub fn exit_on_panic(&self) {
        internal_error::exit_on_panic();
        let weak = Arc::downgrade(&self.interp);
        internal_error::flush_on_panic(move || {
            if let Some(interp) = weak.upgrade() {
                interp.try_flush_stdout();
            }
        });
    }

    /// Compiles and runs `source` as the `__main__` module on the calling
    /// thread, then waits for the Python threads it started, as CPython does
    /// at exit. Standard output is flushed before returning.
    ///
    /// The end of the program is an interpreter exit for `__main__`: its
    /// globals are rebound to `None` one by one (so `__del__` methods run)
    /// and a full collection runs. To keep a namespace across calls, use
    /// [`Runtime::attach`] with [`embed::Python::run`] instead.
    ///
    /// ```
    /// let rt = runtime::Runtime::<gil::Gil>::builder().capture_output(true).build();
    /// rt.run_source("import threading\nt = threading.Thread(target=print, args=('hi',))\nt.start()", "demo.py").unwrap();
    /// assert_eq!(rt.take_stdout(), "hi\n");
    /// let err = rt.run_source("x = 1 +", "bad.py").unwrap_err();
    /// assert!(err.to_string().starts_with("bad.py:1:"));
    /// ```
    pub fn run_source(&self, source: &str, filename: &str) -> Result<(), RunError> {
        let mut vm = Vm::new(self.interp.clone());
        vm.attach();
        modules::import::prepare_main(&vm, filename);
        // Loading makes the code's constants: objects, so attached.
        let code = match load(&self.interp, source, filename, false) {
            Ok(code) => code,
            Err(err) => {
                vm.finish();
                vm.detach();
                return Err(err);
            }
        };
        modules::threading::register_main(&vm);
        let outcome = match vm.run_module_code(&code, &self.interp.main) {
            Ok(_) => Ok(()),
            Err(err) => Err(run_error(&mut vm, &err)),
        };
        modules::threading::join_all(&mut vm);
        vm.finish_module(&self.interp.main);
        modules::signal::main_thread_ends(&vm);
        // As CPython's shutdown does, whether or not the collector is
        // enabled: cycles left behind are finalised and freed.
        vm.collect_garbage(gc::GENERATIONS - 1);
        // The code's constants are released attached: daemon threads may
        // still be running.
        drop(code);
        vm.finish();
        vm.detach();
        self.interp.flush_stdout();
        outcome
    }

    /// Reads and runs a file as `__main__` (see [`Runtime::run_source`]).
    ///
    /// ```
    /// let path = std::env::temp_dir().join(format!("gilgamesh-doc-{}.py", std::process::id()));
    /// std::fs::write(&path, "print(__name__, 6 * 7)\n").unwrap();
    /// let rt = runtime::Runtime::<gil::GilRelease>::builder().capture_output(true).build();
    /// rt.run_file(&path).unwrap();
    /// assert_eq!(rt.take_stdout(), "__main__ 42\n");
    /// std::fs::remove_file(&path).unwrap();
    ///
    /// let missing = rt.run_file("no/such/file.py").unwrap_err();
    /// assert!(matches!(missing, runtime::RunError::Io { .. }));
    /// assert!(missing.to_string().starts_with("can't open file 'no/such/file.py'"));
    /// ```
    pub fn run_file(&self, path: impl AsRef<std::path::Path>) -> Result<(), RunError> {
        let path = path.as_ref();
        let filename = path.display().to_string();
        let source = std::fs::read_to_string(path).map_err(|e| RunError::Io {
            filename: filename.clone(),
            message: e.to_string(),
        })?;
        self.run_source(&source, &filename)
    }

    /// What the lock strategy counted so far.
    ///
    /// ```
    /// let rt = runtime::Runtime::<gil::Gil>::builder().build();
    /// rt.run_source("import threading\n\
    ///                def spin():\n    for _ in range(100_000): pass\n\
    ///                ts = [threading.Thread(target=spin) for _ in range(2)]\n\
    ///                for t in ts: t.start()\n\
    ///                for t in ts: t.join()", "spin.py").unwrap();
    /// let stats = rt.lock_stats();
    /// // The main thread and both workers took the GIL at least once each.
    /// assert!(stats.gil_acquisitions >= 3);
    /// assert_eq!(stats.contended_object_locks, 0); // no per-object locks under a GIL
    /// ```
    pub fn lock_stats(&self) -> LockStats {
        S::stats(&self.interp.strategy)
    }

    /// What the cyclic garbage collector did so far.
    ///
    /// ```
    /// let rt = runtime::Runtime::<finegrained::FineGrained>::builder().build();
    /// rt.run_source("import gc\nl = []\nl.append(l)\ndel l\ngc.collect()", "cycle.py").unwrap();
    /// assert_eq!(rt.gc_stats().generations[2].collected, 1);
    /// ```
    pub fn gc_stats(&self) -> GcStats {
        self.interp.gc.stats()
    }
}
