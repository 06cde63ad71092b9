//! Micro-benchmarks of the locking primitives, one criterion group per
//! primitive, every lock mode side by side (`GROUP/MODE/SCENARIO`):
//!
//! | group | what one iteration is |
//! |---|---|
//! | `incref_decref` | clone and drop an object reference, on each thread |
//! | `object_lock` | lock an object, add one to its contents, unlock, on each thread |
//! | `python_loop` | one turn of an empty `for` loop (the overhead in the Python groups) |
//! | `list_append` | `lst.append(None)` in a Python loop, on each thread |
//! | `dict_get_set` | `d["k"] = d["k"] + 1` in a Python loop, on each thread |
//! | `gil_handoff` | from a drop request to the requesting thread running |
//! | `blocking_call` | detach, a blocking call, attach |
//! | `native_call` | `native.spin(10_000)` in a Python loop, on each thread |
//! | `gc` | `collect-10k-live`: `gc.collect()` over 10,000 live self-referencing lists; `cycles`: make one two-list garbage cycle, which the collector frees (thresholds 700/10/10), on each thread |
//!
//! Scenarios: `private-Nt` — N threads, each on an object of its own;
//! `shared-Nt` / `contended-Nt` — N threads on one object. The throughput
//! counts operations of all threads, so criterion's `elem/s` is the total
//! rate. See `benches/README.md`.
//!
//! Run one group: `cargo bench -p benches --bench primitives -- incref`.

use benches::harness::max_threads;
use benches::prims;
use benches::python::{Arg, PyHost, PyOp};
use benches::{dispatch, Mode};
use criterion::measurement::WallTime;
use criterion::{
    criterion_group, criterion_main, Bencher, BenchmarkGroup, BenchmarkId, Criterion, SamplingMode,
    Throughput,
};
use runtime::LockStrategy;
use std::time::Duration;

/// The spin steps of the native call: about 10 µs of work.
const NATIVE_SPIN: i64 = 10_000;

fn group<'a>(c: &'a mut Criterion, name: &str) -> BenchmarkGroup<'a, WallTime> {
    let mut g = c.benchmark_group(name);
    g.sample_size(30)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    g
}

/// The scenarios of a private/shared primitive: one thread alone, every
/// thread on its own object, every thread on one object.
fn scenarios(private: &str, shared: &str) -> Vec<(String, usize, bool)> {
    let n = max_threads();
    vec![
        (format!("{private}-1t"), 1, false),
        (format!("private-{n}t"), n, false),
        (format!("{shared}-{n}t"), n, true),
    ]
}

fn incref_decref(c: &mut Criterion) {
    let mut g = group(c, "incref_decref");
    for (scenario, threads, shared) in scenarios("private", "shared") {
        g.throughput(Throughput::Elements(threads as u64));
        for mode in Mode::ALL {
            g.bench_function(BenchmarkId::new(mode.name(), &scenario), |b| {
                b.iter_custom(|iters| dispatch!(mode, prims::incref_decref(threads, shared, iters)))
            });
        }
    }
    g.finish();
}

fn object_lock(c: &mut Criterion) {
    let mut g = group(c, "object_lock");
    for (scenario, threads, shared) in scenarios("uncontended", "contended") {
        g.throughput(Throughput::Elements(threads as u64));
        for mode in Mode::ALL {
            g.bench_function(BenchmarkId::new(mode.name(), &scenario), |b| {
                b.iter_custom(|iters| dispatch!(mode, prims::object_lock(threads, shared, iters)))
            });
        }
    }
    g.finish();
}

/// Times `op` on `threads` threads of a fresh interpreter.
fn python<S: LockStrategy>(b: &mut Bencher<'_>, threads: usize, op: PyOp) {
    let mut host = PyHost::<S>::new(threads);
    b.iter_custom(|iters| host.run(threads, op, iters));
}

fn python_group(c: &mut Criterion, name: &str, cases: &[(String, usize, PyOp)]) {
    let mut g = group(c, name);
    for (scenario, threads, op) in cases {
        g.throughput(Throughput::Elements(*threads as u64));
        for mode in Mode::ALL {
            g.bench_function(BenchmarkId::new(mode.name(), scenario), |b| {
                dispatch!(mode, python(b, *threads, *op))
            });
        }
    }
    g.finish();
}

/// The private/shared cases of a container operation.
fn container_cases(op: impl Fn(Arg) -> PyOp, make: &'static str) -> Vec<(String, usize, PyOp)> {
    scenarios("private", "shared")
        .into_iter()
        .map(|(scenario, threads, shared)| {
            let arg = if shared {
                Arg::Shared(make)
            } else {
                Arg::Private(make)
            };
            (scenario, threads, op(arg))
        })
        .collect()
}

fn python_loop(c: &mut Criterion) {
    let cases = [("1t".to_string(), 1, PyOp::new("empty_loop", Arg::Int(0)))];
    python_group(c, "python_loop", &cases);
}

fn list_append(c: &mut Criterion) {
    let cases = container_cases(
        |arg| PyOp::new("list_append", arg).reset_with("clear"),
        "new_list",
    );
    python_group(c, "list_append", &cases);
}

fn dict_get_set(c: &mut Criterion) {
    let cases = container_cases(|arg| PyOp::new("dict_get_set", arg), "new_dict");
    python_group(c, "dict_get_set", &cases);
}

fn native_call(c: &mut Criterion) {
    let op = PyOp::new("native_call", Arg::Int(NATIVE_SPIN));
    let n = max_threads();
    let cases = [("1t".to_string(), 1, op), (format!("{n}t"), n, op)];
    python_group(c, "native_call", &cases);
}

fn gc(c: &mut Criterion) {
    let n = max_threads();
    let cycles = PyOp::new("gc_cycles", Arg::Int(0));
    let cases = [
        (
            "collect-10k-live".to_string(),
            1,
            PyOp::new("gc_collect", Arg::Private("new_heap")),
        ),
        ("cycles-1t".to_string(), 1, cycles),
        (format!("cycles-{n}t"), n, cycles),
    ];
    python_group(c, "gc", &cases);
}

fn gil_handoff(c: &mut Criterion) {
    let mut g = group(c, "gil_handoff");
    // Each hand-off also waits a switch interval first: few, long iterations.
    g.sampling_mode(SamplingMode::Flat);
    for mode in Mode::ALL {
        g.bench_function(BenchmarkId::new(mode.name(), "2t"), |b| {
            b.iter_custom(|iters| dispatch!(mode, prims::gil_handoff(iters)))
        });
    }
    g.finish();
}

fn blocking_call(c: &mut Criterion) {
    let mut g = group(c, "blocking_call");
    // Beside a CPU thread, an iteration under a GIL takes a switch interval.
    g.sampling_mode(SamplingMode::Flat);
    for (scenario, beside) in [("alone", false), ("beside-cpu-thread", true)] {
        for mode in Mode::ALL {
            g.bench_function(BenchmarkId::new(mode.name(), scenario), |b| {
                b.iter_custom(|iters| dispatch!(mode, prims::blocking_call(beside, iters)))
            });
        }
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().without_plots();
    targets = incref_decref, object_lock, python_loop, list_append, dict_get_set,
        gil_handoff, blocking_call, native_call, gc
}
criterion_main!(benches);
