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
//! boundary, threads, native modules and counters. The other modules are the
//! interpreter's internals.

pub mod builtins;
pub mod bytes;
pub mod classes;
pub mod code;
pub mod compile;
pub mod detach;
pub mod dict;
pub mod embed;
pub mod finalize;
pub mod fmt;
pub mod gc;
pub mod header;
pub mod interp;
pub mod methods;
pub mod modules;
pub mod object;
pub mod ops;
mod payload;
pub mod repr;
pub mod scope;
pub mod sets;
pub mod strategy;
pub mod sync;
pub mod thread_exit;
pub mod traceback;
pub mod vm;
pub mod weakref;

pub use compile::{CompileError, CompileErrorKind};
pub use strategy::{LockStats, LockStrategy, StrategyConfig, ThreadIdent};

use interp::Interp;
use std::sync::Arc;
use vm::Vm;

/// Why running a program failed.
#[derive(Debug)]
pub enum RunError {
    /// The source did not compile (syntax error or unsupported construct).
    Compile {
        filename: String,
        error: CompileError,
    },
    /// `SystemExit` escaped the program (`sys.exit`): the process should
    /// exit with `code`, after printing `message` to stderr if there is one.
    Exit { code: i32, message: Option<String> },
    /// The program file could not be read.
    Io { filename: String, message: String },
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
/// is the status, anything else is printed and the status is 1.
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
    if ops::type_name(&value) == "SystemExit" {
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
    pub fn set_argv(&self, argv: Vec<String>) {
        *self.interp.argv.lock().unwrap_or_else(|e| e.into_inner()) = argv;
    }

    /// Compiles and runs `source` as the `__main__` module on the calling
    /// thread, then waits for the Python threads it started, as CPython does
    /// at exit. Standard output is flushed before returning.
    ///
    /// ```
    /// let rt = runtime::Runtime::<gil::Gil>::builder().capture_output(true).build();
    /// rt.run_source("import threading\nt = threading.Thread(target=print, args=('hi',))\nt.start()", "demo.py").unwrap();
    /// assert_eq!(rt.take_stdout(), "hi\n");
    /// let err = rt.run_source("x = 1 +", "bad.py").unwrap_err();
    /// assert!(err.to_string().starts_with("bad.py:1:"));
    /// ```
    pub fn run_source(&self, source: &str, filename: &str) -> Result<(), RunError> {
        let code = load(&self.interp, source, filename, false)?;
        let mut vm = Vm::new(self.interp.clone());
        vm.attach();
        modules::threading::register_main(&vm);
        let outcome = match vm.run_module_code(&code, &self.interp.main) {
            Ok(_) => Ok(()),
            Err(err) => Err(run_error(&mut vm, &err)),
        };
        modules::threading::join_all(&vm);
        vm.finish_module(&self.interp.main);
        // As CPython's shutdown does, whether or not the collector is
        // enabled: cycles left behind are finalised and freed.
        vm.collect_garbage(gc::GENERATIONS - 1);
        vm.finish();
        vm.detach();
        self.interp.flush_stdout();
        outcome
    }

    /// Reads and runs a file as `__main__` (see [`Runtime::run_source`]).
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
    pub fn gc_stats(&self) -> gc::GcStats {
        self.interp.gc.stats()
    }
}
