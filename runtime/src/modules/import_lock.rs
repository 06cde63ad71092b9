//! Per-module import locks: a module's body runs once, however many threads
//! import it at the same moment.
//!
//! # The protocol (CPython's `_ModuleLock` and `_find_and_load`)
//!
//! - Every module name being loaded has a lock, held by the thread that loads
//!   it for as long as it finds, creates and runs the module. The lock is
//!   re-entrant: a module that (indirectly) imports itself on the loading
//!   thread gets the partly initialised module back, as in CPython.
//! - An import first looks the name up in `sys.modules` without any lock. A
//!   module found there whose lock is free is complete: it is returned.
//! - A module found there whose lock is held is still running its body on the
//!   holding thread: the importer waits for the lock, then returns the module
//!   (complete now). If waiting would close a cycle of threads each waiting
//!   for a module the next one loads (two modules importing each other from
//!   two threads), it does not wait and returns the partly initialised module,
//!   as CPython does.
//! - A name not found is loaded under its lock. If taking the lock would
//!   close such a cycle, the module is looked up again and taken partial if
//!   its loader has registered it (CPython raises `_DeadlockError` here);
//!   otherwise the import fails with CPython's "deadlock detected" error.
//! - The loader **looks the name up again once the
//!   lock is held**: a thread that lost the race to another loader finds the
//!   module it loaded. This second look-up is what makes the load happen once
//!   (`MUTANT_IMPORT_SKIPS_RECHECK` leaves it out; the loom model in
//!   `loom-tests/tests/loom_import.rs` catches the double load).
//! - The loader inserts the module into `sys.modules` before running its body
//!   (so that circular imports find it) and removes it again if the body
//!   raises. Holding the lock is what "partially initialised" means: an
//!   `from m import x` that fails while `m`'s lock is held says so.
//!
//! The table of held locks sits behind one mutex, held only for a few map
//! operations and never while Python code runs. A thread waits for a lock
//! detached ([`Importer::blocking`]: without the GIL in the GIL modes), since
//! the holder needs to run bytecode to finish.

use crate::strategy::ThreadIdent;
use crate::sync::{self, Condvar, Mutex};
use std::collections::HashMap;

/// The import locks of one runtime.
#[derive(Default)]
pub struct ImportLocks {
    table: Mutex<LockTable>,
    released: Condvar,
}

#[derive(Default)]
struct LockTable {
    /// Module name → (the thread loading it, how many times it holds it).
    held: HashMap<String, (ThreadIdent, u32)>,
    /// Thread → the module whose lock it waits for (deadlock detection).
    waiting: HashMap<ThreadIdent, String>,
}

/// Waiting for this lock would close a cycle of waiting threads.
#[derive(Debug, PartialEq, Eq)]
pub struct Deadlock;

/// What the protocol needs from the import system: `sys.modules` and the
/// loader. The VM implements it with Python objects; the loom model with a
/// map.
pub trait Importer {
    type Module;
    type Error;
    /// `sys.modules[name]`, if present.
    fn lookup(&mut self, name: &str) -> Option<Self::Module>;
    /// Finds, creates and runs the module (the lock is held).
    fn load(&mut self, name: &str) -> Result<Self::Module, Self::Error>;
    /// The error for a deadlock found while loading.
    fn deadlock(&mut self, name: &str) -> Self::Error;
    /// Runs `f`, which waits, detached from the runtime.
    fn blocking<R>(&mut self, f: impl FnOnce() -> R) -> R;
}

impl ImportLocks {
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether some thread is loading `name` now.
    pub fn is_loading(&self, name: &str) -> bool {
        sync::lock(&self.table).held.contains_key(name)
    }

    /// The module `name`, loaded once: see the protocol above.
    pub fn load_once<I: Importer>(
        &self,
        me: ThreadIdent,
        name: &str,
        importer: &mut I,
    ) -> Result<I::Module, I::Error> {
        if let Some(module) = importer.lookup(name) {
            if self.is_loading(name) {
                // Wait for its loader to finish (at once if that is us).
                if self.acquire(me, name, importer).is_ok() {
                    self.release(me, name);
                }
            }
            return Ok(module);
        }
        if self.acquire(me, name, importer).is_err() {
            // The thread we would wait for holds this module's lock and waits
            // for one of ours. If it has registered the module, take the
            // partial module, as when it was found above; CPython raises here.
            return match importer.lookup(name) {
                Some(module) => Ok(module),
                None => Err(importer.deadlock(name)),
            };
        }
        let recheck = !crate::detach::mutant(&loom_switches::MUTANT_IMPORT_SKIPS_RECHECK);
        let found = if recheck { importer.lookup(name) } else { None };
        let result = match found {
            Some(module) => Ok(module),
            None => importer.load(name),
        };
        self.release(me, name);
        result
    }

    /// Takes `name`'s lock for `me`, waiting (detached) while another thread
    /// holds it.
    fn acquire<I: Importer>(
        &self,
        me: ThreadIdent,
        name: &str,
        importer: &mut I,
    ) -> Result<(), Deadlock> {
        // The guard must be gone before waiting, which locks the table again.
        let first = self.try_acquire(&mut sync::lock(&self.table), me, name);
        match first {
            Some(r) => r,
            None => importer.blocking(|| {
                let mut table = sync::lock(&self.table);
                loop {
                    if let Some(r) = self.try_acquire(&mut table, me, name) {
                        table.waiting.remove(&me);
                        return r;
                    }
                    table.waiting.insert(me, name.to_string());
                    table = self.released.wait(table);
                }
            }),
        }
    }

    /// One attempt: `Some` when the lock was taken or a deadlock found,
    /// `None` when `me` must wait.
    fn try_acquire(
        &self,
        table: &mut LockTable,
        me: ThreadIdent,
        name: &str,
    ) -> Option<Result<(), Deadlock>> {
        match table.held.get_mut(name) {
            None => {
                table.held.insert(name.to_string(), (me, 1));
                Some(Ok(()))
            }
            Some((owner, count)) if *owner == me => {
                *count += 1;
                Some(Ok(()))
            }
            Some((owner, _)) => {
                let owner = *owner;
                let check = !crate::detach::mutant(&loom_switches::MUTANT_IMPORT_IGNORES_CYCLES);
                (check && table.closes_cycle(owner, me)).then_some(Err(Deadlock))
            }
        }
    }

    fn release(&self, me: ThreadIdent, name: &str) {
        let mut table = sync::lock(&self.table);
        if let Some((owner, count)) = table.held.get_mut(name) {
            debug_assert_eq!(*owner, me, "an import lock released by its holder");
            *count -= 1;
            if *count == 0 {
                table.held.remove(name);
                self.released.notify_all();
            }
        }
    }
}

impl LockTable {
    /// Whether `me` waiting for a lock that `owner` holds would close a
    /// cycle: `owner` waits for a lock whose holder waits ... for one `me`
    /// holds.
    fn closes_cycle(&self, mut owner: ThreadIdent, me: ThreadIdent) -> bool {
        // Each step moves to another thread, so a chain longer than the
        // number of waiting threads is itself a cycle not through `me`.
        for _ in 0..=self.waiting.len() {
            if owner == me {
                return true;
            }
            let Some(next) = self.waiting.get(&owner).and_then(|m| self.held.get(m)) else {
                return false;
            };
            owner = next.0;
        }
        false
    }
}

/// Model switches for `loom-tests`; none of them exists in production builds.
#[cfg(loom)]
pub mod loom_switches {
    use std::sync::atomic::AtomicBool;

    /// Mutant: a thread that takes a module's lock loads the module without
    /// looking it up again, so a thread that lost the race loads it twice.
    pub static MUTANT_IMPORT_SKIPS_RECHECK: AtomicBool = AtomicBool::new(false);
    /// Mutant: no deadlock detection; two threads importing each other's
    /// modules wait for each other for ever.
    pub static MUTANT_IMPORT_IGNORES_CYCLES: AtomicBool = AtomicBool::new(false);

    /// Every switch above, for a model to reset.
    pub static ALL: [&AtomicBool; 2] =
        [&MUTANT_IMPORT_SKIPS_RECHECK, &MUTANT_IMPORT_IGNORES_CYCLES];
}

/// Stand-ins for the switches, so that production code names them too.
#[cfg(not(loom))]
mod loom_switches {
    pub static MUTANT_IMPORT_SKIPS_RECHECK: () = ();
    pub static MUTANT_IMPORT_IGNORES_CYCLES: () = ();
}
