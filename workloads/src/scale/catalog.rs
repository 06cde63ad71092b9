//! The workload catalog of DESIGN §8: which scripts `scale` runs, at what
//! sizes, and how to read what they report.
//!
//! Every script takes `THREADS SIZE` on its command line and prints result
//! lines (a workload named `script.pattern` runs `script.py THREADS SIZE
//! pattern`: one script holds several small patterns, as `ftscaling` does), then `work N`, `seconds S` and optionally `merit NAME VALUE UNIT
//! higher|lower` lines (see [`super::measure`]).

/// How a workload's thread count is to be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// Every thread does the same fixed amount of work: the speedup at N
    /// threads is the throughput ratio, ideally N.
    Scaling,
    /// One probe (an echo pair, a sleeper) beside N-1 CPU-bound threads: the
    /// figure of merit at N threads against the one at 1 (the probe alone)
    /// shows what the CPU threads do to it.
    Interference,
}

/// A workload of the catalog.
pub struct Workload {
    pub name: &'static str,
    /// What it shows, for the report.
    pub what: &'static str,
    pub shape: Shape,
    /// SIZE for a full run, and for `--quick`.
    pub size: u64,
    pub quick_size: u64,
}

pub const CATALOG: &[Workload] = &[
    Workload {
        name: "countdown",
        what: "a pure interpreter loop, nothing shared",
        shape: Shape::Scaling,
        size: 5_000_000,
        quick_size: 300_000,
    },
    Workload {
        name: "interp_countdown",
        what: "countdown's loop, one interpreter per thread (concurrent.interpreters: a GIL each)",
        shape: Shape::Scaling,
        size: 5_000_000,
        quick_size: 300_000,
    },
    Workload {
        name: "fib",
        what: "recursive calls sharing the function and globals",
        shape: Shape::Scaling,
        size: 28,
        quick_size: 20,
    },
    Workload {
        name: "float_nbody",
        what: "float arithmetic (n-body steps, a private system per thread)",
        shape: Shape::Scaling,
        size: 10_000,
        quick_size: 1_000,
    },
    Workload {
        name: "alloc_churn",
        what: "allocating and freeing small lists, dicts and tuples",
        shape: Shape::Scaling,
        size: 150_000,
        quick_size: 10_000,
    },
    Workload {
        name: "shared_counter",
        what: "every thread increments one counter under one threading.Lock",
        shape: Shape::Scaling,
        size: 200_000,
        quick_size: 10_000,
    },
    Workload {
        name: "shared_list_read",
        what: "every thread sums one shared list",
        shape: Shape::Scaling,
        size: 5_000,
        quick_size: 300,
    },
    Workload {
        name: "native_hash",
        what: "a native hash over a shared 1 MiB buffer (MiB per thread)",
        shape: Shape::Scaling,
        size: 100,
        quick_size: 10,
    },
    Workload {
        name: "sleep_io",
        what: "threads blocked in time.sleep(0.001)",
        shape: Shape::Scaling,
        size: 200,
        quick_size: 30,
    },
    Workload {
        name: "tcp_echo",
        what: "loopback TCP ping-pong, one connection per thread",
        shape: Shape::Scaling,
        size: 5_000,
        quick_size: 300,
    },
    Workload {
        name: "convoy",
        what: "a TCP echo pair beside N-1 CPU-bound threads (bpo-7946); also the CPU threads' \
               throughput against running without the pair (spin_vs_alone)",
        shape: Shape::Interference,
        size: 5_000,
        quick_size: 200,
    },
    Workload {
        name: "wakeup_latency",
        what: "how late a 1 ms sleeper wakes beside N-1 CPU-bound threads",
        shape: Shape::Interference,
        size: 200,
        quick_size: 30,
    },
    Workload {
        name: "task_queue",
        what: "a queue.Queue worker pool over CPU and IO tasks (total work fixed)",
        shape: Shape::Scaling,
        size: 400,
        quick_size: 60,
    },
    // Our port of CPython's Tools/ftscalingbench patterns: each "ought to
    // scale" (the threads share only a class, a function, a module or a
    // constant), and each has failed to in some free-threaded design.
    ftscaling(
        "ftscaling.object_cfunction",
        "a native method of a private list (shared: the list type)",
    ),
    ftscaling(
        "ftscaling.cmodule_function",
        "math.floor through the shared math module",
    ),
    ftscaling(
        "ftscaling.module_function",
        "a Python function through the shared module object",
    ),
    ftscaling(
        "ftscaling.mult_constant",
        "float multiply by a shared constant",
    ),
    ftscaling(
        "ftscaling.generator",
        "a private generator of a shared function",
    ),
    ftscaling(
        "ftscaling.pymethod",
        "a method call on a private instance of a shared class",
    ),
    ftscaling(
        "ftscaling.pyfunction",
        "calls of a shared module-level function",
    ),
    ftscaling(
        "ftscaling.load_string_const",
        "comparisons with a shared str constant",
    ),
    ftscaling(
        "ftscaling.load_tuple_const",
        "comparisons with a shared tuple constant",
    ),
    ftscaling("ftscaling.create_pyobject", "instances of a shared class"),
    ftscaling("ftscaling.create_closure", "a new closure every iteration"),
    ftscaling("ftscaling.create_dict", "small private dicts"),
    ftscaling(
        "ftscaling.thread_local_read",
        "reads of a shared threading.local",
    ),
];

impl Workload {
    /// The script's file stem: the name up to its first `.`.
    pub fn script(&self) -> &'static str {
        self.name.split_once('.').map_or(self.name, |(s, _)| s)
    }

    /// The pattern passed after `THREADS SIZE`: the name after its first `.`.
    pub fn pattern(&self) -> Option<&'static str> {
        self.name.split_once('.').map(|(_, p)| p)
    }
}

/// One `ftscaling` pattern: every thread runs it over its own fixed work.
const fn ftscaling(name: &'static str, what: &'static str) -> Workload {
    Workload {
        name,
        what,
        shape: Shape::Scaling,
        size: 400_000,
        quick_size: 20_000,
    }
}

/// The workload called `name`.
pub fn find(name: &str) -> Result<&'static Workload, String> {
    CATALOG
        .iter()
        .find(|w| w.name == name)
        .ok_or_else(|| format!("unknown workload '{name}' (known: {})", names()))
}

/// Every workload's name, comma-separated.
pub fn names() -> String {
    CATALOG
        .iter()
        .map(|w| w.name)
        .collect::<Vec<_>>()
        .join(", ")
}
