//! The `gilgamesh` command line and the [`Mode`] switch: the one place where a
//! lock mode chosen at run time picks a monomorphised runtime.

pub mod pyperformance;
pub mod scale;

// The README's Rust examples are doctests, so they keep compiling.
#[doc = include_str!("../../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;

use finegrained::{FineGrained, PerObject, PerObjectDeferred, PerObjectGlobalCache};
use gil::{Gil, GilIo, GilRelease};
use runtime::gc::GcStats;
use runtime::{LockStats, LockStrategy, RunError, Runtime, StrategyConfig};
use std::fmt;
use std::str::FromStr;

/// A lock mode, chosen at run time.
///
/// `FromStr` accepts the names `Display` prints (the strategies'
/// [`LockStrategy::NAME`]s), so a mode round-trips through a command-line
/// flag or a report.
///
/// ```
/// use workloads::Mode;
///
/// let mode: Mode = "gil-release".parse().unwrap();
/// assert_eq!(mode, Mode::GilRelease);
/// assert_eq!(mode.to_string(), "gil-release");
/// for m in Mode::ALL.into_iter().chain(Mode::ABLATION) {
///     assert_eq!(m.to_string().parse::<Mode>(), Ok(m));
/// }
///
/// let err = "gill".parse::<Mode>().unwrap_err();
/// assert_eq!(
///     err,
///     "unknown mode 'gill' (expected gil, gil-release, gil-io, finegrained or perobject; \
///      ablation steps: perobject+deferred, perobject+globalcache)"
/// );
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mode {
    /// [`gil::Gil`]: one global lock, held across native calls.
    Gil,
    /// [`gil::GilRelease`]: the same lock, released by native calls that
    /// declare it.
    GilRelease,
    /// [`gil::GilIo`]: the `gil` lock, which threads coming back from a
    /// blocking call take ahead of CPU-bound threads.
    GilIo,
    /// [`finegrained::FineGrained`]: per-object locks, no global lock.
    FineGrained,
    /// [`finegrained::PerObject`]: the naive fine-grained design (atomic
    /// counts, a lock on every access, nothing immortal), for the ablation.
    PerObject,
    /// [`finegrained::PerObjectDeferred`]: `perobject` with immortal builtins
    /// and deferred counts for shared objects only (an ablation step,
    /// [`Mode::ABLATION`]).
    PerObjectDeferred,
    /// [`finegrained::PerObjectGlobalCache`]: `perobject` with the
    /// per-thread global-name cache only (an ablation step).
    PerObjectGlobalCache,
}

impl Mode {
    /// Every mode, each once.
    ///
    /// ```
    /// use workloads::Mode;
    ///
    /// let names: Vec<&str> = Mode::ALL.iter().map(|m| m.name()).collect();
    /// assert_eq!(names, ["gil", "gil-release", "gil-io", "finegrained", "perobject"]);
    /// ```
    pub const ALL: [Mode; 5] = [
        Mode::Gil,
        Mode::GilRelease,
        Mode::GilIo,
        Mode::FineGrained,
        Mode::PerObject,
    ];

    /// The ablation ladder of the fine-grained design: the naive design,
    /// each technique of [`finegrained::FineGrainedWith`] switched on alone,
    /// then all of them (`finegrained`). The single-technique steps are
    /// modes for `gilgamesh run` and `scale`, but not in [`Mode::ALL`] (the
    /// modes the tests run): each of their code paths is one that
    /// `perobject` or `finegrained` takes.
    ///
    /// ```
    /// use workloads::Mode;
    ///
    /// let names: Vec<&str> = Mode::ABLATION.iter().map(|m| m.name()).collect();
    /// assert_eq!(
    ///     names,
    ///     ["perobject", "perobject+deferred", "perobject+globalcache", "finegrained"]
    /// );
    /// assert_eq!("perobject+deferred".parse::<Mode>(), Ok(Mode::PerObjectDeferred));
    /// ```
    pub const ABLATION: [Mode; 4] = [
        Mode::PerObject,
        Mode::PerObjectDeferred,
        Mode::PerObjectGlobalCache,
        Mode::FineGrained,
    ];

    /// The mode's name on the command line and in reports: its strategy's
    /// [`LockStrategy::NAME`].
    ///
    /// ```
    /// use runtime::LockStrategy;
    /// use workloads::Mode;
    ///
    /// assert_eq!(Mode::Gil.name(), "gil");
    /// assert_eq!(Mode::FineGrained.name(), finegrained::FineGrained::NAME);
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Mode::Gil => Gil::NAME,
            Mode::GilRelease => GilRelease::NAME,
            Mode::GilIo => GilIo::NAME,
            Mode::FineGrained => FineGrained::NAME,
            Mode::PerObject => PerObject::NAME,
            Mode::PerObjectDeferred => PerObjectDeferred::NAME,
            Mode::PerObjectGlobalCache => PerObjectGlobalCache::NAME,
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
            .chain(Mode::ABLATION)
            .find(|m| m.name() == s)
            .ok_or_else(|| {
                format!(
                    "unknown mode '{s}' (expected gil, gil-release, gil-io, finegrained or \
                     perobject; ablation steps: perobject+deferred, perobject+globalcache)"
                )
            })
    }
}

/// What running a program under some mode gave.
///
/// ```
/// use runtime::StrategyConfig;
/// use workloads::Mode;
///
/// let outcome = workloads::run_source(Mode::Gil, StrategyConfig::default(), "x = 1", "x.py", vec![]);
/// assert!(outcome.result.is_ok());
/// assert!(outcome.stats.gil_acquisitions >= 1);
/// ```
pub struct Outcome {
    /// Whether the program ran to its end, or why not.
    pub result: Result<(), RunError>,
    /// What the lock strategy counted.
    pub stats: LockStats,
    /// What the cyclic garbage collector did.
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
    /// Runs `visitor` with this mode's strategy type (see [`ModeVisitor`] for
    /// one that runs Python code).
    ///
    /// ```
    /// use runtime::LockStrategy;
    /// use workloads::{Mode, ModeVisitor};
    ///
    /// // Which strategy type was `visit` monomorphised for?
    /// struct Strategy;
    /// impl ModeVisitor for Strategy {
    ///     type Output = (&'static str, bool);
    ///     fn visit<S: LockStrategy>(self) -> (&'static str, bool) {
    ///         (S::NAME, S::RELEASES_FOR_NATIVE)
    ///     }
    /// }
    ///
    /// assert_eq!(Mode::Gil.dispatch(Strategy), ("gil", false));
    /// assert_eq!(Mode::GilRelease.dispatch(Strategy), ("gil-release", true));
    /// assert_eq!(Mode::GilIo.dispatch(Strategy), ("gil-io", false));
    /// assert_eq!(Mode::FineGrained.dispatch(Strategy), ("finegrained", true));
    /// assert_eq!(Mode::PerObject.dispatch(Strategy), ("perobject", true));
    /// ```
    pub fn dispatch<V: ModeVisitor>(self, visitor: V) -> V::Output {
        match self {
            Mode::Gil => visitor.visit::<Gil>(),
            Mode::GilRelease => visitor.visit::<GilRelease>(),
            Mode::GilIo => visitor.visit::<GilIo>(),
            Mode::FineGrained => visitor.visit::<FineGrained>(),
            Mode::PerObject => visitor.visit::<PerObject>(),
            Mode::PerObjectDeferred => visitor.visit::<PerObjectDeferred>(),
            Mode::PerObjectGlobalCache => visitor.visit::<PerObjectGlobalCache>(),
        }
    }
}

/// Runs `source` under `mode`, on the calling thread.
///
/// `argv` becomes `sys.argv`. An exception that escapes the program is
/// reported in [`Outcome::result`], not raised.
///
/// ```
/// use runtime::{RunError, StrategyConfig};
/// use workloads::{run_source, Mode};
///
/// let outcome = run_source(
///     Mode::FineGrained,
///     StrategyConfig::default(),
///     "import sys\nraise ValueError(sys.argv[1])",
///     "fail.py",
///     vec!["fail.py".into(), "boom".into()],
/// );
/// match outcome.result {
///     Err(RunError::Exception { type_name, message, .. }) => {
///         assert_eq!(type_name, "ValueError");
///         assert_eq!(message, "boom");
///     }
///     other => panic!("unexpected {other:?}"),
/// }
/// ```
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
            rt.exit_on_panic();
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
///
/// ```
/// use runtime::{GcStats, LockStats};
/// use workloads::Counters;
///
/// // Nothing counted is all zeros.
/// assert_eq!(Counters::new(&LockStats::default(), &GcStats::default()), Counters::default());
///
/// // The JSON form round-trips ...
/// let c = Counters { gil_acquisitions: 3, gc_collections: 1, ..Counters::default() };
/// let json = serde_json::to_string(&c).unwrap();
/// assert_eq!(serde_json::from_str::<Counters>(&json).unwrap(), c);
///
/// // ... and a report written before the GC counters existed still loads.
/// let old = r#"{"gil_acquisitions": 1, "gil_switches": 0, "forced_switches": 0,
///               "drop_requests": 0, "gil_wait_ns": 0, "contended_object_locks": 0}"#;
/// let old: Counters = serde_json::from_str(old).unwrap();
/// assert_eq!((old.gil_acquisitions, old.gc_collections), (1, 0));
/// ```
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Counters {
    /// Times a thread took the GIL.
    pub gil_acquisitions: u64,
    /// GIL acquisitions by a different thread than the previous holder.
    pub gil_switches: u64,
    /// GIL drops where the dropper waited until another thread took it.
    pub forced_switches: u64,
    /// Drop requests set by waiters whose switch interval ran out.
    pub drop_requests: u64,
    /// Total time threads spent waiting to take the GIL, in nanoseconds.
    pub gil_wait_ns: u64,
    /// Per-object lock acquisitions that found the lock held.
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
    /// Copies a strategy's [`LockStats`] and the collector's [`GcStats`],
    /// summing the GC counts over the generations.
    ///
    /// ```
    /// use runtime::{GcStats, LockStats};
    /// use std::time::Duration;
    /// use workloads::Counters;
    ///
    /// let lock = LockStats { gil_acquisitions: 9, gil_switches: 4, ..LockStats::default() };
    /// let mut gc = GcStats::default();
    /// gc.generations[0].collections = 5;
    /// gc.generations[2].collections = 1;
    /// gc.generations[2].collected = 3;
    /// gc.longest_pause = Duration::from_micros(40);
    /// gc.total_pause = Duration::from_micros(100);
    ///
    /// let c = Counters::new(&lock, &gc);
    /// assert_eq!((c.gil_acquisitions, c.gil_switches), (9, 4));
    /// assert_eq!(c.gc_collections, 6);
    /// assert_eq!(c.gc_collected, 3);
    /// assert_eq!((c.gc_longest_pause_ns, c.gc_total_pause_ns), (40_000, 100_000));
    /// ```
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

/// The `--stats` report: the counters the mode uses, then the collector's.
///
/// ```
/// use runtime::{GcStats, LockStats};
/// use workloads::{format_stats, Mode};
///
/// let stats = LockStats { gil_acquisitions: 7, ..LockStats::default() };
/// let report = format_stats(Mode::Gil, &stats, &GcStats::default());
/// assert!(report.contains("mode: gil"));
/// let row = report.lines().find(|l| l.contains("gil acquisitions")).unwrap();
/// assert!(row.ends_with(" 7"));
///
/// let report = format_stats(Mode::FineGrained, &LockStats::default(), &GcStats::default());
/// assert!(report.contains("mode: finegrained"));
/// assert!(report.contains("contended object locks"));
/// assert!(!report.contains("gil acquisitions"));
/// ```
pub fn format_stats(mode: Mode, s: &LockStats, gc: &GcStats) -> String {
    let mut out = format!("[gilgamesh --stats] mode: {mode}\n");
    let mut row = |name: &str, value: String| out.push_str(&format!("  {name:<24} {value}\n"));
    match mode {
        Mode::Gil | Mode::GilRelease | Mode::GilIo => {
            row("gil acquisitions", s.gil_acquisitions.to_string());
            row("gil switches", s.gil_switches.to_string());
            row("forced switches", s.forced_switches.to_string());
            row("drop requests", s.drop_requests.to_string());
            row("gil wait", format!("{:.3} ms", s.gil_wait_ns as f64 / 1e6));
        }
        Mode::FineGrained
        | Mode::PerObject
        | Mode::PerObjectDeferred
        | Mode::PerObjectGlobalCache => {
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
