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
pub use gil::{Gil, GilRelease};
pub use harness::{test_mode, thread_counts};
pub use workloads::Mode;

/// Calls a function generic over `S: LockStrategy` with the strategy of a
/// run-time [`Mode`]:
/// `dispatch!(mode, prims::incref_decref(threads, shared, iters))`.
#[macro_export]
macro_rules! dispatch {
    ($mode:expr, $($func:ident)::+ ( $($arg:expr),* $(,)? )) => {
        match $mode {
            $crate::Mode::Gil => $($func)::+::<$crate::Gil>($($arg),*),
            $crate::Mode::GilRelease => $($func)::+::<$crate::GilRelease>($($arg),*),
            $crate::Mode::FineGrained => $($func)::+::<$crate::FineGrained>($($arg),*),
        }
    };
}
