//! loom models of every synchronisation protocol in Gilgamesh.
//!
//! The models live in `tests/loom_*.rs` and only build under `--cfg loom`:
//!
//! ```text
//! RUSTFLAGS="--cfg loom" RUSTC_WRAPPER="$PWD/loom-tests/rustc-loom" \
//!     LOOM_MAX_PREEMPTIONS=2 cargo test -p loom-tests --release
//! ```
//!
//! `rustc-loom` passes `--cfg loom` on to this workspace's crates only: some
//! registry dependencies (ruff's `char_str`) have `cfg(loom)` code of their
//! own that does not build, so a plain `RUSTFLAGS="--cfg loom"` build fails.

/// What a thread does to Python objects while it runs bytecode, for the
/// models of the GIL (`loom_gil.rs`, `loom_detach.rs`): `list.append` on a
/// real list (`ObjRef<Gil>`), which takes a reference to the list, stores
/// the item through the list's `ObjCell` (whose lock is a no-op under the
/// GIL) and drops the reference. Under the GIL a count change is a plain
/// load and store, which the loom build makes loom's unsynchronised load
/// (see `gil`'s `plain_load`): a thread that changes the count while
/// another thread's change is not ordered before it by the GIL is a
/// causality violation that loom reports.
#[cfg(loom)]
pub mod bytecode {
    use gil::{Gil, GilState};
    use runtime::object::{ObjCell, ObjRef, Payload, Value};

    /// A new empty list.
    pub fn new_list() -> ObjRef<Gil> {
        ObjRef::new(Payload::List(ObjCell::new(Vec::new())))
    }

    fn items(list: &ObjRef<Gil>) -> &ObjCell<Vec<Value<Gil>>> {
        let Payload::List(items) = list.payload() else {
            unreachable!("a list")
        };
        items
    }

    /// A section of bytecode run by a thread that must hold the GIL:
    /// `list.append(1)` on `list`.
    ///
    /// It first takes the GIL's internal mutex for a moment (`is_locked`):
    /// loom interleaves threads only where their accesses conflict, and a
    /// waiting thread's steps (a time-out, a drop request) touch that mutex
    /// and nothing that `append` touches, so without it loom would never
    /// run them inside a section. (Real bytecode gives other threads every
    /// instruction to run at.) The ordering that taking the mutex adds
    /// comes before the section's accesses, so it covers none of them.
    pub fn section<const IO: bool>(gil: &GilState<IO>, list: &ObjRef<Gil>) {
        let _ = gil.is_locked();
        append(list);
    }

    /// `list.append(1)`, by a thread that must hold the GIL.
    pub fn append(list: &ObjRef<Gil>) {
        let mine = list.clone();
        // SAFETY: the caller holds the GIL (or is the mutant the model must
        // reject), `mine` owns its items, and the closure only pushes.
        unsafe { items(&mine).with_unchecked::<Gil, _>(&mine.header, |v| v.push(Value::Int(1))) };
        drop(mine);
    }

    /// `len(list)`, by a thread that must hold the GIL (or run after every
    /// thread that touched the list).
    pub fn len(list: &ObjRef<Gil>) -> usize {
        // SAFETY: as in `append`; the closure only reads the length.
        unsafe { items(list).with_unchecked::<Gil, _>(&list.header, |v| v.len()) }
    }

    /// The list's reference count, read after every thread that touched it.
    pub fn refcount(list: &ObjRef<Gil>) -> u32 {
        list.header.refcount()
    }
}

/// The mutant switches of a test binary's models, and the lock that keeps
/// tests from running beside each other while any are on.
///
/// A mutant switch (`MUTANT_*` in the protocol's own module, compiled only
/// under `cfg(loom)`) is process-wide, so a mutant turned on by one test
/// would break a model running beside it in another. Every test holds a
/// [`Switches`] while it runs: it takes the binary's one lock, turns every
/// switch the binary names off and the test's mutants on, and turns them
/// all off again when dropped, also when the test fails.
#[cfg(loom)]
pub mod switches {
    use finegrained::objlock;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{Mutex, MutexGuard};

    /// Held by every test of a binary.
    static SERIAL: Mutex<()> = Mutex::new(());

    /// Every switch a binary's models use, in groups as the protocols'
    /// modules list them.
    pub type All = [&'static [&'static AtomicBool]];

    /// See the module documentation.
    pub struct Switches {
        all: &'static All,
        _serial: MutexGuard<'static, ()>,
    }

    impl Switches {
        /// The production protocols: every switch in `all` off.
        pub fn none(all: &'static All) -> Self {
            Self::set(all, &[])
        }

        /// The production protocols except for the one mutant `on`.
        pub fn with(all: &'static All, on: &AtomicBool) -> Self {
            Self::set(all, &[on])
        }

        /// Every switch in `all` off except the mutants `on`; contended
        /// object locks spin as in production.
        pub fn set(all: &'static All, on: &[&AtomicBool]) -> Self {
            Self::with_spin_limit(all, objlock::DEFAULT_SPIN_LIMIT, on)
        }

        /// As [`Switches::set`], with contended object locks spinning
        /// `spin_limit` times before they park (0: they park at once).
        pub fn with_spin_limit(all: &'static All, spin_limit: u32, on: &[&AtomicBool]) -> Self {
            let serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
            reset(all);
            objlock::LOOM_SPIN_LIMIT.store(spin_limit, Ordering::Relaxed);
            for m in on {
                m.store(true, Ordering::Relaxed);
            }
            Self {
                all,
                _serial: serial,
            }
        }
    }

    impl Drop for Switches {
        fn drop(&mut self) {
            reset(self.all);
        }
    }

    fn reset(all: &All) {
        for m in all.iter().flat_map(|group| group.iter()) {
            m.store(false, Ordering::Relaxed);
        }
        objlock::LOOM_SPIN_LIMIT.store(objlock::DEFAULT_SPIN_LIMIT, Ordering::Relaxed);
    }
}

/// Runs a model that must fail and returns loom's panic message (an
/// assertion, a deadlock); panics if loom found nothing. Every mutant test
/// goes through here, and `run-mutants` reads the `loom rejected:` line it
/// prints.
pub fn rejection(model: impl FnOnce()) -> String {
    let payload = std::panic::catch_unwind(std::panic::AssertUnwindSafe(model))
        .expect_err("loom accepted a broken protocol: the model is too weak");
    let msg = if let Some(s) = payload.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        String::from("<non-string panic>")
    };
    println!("loom rejected: {}", msg.lines().next().unwrap_or(""));
    msg
}

/// Runs `model` under loom with at most 2 preemptions unless
/// `LOOM_MAX_PREEMPTIONS` says otherwise, and prints how many executions
/// loom explored (shown with `--nocapture`).
#[cfg(loom)]
pub fn check(model: impl Fn() + Sync + Send + 'static) {
    let mut builder = loom::model::Builder::new();
    if builder.preemption_bound.is_none() {
        builder.preemption_bound = Some(2);
    }
    let runs = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counted = runs.clone();
    builder.check(move || {
        counted.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let _held = quarantine::Hold::start();
        model()
    });
    println!(
        "loom explored {} executions",
        runs.load(std::sync::atomic::Ordering::Relaxed)
    );
}

/// The allocator of the loom test binaries: the system allocator, except
/// that memory freed while a model runs is held back, untouched, until the
/// execution ends (AddressSanitizer's quarantine, for the length of one
/// execution).
///
/// The models free real objects through the runtime's own free path, and a
/// broken protocol (a mutant) uses an object after that free. In the loom
/// build every access to an object's header reads a loom cell that the free
/// writes (see `runtime::header`), so loom reports the use — but only if the
/// header is still there to read: a freed block that the system allocator
/// reused or wrote its free list into would turn the report into a crash of
/// the test process, or a wrong one. Held back, the block keeps its bytes
/// (the drop glue does not clear them), and the use reads loom's cell.
///
/// Every block has a prefix for the link of the list of held blocks and the
/// block's layout. Models must join every thread they spawn: the blocks are
/// released when the model's closure returns (kept for good when it panics,
/// since other threads of the failed execution may still point into them).
#[cfg(loom)]
pub mod quarantine {
    use std::alloc::{GlobalAlloc, Layout, System};
    use std::cell::Cell;
    use std::ptr;

    /// Bytes in front of each block (for alignments up to this; larger
    /// alignments use their alignment): the link, the size and the
    /// alignment, one word each.
    const PREFIX: usize = 32;

    std::thread_local! {
        /// Whether frees on this OS thread are held back (loom runs every
        /// thread of a model on the OS thread that runs the model).
        static HOLDING: Cell<bool> = const { Cell::new(false) };
        /// The held blocks, newest first (a block's link is in its prefix).
        static HELD: Cell<*mut u8> = const { Cell::new(ptr::null_mut()) };
    }

    fn prefix(layout: Layout) -> usize {
        layout.align().max(PREFIX)
    }

    /// The system allocator's layout for a block of `layout`.
    fn outer(layout: Layout) -> Layout {
        // A power of two not below 8, and the size cannot overflow for a
        // layout that the system allocator could satisfy.
        Layout::from_size_align(prefix(layout) + layout.size(), layout.align().max(8))
            .expect("a block with its prefix is a valid layout")
    }

    /// See the module documentation.
    pub struct Quarantine;

    // SAFETY: every block is a system block of `outer(layout)` with the
    // caller's block at `prefix(layout)` in it, which keeps the caller's
    // alignment (the prefix is a multiple of it); blocks are returned to
    // the system with the layout they were allocated with.
    unsafe impl GlobalAlloc for Quarantine {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            // SAFETY: `outer` has a non-zero size.
            let base = unsafe { System.alloc(outer(layout)) };
            if base.is_null() {
                return base;
            }
            // SAFETY: the block is `prefix + size` bytes long.
            unsafe { base.add(prefix(layout)) }
        }

        unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
            // SAFETY: as in `alloc`.
            let base = unsafe { System.alloc_zeroed(outer(layout)) };
            if base.is_null() {
                return base;
            }
            // SAFETY: as in `alloc`.
            unsafe { base.add(prefix(layout)) }
        }

        unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
            if HOLDING.try_with(Cell::get).unwrap_or(false) {
                // SAFETY: the prefix belongs to this block (see `alloc`) and
                // is word-aligned; the caller's bytes are not written.
                unsafe {
                    let words = block.cast::<usize>();
                    words.sub(1).write(HELD.with(Cell::get) as usize);
                    words.sub(2).write(layout.size());
                    words.sub(3).write(layout.align());
                }
                HELD.with(|h| h.set(block));
                return;
            }
            // SAFETY: `block` came from `alloc` with this layout.
            unsafe { System.dealloc(block.sub(prefix(layout)), outer(layout)) }
        }
    }

    #[global_allocator]
    static ALLOCATOR: Quarantine = Quarantine;

    /// Holds back the frees of the model running on this OS thread until it
    /// is dropped.
    pub struct Hold(());

    impl Hold {
        pub fn start() -> Self {
            HOLDING.with(|h| h.set(true));
            Hold(())
        }
    }

    impl Drop for Hold {
        fn drop(&mut self) {
            HOLDING.with(|h| h.set(false));
            let mut block = HELD.with(|h| h.replace(ptr::null_mut()));
            if std::thread::panicking() {
                // The failed execution's threads may still point into the
                // held blocks: keep them.
                return;
            }
            while !block.is_null() {
                // SAFETY: `block` was held by `dealloc`, which wrote its
                // prefix; nothing refers to it now that the model returned
                // with every thread joined.
                unsafe {
                    let words = block.cast::<usize>();
                    let next = words.sub(1).read() as *mut u8;
                    let layout =
                        Layout::from_size_align_unchecked(words.sub(2).read(), words.sub(3).read());
                    System.dealloc(block.sub(prefix(layout)), outer(layout));
                    block = next;
                }
            }
        }
    }
}
