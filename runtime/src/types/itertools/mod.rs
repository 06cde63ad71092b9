//! The iterator types of the `itertools` module that are hot in real
//! programs, written in Rust as CPython's `Modules/itertoolsmodule.c`
//! writes them in C (the rest are the module's Python part,
//! `modules/py/itertools.py`).
//!
//! Grouped by what they do: [`infinite`] (`count`, `repeat`), [`combining`]
//! (`chain`, `islice`, `zip_longest`, `accumulate`, `starmap`) and
//! [`combinatoric`] (`product`, `permutations`, `combinations`,
//! `combinations_with_replacement`).
//!
//! Locking: each object keeps its state in an [`crate::object::ObjCell`]
//! read through its header, so that under `finegrained` two threads
//! pulling from one iterator never tear its state. A step that runs no
//! Python code (`count` over ints, `repeat`, the combinatoric ones) is one
//! critical section, atomic as a `next()` is under CPython's GIL; a step
//! that pulls from another iterator or calls a function reads what it
//! needs under the lock, runs the Python code unlocked, and stores the
//! result under the lock again (`islice` claims the positions it will
//! consume first, so that a shared `islice` still yields exactly its
//! slice).

pub mod combinatoric;
pub mod combining;
pub mod infinite;

use super::{Base, TypeSpec};
use crate::object::{NativeFn, ObjRef, Value};
use crate::ops;
use crate::strategy::LockStrategy;
use crate::vm::{Args, PyResult, Vm};

/// The native `itertools` types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Count,
    Repeat,
    Chain,
    Islice,
    ZipLongest,
    Accumulate,
    Starmap,
    Product,
    Permutations,
    Combinations,
    CombinationsWithReplacement,
}

impl Kind {
    pub const ALL: [Kind; 11] = [
        Kind::Count,
        Kind::Repeat,
        Kind::Chain,
        Kind::Islice,
        Kind::ZipLongest,
        Kind::Accumulate,
        Kind::Starmap,
        Kind::Product,
        Kind::Permutations,
        Kind::Combinations,
        Kind::CombinationsWithReplacement,
    ];

    /// `__name__`, and the name the module binds.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Count => "count",
            Kind::Repeat => "repeat",
            Kind::Chain => "chain",
            Kind::Islice => "islice",
            Kind::ZipLongest => "zip_longest",
            Kind::Accumulate => "accumulate",
            Kind::Starmap => "starmap",
            Kind::Product => "product",
            Kind::Permutations => "permutations",
            Kind::Combinations => "combinations",
            Kind::CombinationsWithReplacement => "combinations_with_replacement",
        }
    }

    /// CPython's `tp_name`, which its messages use.
    pub fn tp_name(self) -> &'static str {
        match self {
            Kind::Count => "itertools.count",
            Kind::Repeat => "itertools.repeat",
            Kind::Chain => "itertools.chain",
            Kind::Islice => "itertools.islice",
            Kind::ZipLongest => "itertools.zip_longest",
            Kind::Accumulate => "itertools.accumulate",
            Kind::Starmap => "itertools.starmap",
            Kind::Product => "itertools.product",
            Kind::Permutations => "itertools.permutations",
            Kind::Combinations => "itertools.combinations",
            Kind::CombinationsWithReplacement => "itertools.combinations_with_replacement",
        }
    }

    pub fn spec<S: LockStrategy>(self) -> TypeSpec<S> {
        let new: NativeFn<S> = match self {
            Kind::Count => infinite::count_new,
            Kind::Repeat => infinite::repeat_new,
            Kind::Chain => combining::chain_new,
            Kind::Islice => combining::islice_new,
            Kind::ZipLongest => combining::zip_longest_new,
            Kind::Accumulate => combining::accumulate_new,
            Kind::Starmap => combining::starmap_new,
            Kind::Product => combinatoric::product_new,
            Kind::Permutations => combinatoric::permutations_new,
            Kind::Combinations => combinatoric::combinations_new,
            Kind::CombinationsWithReplacement => combinatoric::cwr_new,
        };
        let methods: fn() -> Vec<(&'static str, NativeFn<S>)> = match self {
            Kind::Repeat => infinite::repeat_methods,
            Kind::Chain => combining::chain_methods,
            _ => Vec::new,
        };
        TypeSpec {
            name: self.name(),
            builtin: false,
            new,
            methods,
            dunders: &["__iter__", "__next__"],
            base: Base::No,
        }
    }
}

/// The part of every iterator's slot table that is the same for all:
/// `is_iterator`, `is_container`, the downcast.
macro_rules! iterator_slots {
    () => {
        fn is_iterator(&self) -> bool {
            true
        }
        fn is_container(&self) -> bool {
            true
        }
        fn as_any(&self) -> &dyn std::any::Any {
            self
        }
    };
}
pub(crate) use iterator_slots;

/// The default repr, `<itertools.chain object at 0x...>`.
pub(crate) fn object_repr<S: LockStrategy>(kind: Kind, this: &ObjRef<S>) -> String {
    format!("<{} object at {:#x}>", kind.tp_name(), this.addr())
}

/// Arguments bound to parameter names as CPython's
/// `PyArg_ParseTupleAndKeywords` (and Argument Clinic) bind them, with
/// their messages: `names` are the parameters in order, the first
/// `required` of them required, the last `kw_only` keyword-only.
pub(crate) fn bind<S: LockStrategy>(
    vm: &Vm<S>,
    func: &str,
    args: Args<S>,
    names: &[&str],
    required: usize,
    kw_only: usize,
) -> PyResult<S, Vec<Option<Value<S>>>> {
    let positional = names.len() - kw_only;
    if args.pos.len() > positional {
        let what = if kw_only > 0 {
            "positional arguments"
        } else if positional == 1 {
            "argument"
        } else {
            "arguments"
        };
        return Err(vm.type_error(format!(
            "{func}() takes at most {positional} {what} ({} given)",
            args.pos.len()
        )));
    }
    let total = args.pos.len() + args.kw.len();
    if total > names.len() {
        return Err(vm.type_error(format!(
            "{func}() takes at most {} arguments ({total} given)",
            names.len()
        )));
    }
    let mut out: Vec<Option<Value<S>>> = vec![None; names.len()];
    let given = args.pos.len();
    for (slot, v) in out.iter_mut().zip(args.pos) {
        *slot = Some(v);
    }
    for (k, v) in args.kw {
        match names.iter().position(|n| *n == k) {
            Some(i) if i < given => {
                return Err(vm.type_error(format!(
                    "argument for {func}() given by name ('{k}') and position ({})",
                    i + 1
                )))
            }
            Some(i) => out[i] = Some(v),
            None => {
                return Err(
                    vm.type_error(format!("'{k}' is an invalid keyword argument for {func}()"))
                )
            }
        }
    }
    for (i, name) in names.iter().enumerate().take(required) {
        if out[i].is_none() {
            return Err(vm.type_error(format!(
                "{func}() missing required argument '{name}' (pos {})",
                i + 1
            )));
        }
    }
    Ok(out)
}

/// CPython's `_PyArg_NoKeywords`.
pub(crate) fn no_keywords<S: LockStrategy>(
    vm: &Vm<S>,
    func: &str,
    args: &Args<S>,
) -> PyResult<S, ()> {
    if args.kw.is_empty() {
        Ok(())
    } else {
        Err(vm.type_error(format!("{func}() takes no keyword arguments")))
    }
}

/// A C `Py_ssize_t` argument (the `n` format): `__index__`, then
/// CPython's TypeError or OverflowError.
pub(crate) fn ssize<S: LockStrategy>(vm: &mut Vm<S>, v: &Value<S>) -> PyResult<S, i64> {
    let i = ops::as_index(vm, v)?;
    ops::expect_int(vm, &i)
}
