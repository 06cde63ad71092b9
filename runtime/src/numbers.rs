//! The methods of `int` and `float` (ints and floats themselves are unboxed
//! values; their operators live in `ops`): `bit_length`, `to_bytes`,
//! `from_bytes`, `as_integer_ratio`, `is_integer`, `hex`...
//!
//! A receiver may be a bool, an int, a float, or an instance of a user
//! subclass of `int`/`float` (its value: [`crate::subclass::numeric_value`]).

use crate::builtins::arity;
use crate::object::{NativeFn, Payload, TypeKind, Value};
use crate::ops::{self, type_name};
use crate::strategy::LockStrategy;
use crate::vm::{Args, PyResult, Vm};
use num_bigint::{BigInt, Sign};
use num_traits::{Signed, Zero};

pub fn methods<S: LockStrategy>() -> Vec<(TypeKind, &'static str, NativeFn<S>)> {
    let int_methods: [(&'static str, NativeFn<S>); 6] = [
        ("bit_length", int_bit_length),
        ("bit_count", int_bit_count),
        ("to_bytes", int_to_bytes),
        ("from_bytes", int_from_bytes),
        ("as_integer_ratio", int_as_integer_ratio),
        ("conjugate", int_conjugate),
    ];
    // bool inherits them.
    let v: Vec<(TypeKind, &'static str, NativeFn<S>)> = [TypeKind::Int, TypeKind::Bool]
        .into_iter()
        .flat_map(|kind| int_methods.iter().map(move |(name, f)| (kind, *name, *f)))
        .collect();
    v
}

/// The int value of a method's receiver, or CPython's descriptor error.
fn int_receiver<S: LockStrategy>(vm: &Vm<S>, method: &str, args: &Args<S>) -> PyResult<S, BigInt> {
    args.pos
        .first()
        .and_then(ops::to_big)
        .ok_or_else(|| descriptor_error(vm, method, "int", args.pos.first()))
}

pub(crate) fn descriptor_error<S: LockStrategy>(
    vm: &Vm<S>,
    method: &str,
    owner: &str,
    got: Option<&Value<S>>,
) -> crate::vm::PyErr<S> {
    match got {
        Some(v) => vm.type_error(format!(
            "descriptor '{method}' for '{owner}' objects doesn't apply to a '{}' object",
            type_name(v)
        )),
        None => vm.type_error(format!(
            "unbound method {owner}.{method}() needs an argument"
        )),
    }
}

/// A method that takes nothing but its receiver.
pub(crate) fn no_arguments<S: LockStrategy>(
    vm: &Vm<S>,
    owner: &str,
    method: &str,
    args: &Args<S>,
) -> PyResult<S, ()> {
    if !args.kw.is_empty() {
        return Err(vm.type_error(format!("{owner}.{method}() takes no keyword arguments")));
    }
    if args.pos.len() > 1 {
        return Err(vm.type_error(format!(
            "{owner}.{method}() takes no arguments ({} given)",
            args.pos.len() - 1
        )));
    }
    Ok(())
}

fn int_bit_length<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    no_arguments(vm, "int", "bit_length", &args)?;
    let n = int_receiver(vm, "bit_length", &args)?;
    Ok(Value::Int(n.bits() as i64))
}

fn int_bit_count<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    no_arguments(vm, "int", "bit_count", &args)?;
    let n = int_receiver(vm, "bit_count", &args)?;
    let ones: u64 = n
        .magnitude()
        .iter_u64_digits()
        .map(|d| d.count_ones() as u64)
        .sum();
    Ok(Value::Int(ones as i64))
}

fn int_conjugate<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    no_arguments(vm, "int", "conjugate", &args)?;
    Ok(ops::int_from_big(int_receiver(vm, "conjugate", &args)?))
}

fn int_as_integer_ratio<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    no_arguments(vm, "int", "as_integer_ratio", &args)?;
    let n = int_receiver(vm, "as_integer_ratio", &args)?;
    Ok(ops::new_tuple(vec![ops::int_from_big(n), Value::Int(1)]))
}

/// `byteorder` and `signed` of `to_bytes`/`from_bytes`: big-endian unless
/// `'little'`; CPython's ValueError for anything else.
fn byte_order<S: LockStrategy>(vm: &Vm<S>, order: Option<Value<S>>) -> PyResult<S, bool> {
    match order {
        None => Ok(true),
        Some(v) => match v.as_str() {
            Some("big") => Ok(true),
            Some("little") => Ok(false),
            Some(_) => Err(vm.value_error("byteorder must be either 'little' or 'big'")),
            None => Err(vm.type_error(format!(
                "to_bytes() argument 'byteorder' must be str, not {}",
                type_name(&v)
            ))),
        },
    }
}

/// `int.to_bytes(length=1, byteorder='big', *, signed=False)`.
fn int_to_bytes<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    let signed = args.take_kw("signed");
    let length_kw = args.take_kw("length");
    let order_kw = args.take_kw("byteorder");
    crate::builtins::no_other_keywords(vm, "to_bytes", &args)?;
    if args.pos.len() > 3 {
        return Err(vm.type_error(format!(
            "to_bytes() takes at most 2 positional arguments ({} given)",
            args.pos.len() - 1
        )));
    }
    let n = int_receiver(vm, "to_bytes", &args)?;
    let length = match args.pos.get(1).cloned().or(length_kw) {
        None => 1,
        Some(l) => {
            let l = ops::as_index(vm, &l)?;
            ops::expect_int(vm, &l)?
        }
    };
    if length < 0 {
        return Err(vm.value_error("length argument must be non-negative"));
    }
    let big_endian = byte_order(vm, args.pos.get(2).cloned().or(order_kw))?;
    let signed = match signed {
        Some(s) => ops::truthy(vm, &s)?,
        None => false,
    };
    if n.is_negative() && !signed {
        return Err(vm.new_error("OverflowError", "can't convert negative int to unsigned"));
    }
    let mut bytes = if signed {
        n.to_signed_bytes_le()
    } else {
        n.to_bytes_le().1
    };
    if n.is_zero() {
        bytes.clear();
    }
    let length = length as usize;
    if bytes.len() > length {
        return Err(vm.new_error("OverflowError", "int too big to convert"));
    }
    let fill = if n.is_negative() { 0xff } else { 0 };
    bytes.resize(length, fill);
    if big_endian {
        bytes.reverse();
    }
    Ok(Value::Obj(crate::object::ObjRef::new(Payload::Bytes(
        bytes.into_boxed_slice(),
    ))))
}

/// `int.from_bytes(bytes, byteorder='big', *, signed=False)`, a class
/// method (a subclass gets `cls(value)`).
fn int_from_bytes<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    let signed = args.take_kw("signed");
    let bytes_kw = args.take_kw("bytes");
    let order_kw = args.take_kw("byteorder");
    crate::builtins::no_other_keywords(vm, "from_bytes", &args)?;
    arity(vm, "from_bytes", &args, 0, 2)?;
    let Some(source) = args.pos.first().cloned().or(bytes_kw) else {
        return Err(vm.type_error("from_bytes() missing required argument 'bytes' (pos 1)"));
    };
    let big_endian = byte_order(vm, args.pos.get(1).cloned().or(order_kw))?;
    let signed = match signed {
        Some(s) => ops::truthy(vm, &s)?,
        None => false,
    };
    let mut bytes: Vec<u8> = match source.payload() {
        Some(Payload::Bytes(b)) => b.to_vec(),
        Some(Payload::Str(_)) => {
            return Err(vm.type_error("cannot convert 'str' object to bytes"));
        }
        _ => {
            let mut out = Vec::new();
            for item in ops::iterate(vm, &source)? {
                let item = ops::as_index(vm, &item)?;
                let i = ops::expect_int(vm, &item)?;
                if !(0..=255).contains(&i) {
                    return Err(vm.value_error("bytes must be in range(0, 256)"));
                }
                out.push(i as u8);
            }
            out
        }
    };
    if big_endian {
        bytes.reverse();
    }
    let n = if signed {
        BigInt::from_signed_bytes_le(&bytes)
    } else {
        BigInt::from_bytes_le(Sign::Plus, &bytes)
    };
    Ok(ops::int_from_big(n))
}
