//! The `time` module. `sleep` is a blocking call: it detaches, as in CPython.

use crate::builtins::arity;
use crate::object::{ObjRef, Value};
use crate::strategy::LockStrategy;
use crate::vm::{Args, PyResult, Vm};
use std::sync::OnceLock;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

pub fn init<S: LockStrategy>(vm: &mut Vm<S>, dict: &ObjRef<S>) {
    super::add_functions(
        vm,
        dict,
        &[
            ("sleep", sleep, false),
            ("perf_counter", perf_counter, false),
            ("monotonic", perf_counter, false),
            ("time", time, false),
        ],
    );
}

/// A number of seconds from an int or float argument.
pub fn seconds_arg<S: LockStrategy>(vm: &Vm<S>, v: &Value<S>) -> PyResult<S, f64> {
    match v {
        Value::Int(i) => Ok(*i as f64),
        Value::Bool(b) => Ok(*b as i64 as f64),
        Value::Float(f) => Ok(*f),
        other => Err(vm.type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            crate::ops::type_name(other)
        ))),
    }
}

/// CPython keeps times as signed 64-bit nanosecond counts (`_PyTime_t`).
const NANOS_LIMIT: f64 = 9_223_372_036_854_775_808.0;

/// A timeout or sleep length in seconds, read as CPython's
/// `_PyTime_FromSecondsObject` reads it: NaN is a ValueError, and a time
/// that is not a signed 64-bit count of nanoseconds an OverflowError, so
/// the result always converts to a `Duration` when it is not negative.
pub fn time_arg<S: LockStrategy>(vm: &Vm<S>, v: &Value<S>) -> PyResult<S, f64> {
    let too_large = || {
        vm.new_error(
            "OverflowError",
            "timestamp too large to convert to C _PyTime_t",
        )
    };
    match v {
        Value::Float(f) => {
            if f.is_nan() {
                return Err(vm.value_error("Invalid value NaN (not a number)"));
            }
            let nanos = (f * 1e9).ceil();
            if !(-NANOS_LIMIT..NANOS_LIMIT).contains(&nanos) {
                return Err(vm.new_error(
                    "OverflowError",
                    "timestamp out of range for platform time_t",
                ));
            }
            Ok(*f)
        }
        Value::Obj(o) if matches!(o.payload(), crate::object::Payload::BigInt(_)) => {
            Err(too_large())
        }
        _ => {
            let secs = seconds_arg(vm, v)? as i64;
            secs.checked_mul(1_000_000_000).ok_or_else(too_large)?;
            Ok(secs as f64)
        }
    }
}

fn sleep<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "sleep", &args, 1, 1)?;
    let secs = time_arg(vm, &args.pos[0])?;
    if secs < 0.0 {
        return Err(vm.value_error("sleep length must be non-negative"));
    }
    let d = Duration::from_secs_f64(secs);
    vm.blocking(|| std::thread::sleep(d));
    Ok(Value::None)
}

fn epoch() -> Instant {
    static EPOCH: OnceLock<Instant> = OnceLock::new();
    *EPOCH.get_or_init(Instant::now)
}

fn perf_counter<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "perf_counter", &args, 0, 0)?;
    Ok(Value::Float(epoch().elapsed().as_secs_f64()))
}

fn time<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "time", &args, 0, 0)?;
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    Ok(Value::Float(now.as_secs_f64()))
}
