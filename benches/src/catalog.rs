//! The workloads of the scaling benchmarks, and running one through the
//! library API ([`runtime::Runtime`]).
//!
//! A workload is a script `workloads/NAME.py` run as `NAME.py THREADS SIZE`:
//! it starts THREADS threads that each do SIZE units of work and prints a
//! `seconds <float>` line with the time they took (not counting interpreter
//! start-up and compilation), as `gilgamesh scale` expects. Adding a
//! workload to the benchmarks is one entry in [`CATALOG`]; an entry whose
//! script is not in the tree is skipped ([`Workload::exists`]).

use crate::harness::STACK_SIZE;
use runtime::{LockStrategy, Runtime};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// One workload of the scaling benchmarks.
#[derive(Clone, Copy, Debug)]
pub struct Workload {
    /// The script's name without `.py`; the criterion group is `scale_NAME`.
    pub name: &'static str,
    /// What it measures, for the README and the `--list` reader.
    pub what: &'static str,
    /// The per-thread SIZE of a benchmark run: about a tenth of a second on
    /// one thread of a 2-core VM, so that a sample needs few runs.
    pub size: u64,
    /// The per-thread SIZE under `cargo bench -- --test`: milliseconds.
    pub test_size: u64,
    /// The work THREADS threads of SIZE do, in `unit`s: what criterion's
    /// throughput (`elements/s`) counts.
    pub work: fn(threads: u64, size: u64) -> u64,
    /// The unit of `work`.
    pub unit: &'static str,
    /// Criterion's measurement time for one configuration of this workload.
    pub measurement_secs: u64,
}

/// Every workload the scaling benchmarks run: one entry per script.
pub const CATALOG: &[Workload] = &[
    Workload {
        name: "countdown",
        what: "pure interpreter loop, nothing shared",
        size: 2_000_000,
        test_size: 10_000,
        work: per_thread,
        unit: "loop iterations",
        measurement_secs: 3,
    },
    Workload {
        name: "fib",
        what: "recursive calls sharing the function and globals",
        size: 27,
        test_size: 12,
        work: |threads, size| threads * fib_calls(size),
        unit: "calls",
        measurement_secs: 3,
    },
    // The scripts below come with the workload catalog (DESIGN §8); sizes
    // were taken from runs of the catalog's scripts on the 2-core VM.
    Workload {
        name: "float_nbody",
        what: "float arithmetic (n-body), every thread its own system",
        size: 4000,
        test_size: 50,
        work: per_thread,
        unit: "simulation steps",
        measurement_secs: 3,
    },
    Workload {
        name: "alloc_churn",
        what: "allocation and freeing of small containers, nothing shared",
        size: 100_000,
        test_size: 1000,
        work: per_thread,
        unit: "rounds",
        measurement_secs: 3,
    },
    Workload {
        name: "shared_counter",
        what: "many threads updating one object under one threading.Lock",
        size: 100_000,
        test_size: 1000,
        work: per_thread,
        unit: "increments",
        measurement_secs: 3,
    },
    Workload {
        name: "shared_list_read",
        what: "many threads summing one shared list",
        size: 2000,
        test_size: 20,
        work: per_thread,
        unit: "list sums",
        measurement_secs: 3,
    },
    Workload {
        name: "native_hash",
        what: "a native hash of a shared 1 MiB buffer (releases the GIL in gil-release)",
        size: 100,
        test_size: 1,
        work: per_thread,
        unit: "MiB hashed",
        measurement_secs: 3,
    },
    Workload {
        name: "sleep_io",
        what: "threads blocked in time.sleep(0.001)",
        size: 100,
        test_size: 2,
        work: per_thread,
        unit: "sleeps",
        measurement_secs: 3,
    },
    Workload {
        name: "tcp_echo",
        what: "loopback TCP ping-pong, one connection per thread",
        size: 4000,
        test_size: 20,
        work: per_thread,
        unit: "round trips",
        measurement_secs: 3,
    },
    Workload {
        name: "convoy",
        what: "one TCP echo pair beside THREADS - 1 CPU-bound threads",
        size: 200,
        test_size: 5,
        work: total,
        unit: "round trips",
        measurement_secs: 3,
    },
    Workload {
        name: "wakeup_latency",
        what: "one sleeper beside THREADS - 1 CPU-bound threads",
        size: 40,
        test_size: 3,
        work: total,
        unit: "sleeps",
        measurement_secs: 3,
    },
    Workload {
        name: "task_queue",
        what: "a queue.Queue worker pool, 3/4 CPU tasks and 1/4 IO tasks",
        size: 200,
        test_size: 10,
        work: total,
        unit: "tasks",
        measurement_secs: 3,
    },
];

/// The work of a workload whose every thread does SIZE units.
pub fn per_thread(threads: u64, size: u64) -> u64 {
    threads * size
}

/// The work of a workload that does SIZE units in all, whatever THREADS is
/// (a worker pool, or one probe beside THREADS - 1 CPU-bound threads).
pub fn total(_threads: u64, size: u64) -> u64 {
    size
}

/// How many calls `fib(n)` makes: `2 * fib(n + 1) - 1`.
pub fn fib_calls(n: u64) -> u64 {
    let (mut a, mut b) = (0u64, 1u64);
    for _ in 0..n + 1 {
        (a, b) = (b, a + b);
    }
    2 * a - 1
}

impl Workload {
    /// Whether the script is in the tree (entries for scripts that are not
    /// are skipped, so that the table may run ahead of the catalog).
    pub fn exists(&self) -> bool {
        self.path().is_file()
    }

    /// The entries whose scripts are in the tree.
    pub fn present() -> impl Iterator<Item = &'static Workload> {
        CATALOG.iter().filter(|w| w.exists())
    }

    /// The script's path (in the `workloads` crate).
    pub fn path(&self) -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../workloads")
            .join(format!("{}.py", self.name))
    }

    /// The script's source.
    ///
    /// # Panics
    ///
    /// If the script cannot be read (a catalog entry without a script).
    pub fn source(&self) -> String {
        let path = self.path();
        std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("workload script {}: {e}", path.display()))
    }
}

/// What one run of a workload gave.
#[derive(Clone, Debug)]
pub struct WorkloadRun {
    /// The time the script reported on its `seconds` line, or, if it printed
    /// none, the wall time of the whole run.
    pub time: Duration,
    /// Everything it printed.
    pub stdout: String,
}

/// Runs `source` (the script at `path`) as `path THREADS SIZE` under
/// strategy `S`, on a thread with a Python thread's stack, capturing what it
/// prints.
///
/// # Panics
///
/// If the script does not compile, raises, or exits with a non-zero status.
pub fn run_workload<S: LockStrategy>(
    source: &str,
    path: &str,
    threads: usize,
    size: u64,
) -> WorkloadRun {
    std::thread::scope(|s| {
        std::thread::Builder::new()
            .stack_size(STACK_SIZE)
            .spawn_scoped(s, || {
                let rt = Runtime::<S>::builder()
                    .capture_output(true)
                    .argv([path.to_string(), threads.to_string(), size.to_string()])
                    .build();
                let start = Instant::now();
                let result = rt.run_source(source, path);
                let wall = start.elapsed();
                let stdout = rt.take_stdout();
                match result {
                    Ok(()) | Err(runtime::RunError::Exit { code: 0, .. }) => {}
                    Err(e) => panic!(
                        "{path} {threads} {size} under {} failed:\n{e}\n{stdout}",
                        S::NAME
                    ),
                }
                WorkloadRun {
                    time: reported_seconds(&stdout).unwrap_or(wall),
                    stdout,
                }
            })
            .expect("spawn the interpreter thread")
            .join()
            .expect("the interpreter thread panicked")
    })
}

/// The time on a `seconds <float>` line of a workload's output.
pub fn reported_seconds(stdout: &str) -> Option<Duration> {
    stdout.lines().find_map(|line| {
        let secs: f64 = line.strip_prefix("seconds ")?.trim().parse().ok()?;
        Duration::try_from_secs_f64(secs).ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Mode;

    #[test]
    fn fib_calls_counts_calls() {
        assert_eq!(fib_calls(0), 1);
        assert_eq!(fib_calls(1), 1);
        assert_eq!(fib_calls(2), 3);
        assert_eq!(fib_calls(5), 15);
    }

    #[test]
    fn countdown_and_fib_are_present() {
        let present: Vec<&str> = Workload::present().map(|w| w.name).collect();
        assert!(present.contains(&"countdown") && present.contains(&"fib"));
    }

    #[test]
    fn reads_the_seconds_line() {
        let out = "work 10\nseconds 0.25\n";
        assert_eq!(reported_seconds(out), Some(Duration::from_millis(250)));
        assert_eq!(reported_seconds("work 10\n"), None);
    }

    #[test]
    fn every_workload_runs_at_its_test_size_in_every_mode() {
        for w in Workload::present() {
            let source = w.source();
            let path = w.path().display().to_string();
            for mode in Mode::ALL {
                let run = crate::dispatch!(mode, run_workload(&source, &path, 2, w.test_size));
                assert!(
                    reported_seconds(&run.stdout).is_some(),
                    "{} under {mode} printed no seconds line: {:?}",
                    w.name,
                    run.stdout
                );
            }
        }
    }

    #[test]
    fn output_is_captured_not_printed() {
        let run = run_workload::<crate::Gil>("print('hello')\n", "<test>", 1, 0);
        assert_eq!(run.stdout, "hello\n");
    }
}
