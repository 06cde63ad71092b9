//! One collection: find the unreachable objects of the collected
//! generations, finalise them, break their cycles (see [`super`]).

use super::lists::{header_at, GcList, COLLECTING, PERMANENT, UNREACHABLE};
use super::traverse::{clear, traverse};
use super::{GcState, GENERATIONS};
use crate::object::{ObjRef, Payload, PyObject, Value, STATE_FINALIZED, STATE_WEAKREFS};
use crate::strategy::LockStrategy;
use crate::sync::Ordering as SyncOrdering;
use crate::vm::Vm;
use std::ptr::NonNull;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

/// What a collection found: CPython's `n` and `m`.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Found {
    pub collected: usize,
    pub uncollectable: usize,
}

/// An object of the working set: where it came from.
struct Entry {
    addr: usize,
    list: &'static GcList,
}

/// The object at `addr`.
///
/// # Safety
/// `addr` must be a live object of strategy `S`.
unsafe fn object_at<'a, S: LockStrategy>(addr: usize) -> &'a PyObject<S> {
    // SAFETY: guaranteed by the caller.
    unsafe { &*(addr as *const PyObject<S>) }
}

impl<S: LockStrategy> Vm<S> {
    /// Runs the collection that the thresholds call for, if any (CPython's
    /// `gc_collect_generations`); called at a safe point after the eval
    /// breaker reported a scheduled collection.
    pub(crate) fn collect_scheduled(&mut self) {
        let interp = self.interp.clone();
        let gc = &interp.gc;
        gc.requested.store(false, Ordering::Relaxed);
        // Freeing unreferenced deferred objects stands in for the
        // decrements that free ordinary ones, so `gc.disable()` does not
        // stop it.
        if interp.sweep_due() {
            self.sweep_deferred();
        }
        if !gc.is_enabled() {
            return;
        }
        let thresholds = gc.thresholds();
        let counts = gc.counts();
        let generation = {
            let book = gc.book.lock();
            (0..GENERATIONS).rev().find(|&g| {
                counts[g] > thresholds[g] as i64
                    // Avoid quadratic work on a growing heap: a full
                    // collection waits until the objects that would move
                    // into the oldest generation are a quarter of it.
                    && !(g == GENERATIONS - 1 && book.long_lived_pending < book.long_lived_total / 4)
            })
        };
        // Many replaced classes waiting for release (`Interp::retire_class`
        // asked for this collection): the youngest generation will do.
        let generation = generation.or_else(|| interp.many_retired_classes().then_some(0));
        if let Some(g) = generation {
            if thresholds[0] != 0 {
                self.collect_garbage(g);
            }
        }
    }

    /// `gc.freeze()` (`freeze`) or `gc.unfreeze()`, with the world stopped.
    pub(crate) fn move_all_tracked(&mut self, freeze: bool) {
        let interp = self.interp.clone();
        S::stop_the_world(&interp.strategy, self.ident);
        interp.gc.move_all(freeze);
        S::start_the_world(&interp.strategy, self.ident);
    }

    /// `gc.collect(generation)`: the number of unreachable objects found
    /// (0 when a collection is already running). The functions in
    /// `gc.callbacks` are called before and after.
    pub fn collect_garbage(&mut self, generation: usize) -> usize {
        let interp = self.interp.clone();
        let gc = &interp.gc;
        if gc.collecting.swap(true, Ordering::Acquire) {
            return 0;
        }
        self.gc_callbacks("start", generation, Found::default());
        let found = self.collect_generation(generation);
        // A full collection also frees the deferred objects nothing refers
        // to any more (a function redefined, a module's code dropped).
        if generation == GENERATIONS - 1 || interp.sweep_due() {
            self.sweep_deferred();
        }
        self.gc_callbacks("stop", generation, found);
        gc.collecting.store(false, Ordering::Release);
        found.collected + found.uncollectable
    }

    /// Calls the functions in `gc.callbacks` (if the module was imported)
    /// with `phase` and CPython's info dict.
    fn gc_callbacks(&mut self, phase: &str, generation: usize, found: Found) {
        let key = self.new_str("gc");
        let Some(crate::object::Value::Obj(module)) =
            crate::ops::dict_get(&self.interp.sys_modules, &key)
        else {
            return;
        };
        let Payload::Module(m) = module.payload() else {
            return;
        };
        let name = self.new_str("callbacks");
        let Some(list) = crate::ops::dict_get(&m.dict, &name) else {
            return;
        };
        let callbacks = match &list {
            Value::Obj(o) => match o.payload() {
                Payload::List(items) => items.with::<S, _>(&o.header, |v| v.clone()),
                _ => Vec::new(),
            },
            _ => Vec::new(),
        };
        if callbacks.is_empty() {
            return;
        }
        let info = crate::ops::new_dict();
        if let Value::Obj(d) = &info {
            for (k, v) in [
                ("generation", generation),
                ("collected", found.collected),
                ("uncollectable", found.uncollectable),
            ] {
                self.interp.dict_set_str(d, k, Value::Int(v as i64));
            }
        }
        let phase = self.new_str(phase);
        for cb in callbacks {
            if let Err(e) = self.call(&cb, vec![phase.clone(), info.clone()]) {
                self.report_unraisable(&e, &cb);
            }
        }
    }

    /// Frees the deferred objects that nothing refers to (see
    /// [`crate::deferred_counts`]): with the world stopped, every thread's
    /// counts are published, so a zero count word is a true zero.
    pub(crate) fn sweep_deferred(&mut self) {
        if !S::DEFER_SHARED {
            return;
        }
        let interp = self.interp.clone();
        S::stop_the_world(&interp.strategy, self.ident);
        crate::deferred_counts::flush_now();
        let dead = take_unreferenced_deferred(&interp);
        S::start_the_world(&interp.strategy, self.ident);
        free_deferred(dead);
    }

    /// CPython's `gc_collect_main`.
    fn collect_generation(&mut self, generation: usize) -> Found {
        let interp = self.interp.clone();
        let gc = &interp.gc;
        let strategy = &interp.strategy;

        // This thread's cache of global names holds references to values
        // that may since have been deleted from their namespace: drop it,
        // so that it keeps no garbage alive (it refills on the next
        // lookups). Other threads' caches keep theirs until they look the
        // names up again.
        self.clear_global_cache();

        // ---- Phase 1, the world stopped: find the garbage. ----
        let pause = Instant::now();
        S::stop_the_world(strategy, self.ident);
        // Counts are read below: publish this thread's deferred ones (every
        // other thread published its own when it parked).
        crate::deferred_counts::flush_now();
        // Before a full collection, take out the deferred objects nothing
        // refers to: decrements would have freed them, so they are not the
        // collector's garbage (`gc.collect()` does not count them, as
        // CPython's does not count what reference counting freed).
        let unreferenced = if S::DEFER_SHARED && generation == GENERATIONS - 1 {
            take_unreferenced_deferred(&interp)
        } else {
            Vec::new()
        };
        // Replaced classes no thread can still be reading (see
        // `ClassSlot`): released below, with the world running.
        let retired = interp.take_retired_classes();
        gc.start_counts(generation);
        let work = gather(gc, generation);
        let reachable = find_reachable::<S>(&work);
        let survivors = work.iter().zip(&reachable).filter(|(_, r)| **r).count();
        let dest = (generation + 1).min(GENERATIONS - 1);
        put_back::<S>(&work, &reachable, dest);
        gc.note_survivors(generation, survivors);
        // The collector holds a reference to each unreachable object from
        // now on, so nothing frees one while finalizers run.
        let mut garbage: Vec<ObjRef<S>> = Vec::new();
        for (e, _) in work.iter().zip(&reachable).filter(|(_, r)| !**r) {
            // SAFETY: objects in the working set are live.
            let obj = unsafe { object_at::<S>(e.addr) };
            obj.header.gc_gen().store(UNREACHABLE, Ordering::Relaxed);
            // SAFETY: the collecting thread is attached (and the world is
            // stopped), and the object is live: it is in the working set.
            unsafe { S::incref(&obj.header) };
            // SAFETY: the increment above is this reference's.
            garbage.push(unsafe { ObjRef::from_raw_counted(NonNull::from(obj)) });
        }
        drop(work);
        let found = Found {
            collected: garbage.len() - garbage.iter().filter(|o| has_garbage_dict(o)).count(),
            uncollectable: 0,
        };
        // Clear weak references while the world is stopped, so that no
        // thread can revive a garbage object through one.
        let callbacks = clear_weakrefs(&garbage);
        S::start_the_world(strategy, self.ident);
        let mut paused = pause.elapsed();
        drop(retired);
        free_deferred(unreferenced);

        // ---- Phase 2, the world running: callbacks and finalizers. ----
        for (weakref, callback) in callbacks {
            if let Err(e) = self.call(&callback, vec![Value::Obj(weakref)]) {
                self.report_unraisable(&e, &callback);
            }
        }
        let mut finalized_any = false;
        for obj in &garbage {
            let h = &obj.header;
            if !crate::finalize::finalized(h) && crate::finalize::has_finalizer(h, obj.stored()) {
                h.state().fetch_or(STATE_FINALIZED, SyncOrdering::Relaxed);
                finalized_any = true;
                self.finalize(obj.clone());
            }
        }
        self.run_pending_finalizers();

        // ---- Phase 3: what the finalizers made reachable lives on. ----
        let mut resurrected = Vec::new();
        if finalized_any {
            let again = Instant::now();
            S::stop_the_world(strategy, self.ident);
            crate::deferred_counts::flush_now();
            let keep = find_resurrected(&garbage);
            let list = super::current::<S>().map(|(l, _)| l);
            let mut dead = Vec::with_capacity(garbage.len());
            for (obj, keep) in garbage.into_iter().zip(keep) {
                if keep {
                    match list {
                        Some(list) => list.push(&obj.header, obj.addr(), GENERATIONS - 1),
                        None => obj.header.gc_list().store(0, Ordering::Relaxed),
                    }
                    resurrected.push(obj);
                } else {
                    dead.push(obj);
                }
            }
            garbage = dead;
            S::start_the_world(strategy, self.ident);
            paused += again.elapsed();
        }

        // ---- Phase 4: break the cycles; dropping the references frees. ----
        for obj in &garbage {
            obj.header.gc_list().store(0, Ordering::Relaxed);
        }
        for obj in &garbage {
            clear(obj);
        }
        drop(garbage);
        drop(resurrected);
        gc.finish(generation, found, paused);
        found
    }
}

impl GcState {
    /// The counts at the start of a collection of `generation`.
    fn start_counts(&self, generation: usize) {
        let mut book = self.book.lock();
        if generation + 1 < GENERATIONS {
            book.counts[generation + 1] += 1;
        }
        for c in &mut book.counts[1..=generation] {
            *c = 0;
        }
        drop(book);
        self.young.store(0, Ordering::Relaxed);
        for list in self.all_lists() {
            list.count.store(0, Ordering::Relaxed);
            list.unflushed.store(0, Ordering::Relaxed);
        }
    }

    /// CPython's `long_lived_*` bookkeeping after survivors moved up.
    fn note_survivors(&self, generation: usize, survivors: usize) {
        let mut book = self.book.lock();
        if generation == GENERATIONS - 2 {
            book.long_lived_pending += survivors;
        } else if generation == GENERATIONS - 1 {
            book.long_lived_pending = 0;
            book.long_lived_total = survivors;
        }
    }

    fn finish(&self, generation: usize, found: Found, paused: Duration) {
        let mut book = self.book.lock();
        let s = &mut book.stats;
        s.generations[generation].collections += 1;
        s.generations[generation].collected += found.collected as u64;
        s.generations[generation].uncollectable += found.uncollectable as u64;
        s.longest_pause = s.longest_pause.max(paused);
        s.total_pause += paused;
    }

    /// `gc.freeze()` / `gc.unfreeze()`: moves every tracked object into the
    /// permanent generation, or all of it back into the oldest one. Called
    /// with the world stopped (or the GIL held).
    pub(crate) fn move_all(&self, freeze: bool) {
        for list in self.all_lists() {
            let mut objects = list.objects.lock();
            let (from, to) = if freeze {
                (0..GENERATIONS, PERMANENT)
            } else {
                (PERMANENT..PERMANENT + 1, GENERATIONS - 1)
            };
            let mut moved = Vec::new();
            for g in from {
                moved.append(&mut objects[g]);
            }
            for addr in moved {
                // SAFETY: objects in a list are live; the lock is held.
                let h = unsafe { header_at(addr) };
                h.gc_index()
                    .store(objects[to].len() as u32, Ordering::Relaxed);
                h.gc_gen().store(to as u8, Ordering::Relaxed);
                objects[to].push(addr);
            }
        }
    }
}

/// Takes generations `0..=generation` of every list of the runtime into one
/// working set; each object's header says where it is in it.
///
/// Sized exactly, and each generation's vector is freed as it is emptied:
/// a full collection of a large heap otherwise held twice the memory it
/// needs for the working set, on top of the heap.
fn gather(gc: &GcState, generation: usize) -> Vec<Entry> {
    let lists = gc.all_lists();
    let total: usize = lists
        .iter()
        .map(|l| {
            l.objects
                .lock()
                .iter()
                .take(generation + 1)
                .map(Vec::len)
                .sum::<usize>()
        })
        .sum();
    let mut work = Vec::with_capacity(total);
    for list in lists {
        let mut objects = list.objects.lock();
        for gen in objects.iter_mut().take(generation + 1) {
            for addr in std::mem::take(gen) {
                // SAFETY: objects in a list are live.
                let h = unsafe { header_at(addr) };
                h.gc_gen().store(COLLECTING, Ordering::Relaxed);
                h.gc_index().store(work.len() as u32, Ordering::Relaxed);
                work.push(Entry { addr, list });
            }
        }
    }
    work
}

/// The `gc_refs` subtraction, then marking from what is referenced from
/// outside: which objects of the working set are reachable.
fn find_reachable<S: LockStrategy>(work: &[Entry]) -> Vec<bool> {
    reachable_within(
        work.len(),
        // SAFETY: objects in the working set are live.
        |i| unsafe { object_at::<S>(work[i].addr) },
        COLLECTING,
        |o| o.header.refcount() as i64,
    )
}

/// The subtraction and marking over the `n` objects `object(0..n)`, each
/// of which has `marker` in its header's generation field and its index in
/// the index field: `count` gives each object's references, of which those
/// from inside the set are subtracted. (An accessor, not a slice of
/// references: for a large heap that slice was 8 bytes an object more.)
fn reachable_within<'a, S: LockStrategy + 'a>(
    n: usize,
    object: impl Fn(usize) -> &'a PyObject<S>,
    marker: u8,
    count: impl Fn(&PyObject<S>) -> i64,
) -> Vec<bool> {
    // Counts as i32 (saturated: a count past i32::MAX stays positive after
    // the subtraction, since no working set holds that many references):
    // half the memory of i64 for a large heap.
    let mut refs: Vec<i32> = (0..n)
        .map(|i| count(object(i)).min(i32::MAX as i64) as i32)
        .collect();
    let inside = |h: &crate::object::Header| {
        (h.gc_gen().load(Ordering::Relaxed) == marker)
            .then(|| h.gc_index().load(Ordering::Relaxed) as usize)
    };
    for i in 0..n {
        traverse(object(i), &mut |h| {
            if let Some(i) = inside(h) {
                refs[i] -= 1;
            }
        });
    }
    // Marking, root by root, so that the stack holds only what one root
    // reaches and not every root at once; each object is traversed once.
    const UNSEEN: u8 = 0;
    const ROOT: u8 = 1;
    const MARKED: u8 = 2;
    let mut state: Vec<u8> = refs
        .iter()
        .map(|&r| if r > 0 { ROOT } else { UNSEEN })
        .collect();
    drop(refs);
    let mut stack: Vec<usize> = Vec::new();
    for root in 0..n {
        if state[root] != ROOT {
            continue;
        }
        state[root] = MARKED;
        stack.push(root);
        while let Some(i) = stack.pop() {
            traverse(object(i), &mut |h| {
                if let Some(j) = inside(h) {
                    if state[j] != MARKED {
                        state[j] = MARKED;
                        stack.push(j);
                    }
                }
            });
        }
    }
    state.into_iter().map(|s| s == MARKED).collect()
}

/// Moves the survivors into generation `dest` of the lists they came from.
/// Tuples that hold no container any more stop being tracked, as CPython's
/// `_PyTuple_MaybeUntrack` does: they can never be part of a cycle.
fn put_back<S: LockStrategy>(work: &[Entry], reachable: &[bool], dest: usize) {
    // The working set holds each list's objects together (see `gather`):
    // one lock per list, not per object.
    let mut i = 0;
    while i < work.len() {
        let list = work[i].list;
        let mut objects = list.objects.lock();
        while i < work.len() && std::ptr::eq(work[i].list, list) {
            if reachable[i] {
                // SAFETY: objects in the working set are live.
                let obj = unsafe { object_at::<S>(work[i].addr) };
                if untrackable_tuple(obj) {
                    obj.header.gc_list().store(0, Ordering::Relaxed);
                    obj.header.gc_gen().store(0, Ordering::Relaxed);
                } else {
                    list.push_locked(&mut objects, &obj.header, work[i].addr, dest);
                }
            }
            i += 1;
        }
    }
}

fn untrackable_tuple<S: LockStrategy>(obj: &PyObject<S>) -> bool {
    let Payload::Tuple(items) = obj.payload() else {
        return false;
    };
    items.iter().all(|v| match v {
        Value::Obj(o) => {
            !super::is_container(o.stored())
                || (matches!(o.payload(), Payload::Tuple(_))
                    && o.header.gc_list().load(Ordering::Relaxed) == 0
                    && o.header.gc_gen().load(Ordering::Relaxed) != COLLECTING)
        }
        _ => true,
    })
}

/// Whether `obj` is an instance whose `__dict__` is garbage too. CPython
/// 3.11 keeps an instance's attributes inside the instance, so its count of
/// collected objects has no separate dict; neither does ours. Called while
/// the garbage is marked [`UNREACHABLE`].
fn has_garbage_dict<S: LockStrategy>(obj: &ObjRef<S>) -> bool {
    match obj.stored() {
        Payload::Instance(i) => i.with_attrs(&obj.header, |attrs| match attrs {
            crate::instance_attrs::InstanceAttrs::Dict(d) => {
                d.header.gc_gen().load(Ordering::Relaxed) == UNREACHABLE
            }
            crate::instance_attrs::InstanceAttrs::Inline(_) => false,
        }),
        _ => false,
    }
}

/// With the world stopped and the caller's deferred counts published:
/// takes the deferred objects whose count is zero out of the runtime's
/// registry, clears their weak references (so that no thread can revive
/// one through an upgrade; the callbacks are queued, to run at this
/// thread's next safe point) and untracks them (so that no collection
/// gathers one). [`free_deferred`] frees them once the world runs again.
fn take_unreferenced_deferred<S: LockStrategy>(
    interp: &crate::interp::Interp<S>,
) -> Vec<NonNull<PyObject<S>>> {
    let dead = interp.take_unreferenced_deferred();
    for &p in &dead {
        // SAFETY: an unreferenced deferred object stays allocated until
        // `free_deferred`; nobody else reaches it.
        let obj = unsafe { &*p.as_ptr() };
        if obj.header.state().load(SyncOrdering::Relaxed) & STATE_WEAKREFS != 0 {
            crate::weakref::clear_dying(p);
        }
        if super::is_container(obj.stored()) {
            super::on_free::<S>(&obj.header);
        }
    }
    dead
}

/// Frees what [`take_unreferenced_deferred`] took.
fn free_deferred<S: LockStrategy>(dead: Vec<NonNull<PyObject<S>>>) {
    for p in dead {
        // SAFETY: its true count is zero (read with the world stopped) and
        // its weak references are cleared: nothing can reach it.
        unsafe { crate::object::free_deferred(p) };
    }
}

/// Clears the weak references to garbage objects; returns the callbacks to
/// call: those of weak references that are not garbage themselves (CPython's
/// `handle_weakrefs`).
fn clear_weakrefs<S: LockStrategy>(garbage: &[ObjRef<S>]) -> Vec<(ObjRef<S>, Value<S>)> {
    let mut callbacks = Vec::new();
    for obj in garbage {
        if obj.header.state().load(SyncOrdering::Relaxed) & STATE_WEAKREFS != 0 {
            for (weakref, callback) in crate::weakref::clear_referent::<S>(obj.raw()) {
                if weakref.header.gc_gen().load(Ordering::Relaxed) != UNREACHABLE {
                    callbacks.push((weakref, callback));
                }
            }
        }
    }
    callbacks
}

/// Which garbage objects the finalizers made reachable again: the same
/// subtraction, over the garbage, minus the collector's own reference.
fn find_resurrected<S: LockStrategy>(garbage: &[ObjRef<S>]) -> Vec<bool> {
    for (i, obj) in garbage.iter().enumerate() {
        obj.header.gc_index().store(i as u32, Ordering::Relaxed);
        obj.header.gc_gen().store(UNREACHABLE, Ordering::Relaxed);
    }
    reachable_within(
        garbage.len(),
        |i| &*garbage[i],
        UNREACHABLE,
        |o| o.header.refcount() as i64 - 1,
    )
}
