//! The `gc` module: the cyclic garbage collector's interface (see
//! [`crate::gc`]).

use crate::builtins::arity;
use crate::gc::GENERATIONS;
use crate::object::{ObjRef, Value};
use crate::ops;
use crate::strategy::LockStrategy;
use crate::vm::{Args, PyResult, Vm};

pub fn init<S: LockStrategy>(vm: &mut Vm<S>, dict: &ObjRef<S>) {
    super::add_functions(
        vm,
        dict,
        &[
            ("collect", collect, false),
            ("enable", enable, false),
            ("disable", disable, false),
            ("isenabled", isenabled, false),
            ("get_threshold", get_threshold, false),
            ("set_threshold", set_threshold, false),
            ("get_count", get_count, false),
            ("get_stats", get_stats, false),
            ("is_tracked", is_tracked, false),
            ("freeze", freeze, false),
            ("unfreeze", unfreeze, false),
            ("get_freeze_count", get_freeze_count, false),
        ],
    );
    // Uncollectable objects would be listed here; since PEP 442 there are
    // none.
    vm.interp
        .dict_set_str(dict, "garbage", ops::new_list(Vec::new()));
    // Called with ("start" | "stop", info) around every collection.
    vm.interp
        .dict_set_str(dict, "callbacks", ops::new_list(Vec::new()));
}

/// `gc.collect(generation=2)`.
fn collect<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    let kw = args.take_kw("generation");
    arity(vm, "collect", &args, 0, 1)?;
    let generation = match args.pos.first().or(kw.as_ref()) {
        Some(v) => ops::expect_int(vm, v)?,
        None => GENERATIONS as i64 - 1,
    };
    if !(0..GENERATIONS as i64).contains(&generation) {
        return Err(vm.value_error("invalid generation"));
    }
    vm.run_pending_finalizers();
    let n = vm.collect_garbage(generation as usize);
    Ok(Value::Int(n as i64))
}

fn enable<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "enable", &args, 0, 0)?;
    vm.interp.gc.set_enabled(true);
    Ok(Value::None)
}

fn disable<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "disable", &args, 0, 0)?;
    vm.interp.gc.set_enabled(false);
    Ok(Value::None)
}

fn isenabled<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "isenabled", &args, 0, 0)?;
    Ok(Value::Bool(vm.interp.gc.is_enabled()))
}

fn get_threshold<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "get_threshold", &args, 0, 0)?;
    let t = vm.interp.gc.thresholds();
    Ok(ops::new_tuple(
        t.iter().map(|&v| Value::Int(v as i64)).collect(),
    ))
}

/// `gc.set_threshold(threshold0[, threshold1[, threshold2]])`.
fn set_threshold<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "set_threshold", &args, 1, 3)?;
    let mut t = vm.interp.gc.thresholds();
    for (slot, v) in t.iter_mut().zip(&args.pos) {
        // CPython stores C ints; negative thresholds behave like 0 there.
        let n = ops::expect_int(vm, v)?;
        *slot = n.clamp(0, u32::MAX as i64) as u32;
    }
    vm.interp.gc.set_thresholds(t);
    Ok(Value::None)
}

fn get_count<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "get_count", &args, 0, 0)?;
    let c = vm.interp.gc.counts();
    Ok(ops::new_tuple(c.iter().map(|&v| Value::Int(v)).collect()))
}

/// `gc.get_stats()`: one dict per generation.
fn get_stats<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "get_stats", &args, 0, 0)?;
    let stats = vm.interp.gc.stats();
    let mut out = Vec::new();
    for g in stats.generations {
        let d = ops::new_dict();
        if let Value::Obj(dict) = &d {
            for (k, v) in [
                ("collections", g.collections),
                ("collected", g.collected),
                ("uncollectable", g.uncollectable),
            ] {
                vm.interp.dict_set_str(dict, k, Value::Int(v as i64));
            }
        }
        out.push(d);
    }
    Ok(ops::new_list(out))
}

fn is_tracked<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "is_tracked", &args, 1, 1)?;
    Ok(Value::Bool(match &args.pos[0] {
        Value::Obj(o) => crate::gc::is_tracked(o),
        _ => false,
    }))
}

fn freeze<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "freeze", &args, 0, 0)?;
    vm.move_all_tracked(true);
    Ok(Value::None)
}

fn unfreeze<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "unfreeze", &args, 0, 0)?;
    vm.move_all_tracked(false);
    Ok(Value::None)
}

fn get_freeze_count<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "get_freeze_count", &args, 0, 0)?;
    Ok(Value::Int(vm.interp.gc.freeze_count() as i64))
}
