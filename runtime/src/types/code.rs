//! `types.CodeType`: a function's compiled body as a Python object
//! (`f.__code__`), with the `co_*` attributes that programs and the
//! standard library read (`inspect`, `dataclasses`, `functools`...), as
//! CPython's `Objects/codeobject.c`. Read-only: the compiled code is shared
//! and immutable, so no lock is needed in any mode.

use super::{NativeKind, NativeObject, TypeSpec};
use crate::code::Code;
use crate::object::{ObjRef, Value};
use crate::ops;
use crate::strategy::LockStrategy;
use crate::vm::{Args, PyResult, Vm};
use std::any::Any;
use std::sync::Arc;

/// CPython's `co_flags` bits (`Include/cpython/code.h`).
pub const CO_OPTIMIZED: i64 = 0x1;
pub const CO_NEWLOCALS: i64 = 0x2;
pub const CO_VARARGS: i64 = 0x4;
pub const CO_VARKEYWORDS: i64 = 0x8;
pub const CO_NESTED: i64 = 0x10;
pub const CO_GENERATOR: i64 = 0x20;
pub const CO_COROUTINE: i64 = 0x80;
pub const CO_ITERABLE_COROUTINE: i64 = 0x100;
pub const CO_ASYNC_GENERATOR: i64 = 0x200;

/// A code object: one compiled function or module body.
pub struct CodeObject<S: LockStrategy> {
    pub code: Arc<Code<S>>,
}

/// `f.__code__`.
pub fn new_code_object<S: LockStrategy>(code: &Arc<Code<S>>) -> Value<S> {
    super::new_object(CodeObject { code: code.clone() })
}

impl<S: LockStrategy> CodeObject<S> {
    fn flags(&self) -> i64 {
        let c = &self.code;
        let mut flags = 0;
        if !c.is_module && !c.is_class {
            flags |= CO_OPTIMIZED | CO_NEWLOCALS;
        }
        if c.varargs {
            flags |= CO_VARARGS;
        }
        if c.varkw {
            flags |= CO_VARKEYWORDS;
        }
        if !c.freevars.is_empty() {
            flags |= CO_NESTED;
        }
        flags |= match (c.is_coroutine, c.is_generator) {
            (false, true) => CO_GENERATOR,
            (true, false) => CO_COROUTINE,
            (true, true) => CO_ASYNC_GENERATOR,
            (false, false) => 0,
        };
        if c.iterable_coroutine.load(crate::sync::Ordering::Relaxed) {
            flags |= CO_ITERABLE_COROUTINE;
        }
        flags
    }

    fn first_line(&self) -> i64 {
        let c = &self.code;
        if c.first_line > 0 {
            return c.first_line as i64;
        }
        c.lines.iter().copied().find(|&l| l > 0).unwrap_or(1) as i64
    }
}

fn str_tuple<S: LockStrategy>(names: impl Iterator<Item = String>) -> Value<S> {
    ops::new_tuple(names.map(|n| ops::new_str(n.as_str())).collect())
}

/// `types.CodeType(...)`: building code from parts is not supported, as
/// this runtime's code is not CPython's bytecode.
fn code_new<S: LockStrategy>(vm: &mut Vm<S>, _args: Args<S>) -> PyResult<S> {
    Err(vm.type_error(format!(
        "code expected at least 16 arguments, got {}",
        _args.pos.len()
    )))
}

impl<S: LockStrategy> NativeObject<S> for CodeObject<S> {
    fn kind(&self) -> NativeKind {
        NativeKind::Code
    }

    fn repr(&self, _vm: &mut Vm<S>, this: &ObjRef<S>) -> PyResult<S, String> {
        Ok(format!(
            "<code object {} at {:#x}, file \"{}\", line {}>",
            self.code.name,
            this.raw().as_ptr() as usize,
            self.code.filename,
            self.first_line()
        ))
    }

    /// Identity: two code objects are equal when they stand for the same
    /// compiled body.
    fn hash(&self, _this: &ObjRef<S>) -> Option<i64> {
        Some(crate::dict::identity_hash(Arc::as_ptr(&self.code) as usize))
    }

    fn eq(&self, _this: &ObjRef<S>, other: &Value<S>) -> Option<bool> {
        let other = super::downcast::<S, CodeObject<S>>(other)?;
        Some(Arc::ptr_eq(&self.code, &other.code))
    }

    fn get_attr(&self, _this: &ObjRef<S>, name: &str) -> Option<Value<S>> {
        self.get_attr_value(name)
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

impl<S: LockStrategy> CodeObject<S> {
    /// The `co_*` attribute `name`.
    fn get_attr_value(&self, name: &str) -> Option<Value<S>> {
        let c = &self.code;
        let int = |n: u32| Value::Int(n as i64);
        Some(match name {
            "co_name" => ops::new_str(&*c.name),
            "co_qualname" => ops::new_str(&*c.qualname),
            "co_filename" => ops::new_str(&*c.filename),
            "co_argcount" => int(c.argcount),
            "co_posonlyargcount" => int(c.posonlyargcount),
            "co_kwonlyargcount" => int(c.kwonlyargcount),
            "co_nlocals" => int(c.nlocals),
            "co_flags" => Value::Int(self.flags()),
            "co_firstlineno" => Value::Int(self.first_line()),
            "co_varnames" => str_tuple(c.varnames.iter().map(|n| n.to_string())),
            "co_cellvars" => str_tuple(c.cellvars.iter().map(|n| n.to_string())),
            "co_freevars" => str_tuple(c.freevars.iter().map(|n| n.to_string())),
            "co_names" => ops::new_tuple(c.names.iter().map(|n| Value::Obj(n.clone())).collect()),
            "co_consts" => ops::new_tuple(c.consts.to_vec()),
            _ => return None,
        })
    }
}

/// `code.replace(**changes)`. This runtime's code is shared and compiled
/// once, so the only change it takes is the one `types.coroutine` makes:
/// adding `CO_ITERABLE_COROUTINE` to `co_flags` (which then holds for every
/// function of this code). Replacing a field by its own value is allowed.
fn code_replace<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    if args.pos.len() != 1 {
        return Err(vm.type_error("replace() takes no positional arguments"));
    }
    let Some(this) = super::downcast::<S, CodeObject<S>>(&args.pos[0]) else {
        return Err(vm.type_error("descriptor 'replace' requires a 'code' object"));
    };
    let mut add_iterable = false;
    for (name, value) in &args.kw {
        let current = this.get_attr_value(name);
        let Some(current) = current else {
            return Err(vm.type_error(format!(
                "'{name}' is an invalid keyword argument for replace()"
            )));
        };
        if ops::eq(vm, &current, value)? {
            continue;
        }
        if name == "co_flags" {
            let flags = ops::expect_int(vm, value)?;
            if flags == this.flags() | CO_ITERABLE_COROUTINE {
                add_iterable = true;
                continue;
            }
        }
        return Err(vm.new_error(
            "NotImplementedError",
            format!("code.replace() cannot change {name} in this runtime"),
        ));
    }
    if add_iterable {
        this.code
            .iterable_coroutine
            .store(true, crate::sync::Ordering::Relaxed);
    }
    Ok(new_code_object(&this.code))
}

/// `code.co_positions()`: an iterator of `(line, end_line, column,
/// end_column)` per instruction. Our instructions are one per position
/// (`f_lasti` is twice the instruction's index, as CPython's code units
/// are); columns are not recorded, so they are None, as CPython gives with
/// `-X no_debug_ranges`.
fn co_positions<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let this =
        super::receiver_only::<S, CodeObject<S>>(vm, "co_positions", NativeKind::Code, &args)?;
    let items = this
        .code
        .lines
        .iter()
        .map(|&l| {
            let line = Value::Int(l as i64);
            ops::new_tuple(vec![line.clone(), line, Value::None, Value::None])
        })
        .collect();
    ops::get_iter(vm, &ops::new_list(items))
}

/// `code.co_lines()`: an iterator of `(start, end, line)`, the byte offsets
/// (two per instruction) of each run of instructions on one line.
fn co_lines<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let this = super::receiver_only::<S, CodeObject<S>>(vm, "co_lines", NativeKind::Code, &args)?;
    let lines = &this.code.lines;
    let mut items = Vec::new();
    let mut start = 0;
    for i in 1..=lines.len() {
        if i == lines.len() || lines[i] != lines[start] {
            let span = [start * 2, i * 2, lines[start] as usize].map(|n| Value::Int(n as i64));
            items.push(ops::new_tuple(span.to_vec()));
            start = i;
        }
    }
    ops::get_iter(vm, &ops::new_list(items))
}

/// The type's registration (see `types/mod.rs`).
pub fn spec<S: LockStrategy>() -> TypeSpec<S> {
    TypeSpec {
        name: NativeKind::Code.short_name(),
        builtin: false,
        new: code_new,
        methods: || {
            vec![
                ("replace", code_replace),
                ("co_positions", co_positions),
                ("co_lines", co_lines),
            ]
        },
        dunders: &[],
        base: super::Base::No,
    }
}
