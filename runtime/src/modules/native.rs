//! The `native` module: functions written in Rust that stand for C
//! extensions. Each declares that it releases the GIL while it computes, as a
//! C extension does with `Py_BEGIN_ALLOW_THREADS`; whether the runtime honours
//! that is the lock strategy's business (see [`Vm::allow_threads`]).

use crate::builtins::arity;
use crate::object::{ObjRef, Payload};
use crate::ops;
use crate::strategy::LockStrategy;
use crate::vm::{Args, PyResult, Vm};
use rayon::prelude::*;

pub fn init<S: LockStrategy>(vm: &mut Vm<S>, dict: &ObjRef<S>) {
    super::add_functions(
        vm,
        dict,
        &[
            ("hash_bytes", hash_bytes, true),
            ("spin", spin, true),
            ("par_sum", par_sum, true),
            ("_panic", panic_for_tests, false),
        ],
    );
}

/// `_panic(message)`: panics, holding the GIL. It exists only so that the
/// tests can check that a panic in a Python thread is reported as an
/// internal error and ends the process (see `crate::internal_error`);
/// nothing else may call it.
fn panic_for_tests<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "_panic", &args, 1, 1)?;
    let message = args.pos[0]
        .as_str()
        .ok_or_else(|| vm.type_error("_panic() argument must be str"))?
        .to_string();
    panic!("{message}");
}

/// FNV-1a over a buffer, `rounds` times: about a nanosecond per byte, like a
/// real hash function implemented in C.
pub fn fnv1a(data: &[u8], rounds: u32) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for _ in 0..rounds {
        for b in data {
            h ^= *b as u64;
            h = h.wrapping_mul(0x100_0000_01b3);
        }
    }
    h
}

/// A deterministic buffer of `n` pseudo-random bytes.
fn make_buffer(mut buf: Vec<u8>, n: usize) -> Vec<u8> {
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    buf.extend((0..n).map(|_| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x as u8
    }));
    buf
}

/// `hash_bytes(data_or_size, rounds=1)`: hashes a `bytes` object, or a
/// generated buffer of the given size. Returns the 64-bit hash as an int.
fn hash_bytes<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    let rounds_kw = args.take_kw("rounds");
    arity(vm, "hash_bytes", &args, 1, 2)?;
    let rounds = match rounds_kw.or_else(|| args.pos.get(1).cloned()) {
        Some(v) => ops::expect_int(vm, &v)?.clamp(0, u32::MAX as i64) as u32,
        None => 1,
    };
    let h = match args.pos[0].payload() {
        // The bytes object is immutable and `args` keeps it alive, so the
        // buffer may be read without the GIL.
        Some(Payload::Bytes(b)) => vm.allow_threads(|| fnv1a(b, rounds)),
        _ => {
            let n = ops::expect_int(vm, &args.pos[0])?;
            if n < 0 {
                return Err(vm.value_error("size must be non-negative"));
            }
            let buf = crate::alloc::vec_with_capacity(vm, n as usize)?;
            vm.allow_threads(|| fnv1a(&make_buffer(buf, n as usize), rounds))
        }
    };
    Ok(ops::int_from_big(h.into()))
}

/// `spin(n)`: a CPU-bound loop of `n` steps; returns a checksum.
fn spin<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "spin", &args, 1, 1)?;
    let n = ops::expect_int(vm, &args.pos[0])?.max(0) as u64;
    let r = vm.allow_threads(|| {
        let mut x: u64 = 1;
        for i in 0..n {
            x = std::hint::black_box(x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(i));
        }
        x
    });
    Ok(ops::int_from_big(r.into()))
}

/// `par_sum(n)`: the sum of i*i mod 1_000_003 for i < n, computed by rayon
/// on all cores after releasing the GIL.
fn par_sum<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "par_sum", &args, 1, 1)?;
    let n = ops::expect_int(vm, &args.pos[0])?.max(0) as u64;
    let r: u64 = vm.allow_threads(|| (0..n).into_par_iter().map(|i| (i * i) % 1_000_003).sum());
    Ok(ops::int_from_big(r.into()))
}
