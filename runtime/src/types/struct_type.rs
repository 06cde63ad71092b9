//! `_struct.Struct`: a format parsed once, with the module's functions as
//! methods (`s.pack(1, 2)` is `struct.pack(s.format, 1, 2)`). Immutable:
//! the layout is shared data, read without a lock in every mode.

use super::{NativeKind, NativeObject, TypeSpec};
use crate::builtins::arity;
use crate::modules::struct_::{self as module};
use crate::modules::struct_format::Layout;
use crate::object::{NativeFn, ObjRef, Value};
use crate::strategy::LockStrategy;
use crate::vm::{Args, PyResult, Vm};
use std::any::Any;
use std::sync::Arc;

pub struct Struct {
    /// The format as given, decoded (`s.format`).
    format: String,
    layout: Arc<Layout>,
}

impl<S: LockStrategy> NativeObject<S> for Struct {
    fn kind(&self) -> NativeKind {
        NativeKind::Struct
    }

    fn repr(&self, _vm: &mut Vm<S>, this: &ObjRef<S>) -> PyResult<S, String> {
        Ok(format!("<_struct.Struct object at {:#x}>", this.addr()))
    }

    fn get_attr(&self, _this: &ObjRef<S>, name: &str) -> Option<Value<S>> {
        match name {
            "format" => Some(crate::ops::new_str(self.format.as_str())),
            "size" => Some(Value::Int(self.layout.size as i64)),
            _ => None,
        }
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn struct_new<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    let kw = args.take_kw("format");
    arity(vm, "Struct", &args, 0, 1)?;
    let Some(fmt) = args.pos.into_iter().next().or(kw) else {
        return Err(vm.type_error("Struct() missing required argument 'format' (pos 1)"));
    };
    let text = module::format_text(vm, &fmt)?;
    let layout = module::layout_of(vm, &text)?;
    Ok(super::new_object(Struct {
        format: String::from_utf8_lossy(&text).into_owned(),
        layout,
    }))
}

/// The receiver's layout.
fn layout<S: LockStrategy>(vm: &Vm<S>, method: &str, args: &Args<S>) -> PyResult<S, Arc<Layout>> {
    let this = super::receiver::<S, Struct>(vm, method, NativeKind::Struct, &args.pos)?;
    Ok(this.layout.clone())
}

fn no_keywords<S: LockStrategy>(vm: &Vm<S>, method: &str, args: &Args<S>) -> PyResult<S, ()> {
    match args.kw.is_empty() {
        true => Ok(()),
        false => Err(vm.type_error(format!("Struct.{method}() takes no keyword arguments"))),
    }
}

fn s_pack<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let layout = layout(vm, "pack", &args)?;
    no_keywords(vm, "pack", &args)?;
    module::pack_values(vm, &layout, &args.pos[1..])
}

fn s_pack_into<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let layout = layout(vm, "pack_into", &args)?;
    no_keywords(vm, "pack_into", &args)?;
    module::pack_into_values(vm, &layout, &args.pos[1..])
}

fn s_unpack<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let layout = layout(vm, "unpack", &args)?;
    let rest = Args {
        pos: args.pos[1..].to_vec(),
        kw: args.kw,
    };
    arity(vm, "Struct.unpack", &rest, 1, 1)?;
    module::unpack_buffer(vm, &layout, &rest.pos[0])
}

fn s_unpack_from<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let layout = layout(vm, "unpack_from", &args)?;
    let (buffer, offset) = module::buffer_and_offset(vm, args, 0)?;
    module::unpack_from_buffer(vm, &layout, &buffer, offset.as_ref())
}

fn s_iter_unpack<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let layout = layout(vm, "iter_unpack", &args)?;
    let rest = Args {
        pos: args.pos[1..].to_vec(),
        kw: args.kw,
    };
    arity(vm, "Struct.iter_unpack", &rest, 1, 1)?;
    module::iter_unpack_buffer(vm, &layout, &rest.pos[0])
}

pub fn spec<S: LockStrategy>() -> TypeSpec<S> {
    TypeSpec {
        name: NativeKind::Struct.short_name(),
        builtin: false,
        new: struct_new,
        methods: || {
            vec![
                ("pack", s_pack as NativeFn<S>),
                ("pack_into", s_pack_into),
                ("unpack", s_unpack),
                ("unpack_from", s_unpack_from),
                ("iter_unpack", s_iter_unpack),
            ]
        },
        dunders: &[],
        base: super::Base::No,
    }
}
