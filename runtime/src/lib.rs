//! Gilgamesh's runtime: the object model, compiler, VM and builtins, generic
//! over a [`LockStrategy`].
//!
//! The runtime never names a concrete strategy; the `gil` and `finegrained`
//! crates provide them. A program picks one by type:
//!
//! ```ignore
//! let rt = runtime::Runtime::<gil::Gil>::new(Default::default());
//! rt.run_source("print(1 + 1)", "<string>")?;
//! ```

pub mod builtins;
pub mod classes;
pub mod code;
pub mod compile;
pub mod dict;
pub mod fmt;
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
pub mod traceback;
pub mod vm;

pub use compile::{CompileError, CompileErrorKind};
pub use strategy::{LockStats, LockStrategy, StrategyConfig, ThreadIdent};

use interp::Interp;
use object::{Payload, PyDict};
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

/// One runtime: an interpreter whose threads all use lock strategy `S`.
pub struct Runtime<S: LockStrategy> {
    interp: Arc<Interp<S>>,
}

impl<S: LockStrategy> Runtime<S> {
    pub fn new(config: StrategyConfig) -> Self {
        Self {
            interp: Interp::new(&config),
        }
    }

    /// Sets `sys.argv` (before the first `import sys`).
    pub fn set_argv(&self, argv: Vec<String>) {
        *self.interp.argv.lock().unwrap_or_else(|e| e.into_inner()) = argv;
    }

    /// Compiles and runs `source` as the `__main__` module on the calling
    /// thread, then waits for the Python threads it started, as CPython does
    /// at exit. Standard output is flushed before returning.
    pub fn run_source(&self, source: &str, filename: &str) -> Result<(), RunError> {
        let unit = compile::compile_module(source).map_err(|error| RunError::Compile {
            filename: filename.to_string(),
            error,
        })?;
        let filename: Arc<str> = Arc::from(filename);
        self.interp
            .register_source(filename.clone(), Arc::from(source));
        let code = self.interp.load_code(unit, &filename);
        let globals = self
            .interp
            .alloc_shared(Payload::Dict(PyDict::new(dict::new_map())));
        self.interp
            .dict_set_str(&globals, "__name__", self.interp.new_str("__main__"));
        let mut vm = Vm::new(self.interp.clone());
        vm.attach();
        let result = vm.run_module_code(&code, &globals);
        let outcome = match result {
            Ok(_) => Ok(()),
            Err(err) if ops::type_name(&object::Value::Obj(err.exc.clone())) == "SystemExit" => {
                Err(system_exit(&mut vm, &err))
            }
            Err(err) => {
                let traceback = traceback::format_exception(&mut vm, &err);
                let value = object::Value::Obj(err.exc.clone());
                Err(RunError::Exception {
                    type_name: ops::type_name(&value),
                    message: repr::to_str(&mut vm, &value).unwrap_or_default(),
                    traceback,
                })
            }
        };
        modules::threading::join_all(&vm);
        vm.detach();
        self.interp.flush_stdout();
        outcome
    }

    /// From now on, keeps what the program prints for
    /// [`Runtime::take_stdout`] instead of writing it to the process's
    /// standard output (benchmarks use it to read a workload's `seconds` line).
    pub fn capture_stdout(&self) {
        self.interp.capture_stdout();
    }

    /// What the program printed since the last call, when standard output
    /// is captured ([`Runtime::capture_stdout`]). Without capture it returns
    /// (and discards) only what has not been flushed yet.
    pub fn take_stdout(&self) -> String {
        String::from_utf8_lossy(&self.interp.take_stdout()).into_owned()
    }

    /// What the lock strategy counted so far.
    pub fn lock_stats(&self) -> LockStats {
        S::stats(&self.interp.strategy)
    }
}
