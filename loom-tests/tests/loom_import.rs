//! loom models of the per-module import locks
//! ([`runtime::modules::import_lock`]): `ImportLocks::load_once`, the code
//! every `import` runs, with a model import system in place of `sys.modules`
//! and module bodies, waiting detached through `runtime::detach::blocking`
//! as the VM's importer does:
//!
//! ```text
//! RUSTFLAGS="--cfg loom" RUSTC_WRAPPER="$PWD/loom-tests/rustc-loom" \
//!     CARGO_TARGET_DIR=target/loom LOOM_MAX_PREEMPTIONS=2 \
//!     cargo test -p loom-tests --release --test loom_import
//! ```
//!
//! A module body writes a `loom::cell::UnsafeCell`; an importer that gets a
//! complete module reads it, so one that returned before the body finished
//! (or without a happens-before edge from it) is a causality violation.
//! Every body counts its runs: two runs of one body fail the model.
//!
//! Each model is also run against deliberately broken variants (the
//! `MUTANT_*` switches of `runtime::modules::import_lock::loom_switches` and
//! `runtime::detach::loom_switches`) and must reject them. The switches are
//! process-wide, so every test holds a [`Switches`] while it runs.
#![cfg(loom)]

use finegrained::FineGrained;
use gil::Gil;
use loom::cell::UnsafeCell;
use loom_tests::switches::Switches;
use loom_tests::{check, rejection};
use runtime::modules::import_lock::{loom_switches, ImportLocks, Importer};
use runtime::sync::{self, thread, Mutex};
use runtime::{detach, LockStrategy, StrategyConfig, ThreadIdent};
use std::collections::HashMap;
use std::sync::atomic as std_atomic;
use std::sync::Arc;

/// How many times each thread's timed waits may time out (see
/// `runtime::sync::set_timeout_budget`).
const TIMEOUTS: usize = 2;

/// Every mutant switch of this binary's models (see [`Switches`]).
static MUTANTS: [&[&std_atomic::AtomicBool]; 2] =
    [&loom_switches::ALL, &detach::loom_switches::ALL];

// ---------------------------------------------------------------------------
// The model

/// One module of the model: what its body imports, and what it writes.
struct ModelModule {
    name: &'static str,
    /// A module the body imports before it finishes (a circular import when
    /// that module imports this one).
    imports: Option<&'static str>,
    body_runs: loom::sync::atomic::AtomicUsize,
    written: UnsafeCell<u64>,
}

/// The model's import system: `sys.modules` and the modules that exist.
struct World<S: LockStrategy> {
    shared: S::Shared,
    locks: ImportLocks,
    sys_modules: Mutex<HashMap<&'static str, usize>>,
    modules: Vec<ModelModule>,
}

// SAFETY: `written` is written by the body that loads its module, under the
// module's import lock, and read by importers that got the complete module;
// loom checks each access against its happens-before relation.
unsafe impl<S: LockStrategy> Sync for World<S> {}

impl<S: LockStrategy> World<S> {
    fn new(modules: &[(&'static str, Option<&'static str>)]) -> Self {
        Self {
            shared: S::new_shared(&StrategyConfig::default()),
            locks: ImportLocks::new(),
            sys_modules: Mutex::new(HashMap::new()),
            modules: modules
                .iter()
                .map(|&(name, imports)| ModelModule {
                    name,
                    imports,
                    body_runs: loom::sync::atomic::AtomicUsize::new(0),
                    written: UnsafeCell::new(0),
                })
                .collect(),
        }
    }

    fn index(&self, name: &str) -> usize {
        self.modules
            .iter()
            .position(|m| m.name == name)
            .expect("a model module")
    }
}

/// One thread's importer, as the VM's: looks in `sys.modules`, runs bodies,
/// waits detached.
struct ModelImporter<'a, S: LockStrategy> {
    world: &'a World<S>,
    me: ThreadIdent,
}

/// The module was returned while its body had not finished (only allowed
/// for circular imports).
const PARTIAL: u64 = 0;
const COMPLETE: u64 = 7;

impl<S: LockStrategy> Importer for ModelImporter<'_, S> {
    type Module = usize;
    type Error = ();

    fn lookup(&mut self, name: &str) -> Option<usize> {
        sync::lock(&self.world.sys_modules).get(name).copied()
    }

    fn load(&mut self, name: &str) -> Result<usize, ()> {
        let i = self.world.index(name);
        let module = &self.world.modules[i];
        let runs = module.body_runs.fetch_add(1, std_atomic::Ordering::Relaxed);
        assert_eq!(runs, 0, "the body of {name} ran twice");
        // Registered before the body runs, as `import::load` does.
        sync::lock(&self.world.sys_modules).insert(module.name, i);
        // The body runs bytecode: under a GIL it lets other threads run
        // between instructions (the eval loop's switch).
        S::detach(&self.world.shared, self.me);
        S::attach(&self.world.shared, self.me);
        if let Some(dep) = module.imports {
            // The body's own import: may return a partial module.
            self.world.locks.load_once(self.me, dep, self)?;
        }
        module.written.with_mut(|p| unsafe { *p = COMPLETE });
        Ok(i)
    }

    fn deadlock(&mut self, _name: &str) {}

    fn blocking<R>(&mut self, f: impl FnOnce() -> R) -> R {
        detach::blocking::<S, R>(&self.world.shared, self.me, f)
    }
}

/// `threads` threads import `wanted[i % len]` at once (attached, as
/// bytecode does). Returns what each thread's module had written when it
/// got it, for the caller to check.
fn import_model<S: LockStrategy>(
    modules: &'static [(&'static str, Option<&'static str>)],
    wanted: &'static [&'static str],
    threads: u64,
    expect_complete: bool,
) {
    check(move || {
        sync::set_timeout_budget(TIMEOUTS);
        let world = Arc::new(World::<S>::new(modules));
        let handles: Vec<_> = (1..=threads)
            .map(|me| {
                let world = world.clone();
                thread::spawn(move || {
                    sync::set_timeout_budget(TIMEOUTS);
                    S::attach(&world.shared, me);
                    let name = wanted[(me as usize - 1) % wanted.len()];
                    let mut importer = ModelImporter { world: &world, me };
                    let got = world.locks.load_once(me, name, &mut importer);
                    let i = got.expect("no deadlock error");
                    let seen = world.modules[i].written.with(|p| unsafe { *p });
                    if expect_complete {
                        assert_eq!(
                            seen, COMPLETE,
                            "an importer got {name} before its body finished"
                        );
                    } else {
                        assert!(seen == COMPLETE || seen == PARTIAL);
                    }
                    S::detach(&world.shared, me);
                })
            })
            .collect();
        for h in handles {
            h.join().unwrap();
        }
        for m in &world.modules {
            assert!(m.body_runs.load(std_atomic::Ordering::Relaxed) <= 1);
        }
        assert!(!world.locks.is_loading("a") && !world.locks.is_loading("b"));
    });
}

static ONE: [(&str, Option<&str>); 1] = [("a", None)];
static CIRCULAR: [(&str, Option<&str>); 2] = [("a", Some("b")), ("b", Some("a"))];

#[test]
fn two_threads_load_a_module_once_and_see_it_complete() {
    let _s = Switches::none(&MUTANTS);
    import_model::<FineGrained>(&ONE, &["a"], 2, true);
}

#[test]
fn under_the_gil_a_waiting_importer_detaches() {
    let _s = Switches::none(&MUTANTS);
    import_model::<Gil>(&ONE, &["a"], 2, true);
}

/// A module that imports itself (through another) on its own thread gets
/// the partial module back instead of waiting for itself.
#[test]
fn a_circular_import_on_one_thread_returns_the_partial_module() {
    let _s = Switches::none(&MUTANTS);
    import_model::<FineGrained>(&CIRCULAR, &["a"], 1, true);
}

/// Thread 1 imports `a` (which imports `b`) while thread 2 imports `b`
/// (which imports `a`): neither waits for ever; one gets a partial module,
/// as in CPython.
#[test]
fn circular_imports_on_two_threads_do_not_deadlock() {
    let _s = Switches::none(&MUTANTS);
    import_model::<FineGrained>(&CIRCULAR, &["a", "b"], 2, false);
}

#[test]
fn mutant_import_skips_recheck_is_rejected() {
    let _s = Switches::with(&MUTANTS, &loom_switches::MUTANT_IMPORT_SKIPS_RECHECK);
    let msg = rejection(|| import_model::<FineGrained>(&ONE, &["a"], 2, true));
    assert!(msg.contains("ran twice"), "{msg}");
}

#[test]
fn mutant_import_ignores_cycles_is_rejected() {
    let _s = Switches::with(&MUTANTS, &loom_switches::MUTANT_IMPORT_IGNORES_CYCLES);
    let msg = rejection(|| import_model::<FineGrained>(&CIRCULAR, &["a", "b"], 2, false));
    assert!(msg.contains("deadlock"), "{msg}");
}

#[test]
fn mutant_import_waits_attached_is_rejected() {
    let _s = Switches::with(
        &MUTANTS,
        &detach::loom_switches::MUTANT_BLOCKING_STAYS_ATTACHED,
    );
    let msg = rejection(|| import_model::<Gil>(&ONE, &["a"], 2, true));
    assert!(msg.contains("deadlock"), "{msg}");
}
