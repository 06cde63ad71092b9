//! The `time` module. `sleep` is a blocking call: it detaches, as in CPython.
//! The calendar functions call the C library (`localtime_r`, `mktime`,
//! `strftime`) on raw tuples; `struct_time`, `asctime`, the time zone
//! variables and `get_clock_info` are in the Python part (`py/time.py`).

use crate::builtins::arity;
use crate::object::{ObjRef, Payload, Value};
use crate::ops;
use crate::strategy::LockStrategy;
use crate::vm::{Args, PyResult, Vm};
use std::ffi::CString;
use std::sync::OnceLock;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

pub fn init<S: LockStrategy>(vm: &mut Vm<S>, dict: &ObjRef<S>) {
    super::add_functions(
        vm,
        dict,
        &[
            ("sleep", sleep, false),
            ("perf_counter", perf_counter, false),
            ("perf_counter_ns", perf_counter_ns, false),
            ("monotonic", perf_counter, false),
            ("monotonic_ns", perf_counter_ns, false),
            ("time", time, false),
            ("time_ns", time_ns, false),
            ("process_time", process_time, false),
            ("process_time_ns", process_time_ns, false),
            ("thread_time", thread_time, false),
            ("thread_time_ns", thread_time_ns, false),
            ("_gmtime", gmtime_raw, false),
            ("_localtime", localtime_raw, false),
            ("_mktime", mktime_raw, false),
            ("_strftime", strftime_raw, false),
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
    let deadline = Instant::now() + Duration::from_secs_f64(secs.min(1e12));
    // nanosleep, not std's sleep (which resumes by itself after a signal):
    // a signal's Python handler runs at once, and its exception ends the
    // sleep (PEP 475).
    // The first wait runs even for 0 s: it drops the GIL, which lets other
    // threads run (`sleep(0)` yields).
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let req = libc::timespec {
            tv_sec: left.as_secs().min(libc::time_t::MAX as u64) as libc::time_t,
            tv_nsec: left.subsec_nanos() as libc::c_long,
        };
        // SAFETY: `req` lives across the call; no remainder is asked for.
        let r = vm.blocking(|| unsafe { libc::nanosleep(&req, std::ptr::null_mut()) });
        super::signal::check_signals(vm)?;
        if r == 0 {
            return Ok(Value::None);
        }
        if Instant::now() >= deadline {
            return Ok(Value::None);
        }
    }
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

fn perf_counter_ns<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "perf_counter_ns", &args, 0, 0)?;
    Ok(ops::int_from_big(epoch().elapsed().as_nanos().into()))
}

fn time_ns<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "time_ns", &args, 0, 0)?;
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    Ok(ops::int_from_big(now.as_nanos().into()))
}

/// A CPU-time clock in nanoseconds.
fn cpu_clock_ns(clock: libc::clockid_t) -> i128 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec; the CPU-time clocks
    // exist on every Linux.
    unsafe { libc::clock_gettime(clock, &mut ts) };
    ts.tv_sec as i128 * 1_000_000_000 + ts.tv_nsec as i128
}

fn process_time<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "process_time", &args, 0, 0)?;
    Ok(Value::Float(
        cpu_clock_ns(libc::CLOCK_PROCESS_CPUTIME_ID) as f64 * 1e-9,
    ))
}

fn process_time_ns<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "process_time_ns", &args, 0, 0)?;
    Ok(ops::int_from_big(
        cpu_clock_ns(libc::CLOCK_PROCESS_CPUTIME_ID).into(),
    ))
}

fn thread_time<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "thread_time", &args, 0, 0)?;
    Ok(Value::Float(
        cpu_clock_ns(libc::CLOCK_THREAD_CPUTIME_ID) as f64 * 1e-9,
    ))
}

fn thread_time_ns<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "thread_time_ns", &args, 0, 0)?;
    Ok(ops::int_from_big(
        cpu_clock_ns(libc::CLOCK_THREAD_CPUTIME_ID).into(),
    ))
}

/// The seconds argument of `gmtime`/`localtime`/`ctime`: now when omitted
/// or None, else rounded down to whole seconds as CPython does.
fn time_t_arg<S: LockStrategy>(vm: &Vm<S>, args: &Args<S>) -> PyResult<S, libc::time_t> {
    match args.pos.first() {
        None | Some(Value::None) => Ok(SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as libc::time_t)),
        Some(v) => {
            let secs = time_arg(vm, v)?.floor();
            if !(-(i64::MAX as f64)..i64::MAX as f64).contains(&secs) {
                return Err(vm.new_error(
                    "OverflowError",
                    "timestamp out of range for platform time_t",
                ));
            }
            Ok(secs as libc::time_t)
        }
    }
}

/// A `tm` as the 11 values of `struct_time`: Monday is weekday 0 and
/// January 1 is day 1, as in Python.
// `c_long` is i64 only on 64-bit targets.
#[allow(clippy::unnecessary_cast)]
fn tm_tuple<S: LockStrategy>(vm: &Vm<S>, tm: &libc::tm) -> Value<S> {
    let zone = if tm.tm_zone.is_null() {
        Value::None
    } else {
        // SAFETY: a non-null `tm_zone` from localtime_r/gmtime_r points to
        // a NUL-terminated string of the C library that lives as long as
        // the process's time zone data.
        let name = unsafe { std::ffi::CStr::from_ptr(tm.tm_zone) };
        vm.new_str(name.to_string_lossy().into_owned())
    };
    ops::new_tuple(vec![
        Value::Int(tm.tm_year as i64 + 1900),
        Value::Int(tm.tm_mon as i64 + 1),
        Value::Int(tm.tm_mday as i64),
        Value::Int(tm.tm_hour as i64),
        Value::Int(tm.tm_min as i64),
        Value::Int(tm.tm_sec as i64),
        Value::Int((tm.tm_wday as i64 + 6) % 7),
        Value::Int(tm.tm_yday as i64 + 1),
        Value::Int(tm.tm_isdst as i64),
        zone,
        Value::Int(tm.tm_gmtoff as i64),
    ])
}

/// A zeroed `tm`.
fn empty_tm() -> libc::tm {
    // SAFETY: `tm` is plain data (ints and a nullable pointer), for which
    // all zero bytes is a valid value.
    unsafe { std::mem::zeroed() }
}

fn broken_down<S: LockStrategy>(
    vm: &mut Vm<S>,
    args: Args<S>,
    name: &str,
    convert: unsafe extern "C" fn(*const libc::time_t, *mut libc::tm) -> *mut libc::tm,
) -> PyResult<S> {
    arity(vm, name, &args, 0, 1)?;
    let t = time_t_arg(vm, &args)?;
    let mut tm = empty_tm();
    // SAFETY: both pointers are valid for the call; the `_r` functions
    // write only into `tm`.
    if unsafe { convert(&t, &mut tm) }.is_null() {
        let errno = std::io::Error::last_os_error()
            .raw_os_error()
            .unwrap_or(libc::EOVERFLOW);
        return Err(crate::os_error::from_errno(vm, errno, None, None));
    }
    Ok(tm_tuple(vm, &tm))
}

fn gmtime_raw<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    broken_down(vm, args, "gmtime", libc::gmtime_r)
}

fn localtime_raw<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    broken_down(vm, args, "localtime", libc::localtime_r)
}

/// The first nine values of a time tuple as a `tm` (Python's numbering),
/// with the zone and offset when the tuple has them.
fn tm_of<S: LockStrategy>(vm: &Vm<S>, v: &Value<S>) -> PyResult<S, (libc::tm, Option<CString>)> {
    let items: Vec<Value<S>> = match v.payload() {
        Some(Payload::Tuple(t)) => t.to_vec(),
        _ => return Err(vm.type_error("Tuple or struct_time argument required")),
    };
    if items.len() < 9 {
        return Err(vm.type_error(format!(
            "function takes exactly 9 arguments ({} given)",
            items.len()
        )));
    }
    let mut f = [0i64; 9];
    for (slot, item) in f.iter_mut().zip(&items) {
        *slot = ops::expect_int(vm, item)?;
    }
    let int = |v: i64| -> PyResult<S, libc::c_int> {
        libc::c_int::try_from(v)
            .map_err(|_| vm.new_error("OverflowError", "Python int too large to convert to C int"))
    };
    let mut tm = empty_tm();
    tm.tm_year = int(f[0] - 1900)?;
    tm.tm_mon = int(f[1] - 1)?;
    tm.tm_mday = int(f[2])?;
    tm.tm_hour = int(f[3])?;
    tm.tm_min = int(f[4])?;
    tm.tm_sec = int(f[5])?;
    tm.tm_wday = int((f[6] + 1).rem_euclid(7))?;
    tm.tm_yday = int(f[7] - 1)?;
    tm.tm_isdst = int(f[8])?;
    let mut zone = None;
    if let Some(Payload::Str(z)) = items.get(9).and_then(|z| z.payload()) {
        zone = CString::new(z.as_str()).ok();
    }
    if let Some(Value::Int(off)) = items.get(10) {
        tm.tm_gmtoff = *off as libc::c_long;
    }
    if let Some(z) = &zone {
        tm.tm_zone = z.as_ptr();
    }
    Ok((tm, zone))
}

fn mktime_raw<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "mktime", &args, 1, 1)?;
    let (mut tm, _zone) = tm_of(vm, &args.pos[0])?;
    // A weekday mktime never leaves: still there after a -1 means failure.
    tm.tm_wday = -1;
    // SAFETY: `tm` is a valid, writable `tm` for the call.
    let t = unsafe { libc::mktime(&mut tm) };
    if t == -1 && tm.tm_wday == -1 {
        return Err(vm.new_error("OverflowError", "mktime argument out of range"));
    }
    Ok(Value::Float(t as f64))
}

/// `_strftime(format, tuple)`: the tuple already checked by the Python part.
fn strftime_raw<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "strftime", &args, 2, 2)?;
    let format = args.pos[0]
        .as_str()
        .ok_or_else(|| vm.type_error("strftime() argument 1 must be str"))?;
    let format = CString::new(format).map_err(|_| vm.value_error("embedded null character"))?;
    let (tm, _zone) = tm_of(vm, &args.pos[1])?;
    // An empty result is either an empty expansion or a buffer too small:
    // CPython tries larger buffers up to 256 times the format's length.
    let limit = 256 * format.as_bytes().len().max(1);
    let mut size = 1024;
    loop {
        let mut buf = vec![0u8; size];
        // SAFETY: `buf` has `size` writable bytes; `format` is
        // NUL-terminated and `tm` (with its zone string) outlives the call.
        let n = unsafe { libc::strftime(buf.as_mut_ptr().cast(), size, format.as_ptr(), &tm) };
        if n > 0 || size >= limit {
            buf.truncate(n);
            return Ok(vm.new_str(String::from_utf8_lossy(&buf).into_owned()));
        }
        size *= 2;
    }
}
