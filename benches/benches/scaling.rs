//! Scaling experiments: every workload of the catalog under every lock mode
//! at 1..=number of CPUs threads (at least 2). One criterion group per
//! workload, `scale_NAME`, with benchmarks `MODE/THREADS`; the throughput is
//! the work all threads did, so criterion reports work per second for each
//! configuration, and a mode scales when its throughput grows with threads.
//!
//! The time of a run is what the script reports on its `seconds` line (its
//! threads' start to their join), as `gilgamesh scale` measures it.
//!
//! Run one workload: `cargo bench -p benches --bench scaling -- scale_fib`.

use benches::catalog::{run_workload, Workload, CATALOG};
use benches::{dispatch, test_mode, thread_counts, Mode};
use criterion::{
    criterion_group, criterion_main, BenchmarkId, Criterion, SamplingMode, Throughput,
};
use std::time::Duration;

fn scale(c: &mut Criterion, w: &Workload) {
    let size = if test_mode() { w.test_size } else { w.size };
    let source = w.source();
    let path = w.path().display().to_string();
    let mut group = c.benchmark_group(format!("scale_{}", w.name));
    // A run takes a tenth of a second or more: few samples, each of whole runs.
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(w.measurement_secs));
    for threads in thread_counts() {
        group.throughput(Throughput::Elements((w.work)(threads as u64, size)));
        for mode in Mode::ALL {
            group.bench_with_input(
                BenchmarkId::new(mode.name(), threads),
                &threads,
                |b, &threads| {
                    b.iter_custom(|iters| {
                        (0..iters)
                            .map(|_| {
                                dispatch!(mode, run_workload(&source, &path, threads, size)).time
                            })
                            .sum()
                    })
                },
            );
        }
    }
    group.finish();
}

fn scaling(c: &mut Criterion) {
    for w in CATALOG {
        if w.exists() {
            scale(c, w);
        } else {
            eprintln!(
                "scaling: skipping {} ({} is not in this tree)",
                w.name,
                w.path().display()
            );
        }
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().without_plots();
    targets = scaling
}
criterion_main!(benches);
