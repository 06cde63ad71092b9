//! Primitives measured as Python code run by the VM: a list append, a dict
//! get/set, a native call. What a program pays for these is the bytecode
//! around the operation as well as the operation — loading the container
//! (a reference count update, on a shared object a contended one), the
//! method lookup, the call, the object lock — so they are timed the way a
//! program runs them.
//!
//! A [`PyHost`] loads [`SNIPPETS`] into one interpreter and keeps one
//! [`Vm`] per measuring thread; [`PyHost::run`] calls a snippet function
//! `f(arg, n)` — a loop of `n` operations — on several threads at once and
//! times only that call.

use crate::harness::timed_threads;
use runtime::attached::Exclusive;
use runtime::interp::Interp;
use runtime::object::{Payload, PyDict, Value};
use runtime::vm::{PyErr, Vm};
use runtime::{compile, dict, ops, traceback, LockStrategy, StrategyConfig};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The Python side of the benchmarks: each measured function is a loop of
/// `n` operations on its first argument.
pub const SNIPPETS: &str = r#"
import gc
import native


def new_list():
    return []


def new_dict():
    return {"k": 0}


def clear(c):
    c.clear()


def empty_loop(x, n):
    for _ in range(n):
        pass


def list_append(lst, n):
    for _ in range(n):
        lst.append(None)


def dict_get_set(d, n):
    for _ in range(n):
        d["k"] = d["k"] + 1


def native_call(k, n):
    for _ in range(n):
        native.spin(k)


def new_heap():
    heap = []
    for _ in range(10000):
        cell = []
        cell.append(cell)
        heap.append(cell)
    return heap


def gc_collect(heap, n):
    for _ in range(n):
        gc.collect()


def gc_cycles(x, n):
    for _ in range(n):
        a = []
        b = [a]
        a.append(b)
"#;

/// The functions [`SNIPPETS`] defines.
const FUNCTIONS: &[&str] = &[
    "new_list",
    "new_dict",
    "clear",
    "empty_loop",
    "list_append",
    "dict_get_set",
    "native_call",
    "new_heap",
    "gc_collect",
    "gc_cycles",
];

/// The first argument of a measured function.
#[derive(Clone, Copy, Debug)]
pub enum Arg {
    /// A container of each thread's own, made by the named snippet function.
    Private(&'static str),
    /// One container shared by every thread, made by the named function.
    Shared(&'static str),
    /// An int.
    Int(i64),
}

/// One measured operation: a snippet function, its first argument, and what
/// to call on that argument after a timed run (to bound memory).
#[derive(Clone, Copy, Debug)]
pub struct PyOp {
    pub function: &'static str,
    pub arg: Arg,
    pub reset: Option<&'static str>,
}

impl PyOp {
    /// `function(arg, n)`, with nothing to reset.
    pub const fn new(function: &'static str, arg: Arg) -> Self {
        Self {
            function,
            arg,
            reset: None,
        }
    }

    /// Calls `reset(arg)` after each timed run.
    pub const fn reset_with(self, reset: &'static str) -> Self {
        Self {
            reset: Some(reset),
            ..self
        }
    }
}

/// An interpreter with [`SNIPPETS`] loaded and one VM per measuring thread.
///
/// Dropped when no measuring thread runs, so its references are released
/// as the only thread that can reach them (`attached::Exclusive`).
pub struct PyHost<S: LockStrategy> {
    // Fields drop in order: every object reference, then the VMs, then the
    // interpreter, whose last handle frees the immortal objects.
    functions: HashMap<&'static str, Value<S>>,
    vms: Vec<Vm<S>>,
    _interp: Arc<Interp<S>>,
}

impl<S: LockStrategy> PyHost<S> {
    /// Loads the snippets into a new interpreter with the default switch
    /// interval, with VMs for up to `threads` threads.
    ///
    /// # Panics
    ///
    /// If the snippets do not compile or run.
    pub fn new(threads: usize) -> Self {
        let interp = Interp::<S>::new(&StrategyConfig::default());
        let mut vms: Vec<Vm<S>> = (0..threads.max(1))
            .map(|_| Vm::new(interp.clone()))
            .collect();
        let vm = &mut vms[0];
        vm.attach();
        let unit = compile::compile_module(SNIPPETS).expect("the snippets compile");
        let filename: Arc<str> = Arc::from("<bench snippets>");
        interp.register_source(filename.clone(), Arc::from(SNIPPETS));
        let code = interp.load_code(unit, &filename);
        let globals = interp.alloc_shared(Payload::Dict(PyDict::new(dict::new_map())));
        interp.dict_set_str(&globals, "__name__", interp.new_str("__bench__"));
        if let Err(e) = vm.run_module_code(&code, &globals) {
            panic!(
                "the snippets failed:\n{}",
                traceback::format_exception(vm, &e)
            );
        }
        let functions = FUNCTIONS
            .iter()
            .map(|&name| {
                let f = ops::dict_get(&globals, &interp.new_str(name))
                    .unwrap_or_else(|| panic!("the snippets define {name}"));
                (name, f)
            })
            .collect();
        drop(globals);
        drop(code);
        vm.detach();
        Self {
            functions,
            vms,
            _interp: interp,
        }
    }

    /// Runs `op.function(arg, n)` on `threads` threads at once and returns
    /// the wall time from the first call's start to the last call's end. The
    /// containers are made, and reset, outside that time.
    ///
    /// # Panics
    ///
    /// If `threads` exceeds the host's VMs, or the Python code raises.
    pub fn run(&mut self, threads: usize, op: PyOp, n: u64) -> Duration {
        let Self { functions, vms, .. } = self;
        assert!(threads <= vms.len(), "a PyHost for {threads} threads");
        let function = |name: &str| {
            functions
                .get(name)
                .unwrap_or_else(|| panic!("no snippet function {name}"))
        };
        let n = Value::Int(i64::try_from(n).expect("n fits an int"));
        let shared = match op.arg {
            Arg::Shared(make) => {
                let vm = &mut vms[0];
                vm.attach();
                let made = call(vm, function(make), vec![]);
                vm.detach();
                Some(made)
            }
            _ => None,
        };
        let measured = function(op.function);
        let reset = op.reset.map(function);
        // Hands each measuring thread the VM of its index.
        let slots: Vec<Mutex<Option<&mut Vm<S>>>> = vms
            .iter_mut()
            .take(threads)
            .map(|vm| Mutex::new(Some(vm)))
            .collect();
        let (elapsed, _) = timed_threads(threads, |i, clock| {
            let vm = slots[i]
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .take()
                .expect("one VM per thread");
            vm.attach();
            let arg = match op.arg {
                Arg::Private(make) => call(vm, function(make), vec![]),
                Arg::Shared(_) => shared.clone().expect("made above"),
                Arg::Int(k) => Value::Int(k),
            };
            vm.detach();
            clock.start();
            vm.attach();
            let result = call(vm, measured, vec![arg.clone(), n.clone()]);
            vm.detach();
            clock.stop();
            vm.attach();
            drop(result);
            if let Some(reset) = reset {
                call(vm, reset, vec![arg.clone()]);
            }
            drop(arg);
            vm.detach();
        });
        drop(slots);
        if let Some(shared) = shared {
            let vm = &mut vms[0];
            vm.attach();
            drop(shared);
            vm.detach();
        }
        elapsed
    }
}

impl<S: LockStrategy> Drop for PyHost<S> {
    fn drop(&mut self) {
        // SAFETY: no measuring thread runs (`run` joins them before it
        // returns), so only this thread can reach the host's objects.
        let _alone = unsafe { Exclusive::enter() };
        self.functions.clear();
        self.vms.clear();
    }
}

/// Calls `f(args)` on an attached VM.
///
/// # Panics
///
/// With the Python traceback, if the call raises.
fn call<S: LockStrategy>(vm: &mut Vm<S>, f: &Value<S>, args: Vec<Value<S>>) -> Value<S> {
    match vm.call(f, args) {
        Ok(v) => v,
        Err(e) => raise(vm, e),
    }
}

fn raise<S: LockStrategy>(vm: &mut Vm<S>, e: PyErr<S>) -> ! {
    panic!(
        "a benchmark snippet raised:\n{}",
        traceback::format_exception(vm, &e)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Mode;

    fn every_op<S: LockStrategy>() {
        let mut host = PyHost::<S>::new(2);
        let ops = [
            PyOp::new("empty_loop", Arg::Int(0)),
            PyOp::new("list_append", Arg::Private("new_list")).reset_with("clear"),
            PyOp::new("list_append", Arg::Shared("new_list")).reset_with("clear"),
            PyOp::new("dict_get_set", Arg::Private("new_dict")),
            PyOp::new("dict_get_set", Arg::Shared("new_dict")),
            PyOp::new("native_call", Arg::Int(100)),
        ];
        for op in ops {
            for threads in [1, 2] {
                assert!(host.run(threads, op, 1000) > Duration::ZERO, "{op:?}");
            }
        }
    }

    #[test]
    fn every_snippet_runs_in_every_mode() {
        for mode in Mode::ALL {
            crate::dispatch!(mode, every_op());
        }
    }
}
