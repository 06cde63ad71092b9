//! Criterion benchmarks of Gilgamesh's lock modes.
//!
//! This library holds the measurement code; the criterion targets in
//! `benches/` wire it up (see `benches/README.md` for what each group
//! measures and the figures of a real run):
//!
//! * `scaling` — every workload of [`catalog::CATALOG`] under every lock mode
//!   at 1..=number of CPUs threads (at least 2), through
//!   [`runtime::Runtime`].
//! * `primitives` — the locking primitives one by one, every mode side by
//!   side: reference counts and object locks through the raw
//!   [`runtime::LockStrategy`] trait and the object types ([`prims`]), list,
//!   dict and native calls as Python code run by the VM ([`python`]).
//!
//! Every measuring function is generic over the strategy; [`dispatch!`]
//! picks the monomorphised one for a run-time [`Mode`].
//!
//! ```
//! use benches::{dispatch, prims, Mode};
//!
//! // 1000 incref/decref pairs on a private object, one thread, under `gil`.
//! let t = dispatch!(Mode::Gil, prims::incref_decref(1, false, 1000));
//! assert!(t > std::time::Duration::ZERO);
//! ```

pub mod catalog;
pub mod harness;
pub mod prims;
pub mod python;

pub use finegrained::FineGrained;
pub use gil::{Gil, GilIo, GilRelease};
pub use harness::{test_mode, thread_counts};

use runtime::LockStrategy;

/// A lock mode, chosen at run time; [`dispatch!`] turns it into a strategy
/// type. (The same four modes as the `gilgamesh` CLI's `--mode`; the
/// benches do not depend on the `workloads` crate, whose own `Mode`
/// instantiates the whole interpreter three more times and would lengthen
/// every bench build.)
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mode {
    Gil,
    GilRelease,
    GilIo,
    FineGrained,
}

impl Mode {
    /// Every mode, in the order of the benchmark reports.
    pub const ALL: [Mode; 4] = [Mode::Gil, Mode::GilRelease, Mode::GilIo, Mode::FineGrained];

    /// The mode's name, as `--mode` spells it: the strategy's `NAME`.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Gil => Gil::NAME,
            Mode::GilRelease => GilRelease::NAME,
            Mode::GilIo => GilIo::NAME,
            Mode::FineGrained => FineGrained::NAME,
        }
    }
}

impl std::fmt::Display for Mode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Calls a function generic over `S: LockStrategy` with the strategy of a
/// run-time [`Mode`]:
/// `dispatch!(mode, prims::incref_decref(threads, shared, iters))`.
#[macro_export]
macro_rules! dispatch {
    ($mode:expr, $($func:ident)::+ ( $($arg:expr),* $(,)? )) => {
        match $mode {
            $crate::Mode::Gil => $($func)::+::<$crate::Gil>($($arg),*),
            $crate::Mode::GilRelease => $($func)::+::<$crate::GilRelease>($($arg),*),
            $crate::Mode::GilIo => $($func)::+::<$crate::GilIo>($($arg),*),
            $crate::Mode::FineGrained => $($func)::+::<$crate::FineGrained>($($arg),*),
        }
    };
}
