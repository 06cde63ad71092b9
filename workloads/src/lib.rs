//! The `gilgamesh` command line and the [`Mode`] switch: the one place where a
//! lock mode chosen at run time picks a monomorphised runtime.

pub mod scale;

// The README's Rust examples are doctests, so they keep compiling.
#[doc = include_str!("../../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;

use finegrained::FineGrained;
use gil::{Gil, GilRelease};
use runtime::gc::GcStats;
use runtime::{LockStats, LockStrategy, RunError, Runtime, StrategyConfig};
use std::fmt;
use std::str::FromStr;

/// A lock mode, chosen at run time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mode {
    Gil,
    GilRelease,
    FineGrained,
}

impl Mode {
    pub const ALL: [Mode; 3] = [Mode::Gil, Mode::GilRelease, Mode::FineGrained];

    pub fn name(self) -> &'static str {
        match self {
            Mode::Gil => Gil::NAME,
            Mode::GilRelease => GilRelease::NAME,
            Mode::FineGrained => FineGrained::NAME,
        }
    }
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Mode {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Mode::ALL
            .into_iter()
            .find(|m| m.name() == s)
            .ok_or_else(|| format!("unknown mode '{s}' (expected gil, gil-release or finegrained)"))
    }
}

/// What running a program under some mode gave.
pub struct Outcome {
    pub result: Result<(), RunError>,
    pub stats: LockStats,
    pub gc: GcStats,
}

/// Code generic over the lock strategy, to run under a [`Mode`] chosen at run
/// time: [`Mode::dispatch`] calls [`ModeVisitor::visit`] with the mode's
/// strategy type, so the code inside is monomorphised for it.
///
/// ```
/// use runtime::{LockStrategy, Runtime};
/// use workloads::{Mode, ModeVisitor};
///
/// struct Sum(&'static str);
/// impl ModeVisitor for Sum {
///     type Output = i64;
///     fn visit<S: LockStrategy>(self) -> i64 {
///         Runtime::<S>::builder().build().eval(self.0).unwrap()
///     }
/// }
///
/// let mode: Mode = "finegrained".parse().unwrap(); // e.g. from a flag
/// assert_eq!(mode.dispatch(Sum("sum(range(10))")), 45);
/// ```
pub trait ModeVisitor {
    type Output;
    fn visit<S: LockStrategy>(self) -> Self::Output;
}

impl Mode {
    /// Runs `visitor` with this mode's strategy type.
    pub fn dispatch<V: ModeVisitor>(self, visitor: V) -> V::Output {
        match self {
            Mode::Gil => visitor.visit::<Gil>(),
            Mode::GilRelease => visitor.visit::<GilRelease>(),
            Mode::FineGrained => visitor.visit::<FineGrained>(),
        }
    }
}

/// Runs `source` under `mode`, on the calling thread.
pub fn run_source(
    mode: Mode,
    config: StrategyConfig,
    source: &str,
    filename: &str,
    argv: Vec<String>,
) -> Outcome {
    struct RunSource<'a> {
        config: StrategyConfig,
        source: &'a str,
        filename: &'a str,
        argv: Vec<String>,
    }
    impl ModeVisitor for RunSource<'_> {
        type Output = Outcome;
        fn visit<S: LockStrategy>(self) -> Outcome {
            let rt = Runtime::<S>::new(self.config);
            rt.set_argv(self.argv);
            let result = rt.run_source(self.source, self.filename);
            Outcome {
                result,
                stats: rt.lock_stats(),
                gc: rt.gc_stats(),
            }
        }
    }
    mode.dispatch(RunSource {
        config,
        source,
        filename,
        argv,
    })
}

/// What a lock strategy counted, in the form the experiment report stores
/// (`gilgamesh run --stats-json` prints it; `results.json` keeps it).
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Counters {
    pub gil_acquisitions: u64,
    pub gil_switches: u64,
    pub forced_switches: u64,
    pub drop_requests: u64,
    pub gil_wait_ns: u64,
    pub contended_object_locks: u64,
    /// Cyclic collections, all generations.
    #[serde(default)]
    pub gc_collections: u64,
    /// Unreachable objects the collections found.
    #[serde(default)]
    pub gc_collected: u64,
    /// The longest pause of one collection, in nanoseconds.
    #[serde(default)]
    pub gc_longest_pause_ns: u64,
    /// All collections' pauses, in nanoseconds.
    #[serde(default)]
    pub gc_total_pause_ns: u64,
}

impl Counters {
    pub fn new(s: &LockStats, gc: &GcStats) -> Self {
        Counters {
            gil_acquisitions: s.gil_acquisitions,
            gil_switches: s.gil_switches,
            forced_switches: s.forced_switches,
            drop_requests: s.drop_requests,
            gil_wait_ns: s.gil_wait_ns,
            contended_object_locks: s.contended_object_locks,
            gc_collections: gc.generations.iter().map(|g| g.collections).sum(),
            gc_collected: gc.generations.iter().map(|g| g.collected).sum(),
            gc_longest_pause_ns: gc.longest_pause.as_nanos() as u64,
            gc_total_pause_ns: gc.total_pause.as_nanos() as u64,
        }
    }
}

/// The `--stats` report.
pub fn format_stats(mode: Mode, s: &LockStats, gc: &GcStats) -> String {
    let mut out = format!("[gilgamesh --stats] mode: {mode}\n");
    let mut row = |name: &str, value: String| out.push_str(&format!("  {name:<24} {value}\n"));
    match mode {
        Mode::Gil | Mode::GilRelease => {
            row("gil acquisitions", s.gil_acquisitions.to_string());
            row("gil switches", s.gil_switches.to_string());
            row("forced switches", s.forced_switches.to_string());
            row("drop requests", s.drop_requests.to_string());
            row("gil wait", format!("{:.3} ms", s.gil_wait_ns as f64 / 1e6));
        }
        Mode::FineGrained => {
            row(
                "contended object locks",
                s.contended_object_locks.to_string(),
            );
        }
    }
    let per_gen = |f: fn(&runtime::gc::GenerationStats) -> u64| {
        let v: Vec<String> = gc.generations.iter().map(|g| f(g).to_string()).collect();
        v.join(" / ")
    };
    row("gc collections (gen 0/1/2)", per_gen(|g| g.collections));
    row("gc collected (gen 0/1/2)", per_gen(|g| g.collected));
    row(
        "gc longest pause",
        format!("{:.3} ms", gc.longest_pause.as_secs_f64() * 1e3),
    );
    row(
        "gc total pause",
        format!("{:.3} ms", gc.total_pause.as_secs_f64() * 1e3),
    );
    out
}
