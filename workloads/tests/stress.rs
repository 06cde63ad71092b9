//! Threaded programs run through the runtime in every mode: exact final
//! states, no crash. Repeats catch races that a single run rarely shows
//! (such as objects outliving the runtime at thread exit); the large
//! programs catch races that need many operations (lost updates on shared
//! containers, a generator resumed by two threads at once).
//!
//! Sizes: the large programs run 4 threads x 100,000 iterations on shared
//! containers, 8 threads pulling 800,000 values (100,000 a thread on
//! average) from one generator, once per mode, and 4 threads x 100,000 weak
//! reference operations, 4 times per mode. The cyclic collector's program
//! (4 threads making 6,000 garbage cycles each, with collections every 50
//! allocations) runs 100 times under `finegrained`, 40 under `perobject`,
//! 8 times in the GIL modes. The instance-attribute program (4 threads x
//! 40,000 rounds of attribute stores, reads, deletions and class swaps,
//! under a second a run) runs 3 times per mode. The atomic container
//! methods' program (4 threads x 500 rounds of about 40 method calls each
//! on shared containers, about 2 s a run) runs 6
//! times per mode; every run of it on the code before the methods were made
//! atomic failed under `finegrained`. The whole file takes about
//! 14 s in a dev build (opt-level 1) on the 2-core development machine while
//! other builds load it (each large program takes 3 to 6 s a mode), so the
//! sizes are the same in every profile.

use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

const MODES: [&str; 5] = ["gil", "gil-release", "gil-io", "finegrained", "perobject"];

/// How many programs run at once (the machine has 2 cores; the programs
/// have threads of their own).
const PARALLEL: usize = 4;

const RUNS_PER_MODE: usize = 16;

/// Shared counters, lists, dicts and sets under a lock, generators and
/// class instances, across 4 threads.
const PROGRAM: &str = r#"
import threading
counter = 0
items = []
table = {}
seen = set()
lock = threading.Lock()
class Box:
    def __init__(self):
        self.n = 0
box = Box()
def gen(k):
    for i in range(k):
        yield i
def work(t):
    global counter
    for i in gen(2000):
        with lock:
            counter += 1
            box.n += 1
            items.append(i)
            table[(t, i % 10)] = table.get((t, i % 10), 0) + 1
            seen.add(i % 7)
threads = [threading.Thread(target=work, args=(t,)) for t in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(counter, box.n, len(items), sum(table.values()), len(table), sorted(seen))
"#;

const EXPECTED: &str = "8000 8000 8000 8000 40 [0, 1, 2, 3, 4, 5, 6]\n";

/// 4 threads x 100,000 iterations. Under a `threading.Lock`: a global
/// counter, an attribute of a shared instance, appends to a shared list, and
/// read-modify-write updates of a shared dict. Without a lock (single
/// operations, atomic in CPython, per-object locks under `finegrained`):
/// appends to a second list, stores of distinct keys into a second dict,
/// and pops from a shared pre-filled list. Every value a thread adds is
/// distinct, so the checks are exact: every value is present once, each
/// thread's values are in its own order, the dicts hold exactly the keys and
/// counts expected, and every pre-filled value is popped exactly once (each
/// thread's pops in decreasing order).
const CONTAINERS: &str = r#"
import threading
T = 4
N = 100000
TOTAL = T * N
counter = 0
class Box:
    def __init__(self):
        self.n = 0
box = Box()
locked_items = []
table = {}
free_items = []
free_table = {}
pool = list(range(TOTAL))
popped = [None] * T
lock = threading.Lock()
def work(t):
    global counter
    base = t * N
    mine = []
    for i in range(N):
        with lock:
            counter += 1
            box.n += 1
            locked_items.append(base + i)
            k = i % 100
            table[k] = table.get(k, 0) + 1
        free_items.append(base + i)
        free_table[base + i] = t
        mine.append(pool.pop())
    popped[t] = mine
threads = [threading.Thread(target=work, args=(t,)) for t in range(T)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(counter, box.n, len(locked_items), len(free_items), len(free_table), len(pool))
print(sorted(locked_items) == list(range(TOTAL)), sorted(free_items) == list(range(TOTAL)))
def in_thread_order(values):
    last = [-1] * T
    for x in values:
        t = x // N
        if x <= last[t]:
            return False
        last[t] = x
    return True
print(in_thread_order(locked_items), in_thread_order(free_items))
print(len(table), sorted(set(table.values())))
print(all(free_table[x] == x // N for x in range(TOTAL)))
every = []
for mine in popped:
    every.extend(mine)
print(sorted(every) == list(range(TOTAL)), all(m == sorted(m, reverse=True) for m in popped))
"#;

const CONTAINERS_EXPECTED: &str = "400000 400000 400000 400000 400000 0
True True
True True
100 [4000]
True
True True
";

/// 8 threads pull from one shared generator until it is exhausted. A `next`
/// that finds the generator running in another thread must raise
/// `ValueError('generator already executing')` without resuming it; every
/// other `next` gets the next value. So, exactly: every value the generator
/// yields reaches exactly one thread, each thread gets its values in
/// increasing order, and no other error (or error message) ever appears.
/// How often a thread is refused varies from run to run and is not checked.
const GENERATOR: &str = r#"
import threading
T = 8
TOTAL = 800000
def numbers(n):
    i = 0
    while i < n:
        yield i
        i += 1
shared = numbers(TOTAL)
got = [None] * T
odd = []
def pull(t):
    mine = []
    while True:
        try:
            v = next(shared)
        except StopIteration:
            break
        except ValueError as e:
            if str(e) != "generator already executing":
                odd.append(str(e))
            continue
        mine.append(v)
    got[t] = mine
threads = [threading.Thread(target=pull, args=(t,)) for t in range(T)]
for t in threads:
    t.start()
for t in threads:
    t.join()
every = []
for mine in got:
    every.extend(mine)
print(len(every), sorted(every) == list(range(TOTAL)))
print(all(mine == sorted(mine) for mine in got), odd)
print(next(shared, "exhausted"))
"#;

const GENERATOR_EXPECTED: &str = "800000 True
True []
exhausted
";

#[test]
fn threaded_program_is_exact_and_never_crashes_in_any_mode() {
    run_in_every_mode("small", PROGRAM, EXPECTED, RUNS_PER_MODE);
}

#[test]
fn shared_containers_are_exact_after_100k_operations_per_thread_in_every_mode() {
    run_in_every_mode("containers", CONTAINERS, CONTAINERS_EXPECTED, 1);
}

/// Every mutating method of list, set and dict called by 4 threads at once
/// on shared containers, without a `threading.Lock`: each method must be
/// atomic, as under CPython's GIL (CPython's free-threaded build loses some
/// of these updates). Exact invariants: `L` stays at 1000 items (every
/// addition is paired with a removal by the same thread, around `sort`,
/// `reverse`, slice stores and deletions of other threads); each thread's
/// values go into `M` and come out, found by `count`/`index`/`in` in
/// between, so `M` ends as it began; each thread owns some elements of `S`
/// and some keys of `D`, changes them through every mutating method (and
/// `S` is intersected with its whole universe meanwhile, which must change
/// nothing), and tracks what they should be; `B` keeps 10 items at every
/// step while other threads `A.extend(B)`, so `A` grows by exactly 10 each
/// time.
const ATOMIC_METHODS: &str = r#"
import threading
T = 4
N = 500
U = 64
FULL = frozenset(range(U))
EMPTY = frozenset()
L = list(range(1000))
M = list(range(1000))
S = set()
D = {}
B = list(range(10))
A = []
errors = []
go = threading.Event()

def work(t):
    global L, S, D
    mine_s = set()
    mine_d = {}
    extends = 0
    go.wait()
    for i in range(N):
        v = 1000 + t * N + i
        # L: every addition is paired with one removal by the same thread.
        L.append(v)
        L.sort()
        L.pop()
        L.insert(i % 7, v)
        L.reverse()
        L.pop(0)
        L += [v]
        del L[-1:]
        L.extend([v, v])
        L.sort(reverse=True)
        del L[0]
        L[:1] = []
        L[0:0] = [v]
        L.pop()
        # M: this thread's values go in and come out; the rest stays.
        M.append(v)
        M.sort()
        if M.count(v) != 1 or M.index(v) < 0 or v not in M:
            errors.append(("M", v))
        M.reverse()
        M.remove(v)
        # S: thread t owns the elements x with x % T == t.
        x = (i * 7 + t) % U
        x -= x % T
        x += t
        op = i % 8
        if op == 0:
            S.add(x)
            mine_s.add(x)
        elif op == 1:
            S.discard(x)
            mine_s.discard(x)
        elif op == 2:
            S ^= {x}
            mine_s ^= {x}
        elif op == 3:
            S.update([x])
            mine_s.add(x)
        elif op == 4:
            S -= {x}
            mine_s.discard(x)
        elif op == 5:
            S.symmetric_difference_update({x})
            mine_s ^= {x}
        elif op == 6:
            S |= {x}
            mine_s.add(x)
        else:
            S.difference_update({x})
            mine_s.discard(x)
        S.intersection_update(FULL)
        S &= FULL
        if not S.issubset(FULL) or not (S & FULL) <= FULL or (S - FULL) or S == {-1}:
            errors.append(("S", x))
        # D: thread t owns the keys (t, k).
        k = (t, i % 13)
        op = i % 6
        if op == 0:
            D.update({k: v})
            mine_d[k] = v
        elif op == 1:
            D.pop(k, None)
            mine_d.pop(k, None)
        elif op == 2:
            D.setdefault(k, v)
            mine_d.setdefault(k, v)
        elif op == 3:
            D[k] = v
            mine_d[k] = v
        elif op == 4:
            D |= {k: -v}
            mine_d[k] = -v
        else:
            if k in D:
                del D[k]
            mine_d.pop(k, None)
        # B keeps 10 items at every step; A grows by 10 per extend.
        B.sort()
        B[i % 10] = v
        B.reverse()
        B[0:2] = [v, v]
        A.extend(B)
        extends += 1
    return mine_s, mine_d, extends

results = [None] * T
def run(t):
    try:
        results[t] = work(t)
    except Exception as e:
        errors.append((t, type(e).__name__, str(e)))
threads = [threading.Thread(target=run, args=(t,)) for t in range(T)]
for th in threads:
    th.start()
go.set()
for th in threads:
    th.join()
if None in results:
    print("a thread failed", errors[:3])
    raise SystemExit(1)
want_s = set()
want_d = {}
total_extends = 0
for s, d, e in results:
    want_s |= s
    want_d.update(d)
    total_extends += e
print(len(L), sorted(M) == list(range(1000)), errors[:3])
print(S == want_s, len(S), D == want_d, len(D))
print(len(B), len(A) == 10 * total_extends)
"#;

const ATOMIC_METHODS_EXPECTED: &str = "1000 True []\nTrue 39 True 32\n10 True\n";

#[test]
fn container_methods_are_atomic_under_threads_in_every_mode() {
    run_in_every_mode("atomic", ATOMIC_METHODS, ATOMIC_METHODS_EXPECTED, 6);
}

#[test]
fn threads_sharing_a_generator_get_each_value_once_or_already_executing() {
    run_in_every_mode("generator", GENERATOR, GENERATOR_EXPECTED, 1);
}

/// Objects with `__del__`, weak references with callbacks, weak
/// dictionaries and abandoned generators, made and dropped by 4 threads
/// while the others upgrade their weak references: every object is
/// finalized once, no upgrade sees a freed object, the weak dictionaries
/// empty out.
const MEMORY_PROGRAM: &str = r#"
import threading, weakref

class Node:
    dels = 0
    lock = threading.Lock()
    def __init__(self, n, child=None):
        self.n = n
        self.child = child
    def __del__(self):
        with Node.lock:
            Node.dels += 1

cache = weakref.WeakValueDictionary()
keyed = weakref.WeakKeyDictionary()
shared = []
shared_lock = threading.Lock()
bad = []

def gen():
    try:
        yield 1
        yield 2
    finally:
        pass

def work(t):
    for i in range(300):
        n = Node(i, Node(-i))
        cache[(t, i)] = n
        keyed[n] = i
        r = weakref.ref(n, lambda wr: None)
        with shared_lock:
            shared.append(r)
            if len(shared) > 40:
                shared.pop(0)
            snap = list(shared)
        for w in snap:
            o = w()
            if o is not None and o.child.n != -o.n:
                bad.append(o.n)
        o = None
        g = gen()
        next(g)
        del n, r, g

threads = [threading.Thread(target=work, args=(t,)) for t in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
shared.clear()
print(Node.dels, len(cache), len(keyed), bad)
"#;

const MEMORY_EXPECTED: &str = "2400 0 0 []\n";

#[test]
fn finalizers_and_weak_references_are_exact_under_threads_in_any_mode() {
    run_in_every_mode("memory", MEMORY_PROGRAM, MEMORY_EXPECTED, 16);
}

/// 100,000 weak reference operations on each of 4 threads: make a weak
/// reference with a callback to a fresh object and let the object die (the
/// callback must run, the reference must go dead), and make and upgrade
/// weak references to objects every thread shares.
const WEAKREF_PROGRAM: &str = r#"
import threading, weakref

class Obj:
    def __init__(self, n):
        self.n = n

pool = [Obj(i) for i in range(64)]
lock = threading.Lock()
bad = []
calls = [0]

def cb(wr):
    with lock:
        calls[0] += 1

def work(t):
    for i in range(25000):
        k = (i * 7 + t) % 64
        o = Obj(k)
        r = weakref.ref(o, cb)
        shared = weakref.ref(pool[k])
        if shared().n != k:
            bad.append(k)
        del o
        if r() is not None:
            bad.append(-k)

threads = [threading.Thread(target=work, args=(t,)) for t in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(calls[0], bad, [weakref.getweakrefcount(p) for p in pool[:3]])
"#;

const WEAKREF_EXPECTED: &str = "100000 [] [0, 0, 0]\n";

#[test]
fn weak_references_are_exact_after_100k_operations_per_thread_in_every_mode() {
    run_in_every_mode("weakref", WEAKREF_PROGRAM, WEAKREF_EXPECTED, 4);
}

/// Four threads allocate garbage cycles (with finalizers and weak
/// references to them) while the collector runs often (threshold 50) and
/// the threads also call `gc.collect()` themselves: under `finegrained`
/// every collection stops the world while the other threads allocate,
/// block on the lock and start and finish. Every finalizer must run
/// exactly once, every weak reference must die, nothing may be freed twice.
const GC_PROGRAM: &str = r#"
import gc, threading, weakref
gc.set_threshold(50, 5, 5)
lock = threading.Lock()
dels = 0
dead_refs = []
class Node:
    def __init__(self, n):
        self.n = n
        self.other = None
    def __del__(self):
        global dels
        with lock:
            dels += 1
def work(k):
    refs = []
    for i in range(1500):
        a = Node(i)
        b = Node(i)
        a.other = b
        b.other = a
        l = [a, {"b": b}]
        l.append(l)
        if i % 100 == 0:
            refs.append(weakref.ref(a))
        if i % 500 == k:
            gc.collect(i % 3)
    with lock:
        dead_refs.extend(refs)
threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
gc.collect()
print(dels, len(dead_refs), [r for r in dead_refs if r() is not None])
"#;

const GC_EXPECTED: &str = "12000 60 []\n";

#[test]
fn stop_the_world_collections_are_exact_under_four_allocating_threads() {
    run_in_modes(
        "gc",
        GC_PROGRAM,
        GC_EXPECTED,
        &[
            ("finegrained", 100),
            ("perobject", 40),
            ("gil", 8),
            ("gil-release", 8),
            ("gil-io", 8),
        ],
    );
}

/// Instances whose attributes 4 threads set, read, delete and move to a
/// dict at once, while their classes are swapped under them (`__class__`
/// assignment): the inline attribute layout (`runtime::instance_attrs`)
/// races on the class's shared names (every thread claims the next free
/// name of the same class) and on the switch to a dict. Every value read
/// back is the one written; a lock keeps a shared attribute counter exact.
const ATTRS_PROGRAM: &str = r#"
import threading
class A: pass
class B: pass
N = 40000
objs = [A() for _ in range(8)]
shared = A()
shared.n = 0
lock = threading.Lock()
errors = []
def work(t):
    name = "t%d" % t
    for i in range(N):
        o = objs[i % 8]
        setattr(o, name, i)
        if getattr(o, name) != i:
            errors.append(("own", t, i))
        with lock:
            shared.n += 1
        if i % 1000 == t:
            o.__dict__
        if i % 250 == t:
            o.__class__ = B if type(o) is A else A
        fresh = A()
        setattr(fresh, name, t)
        fresh.common = i
        if (getattr(fresh, name), fresh.common) != (t, i):
            errors.append(("fresh", t, i))
        if i % 3 == 0:
            del fresh.common
            if hasattr(fresh, "common"):
                errors.append(("deleted", t, i))
        if i % 7 == 0 and fresh.__dict__ != {name: t, "common": i} and i % 3:
            errors.append(("dict", t, i))
threads = [threading.Thread(target=work, args=(t,)) for t in range(4)]
for th in threads:
    th.start()
for th in threads:
    th.join()
last = all(getattr(o, "t%d" % t) == N - 8 + k for k, o in enumerate(objs) for t in range(4))
print(shared.n, last, errors[:5])
"#;

#[test]
fn instance_attributes_are_exact_under_four_threads_and_class_swaps_in_every_mode() {
    run_in_every_mode("attrs", ATTRS_PROGRAM, "160000 True []\n", 3);
}

/// Six modules that import one another, imported by 8 threads at once in
/// different orders: every module body runs once (`sys.loaded` counts the
/// runs) and no thread gets a module before its body finished (`done`).
const IMPORT_MODULES: [(&str, &str); 6] = [
    ("m0", "import sys, time\nsys.loaded.append(__name__)\ntime.sleep(0.002)\nimport m1, m2\ndone = m1.done and m2.done\n"),
    ("m1", "import sys\nsys.loaded.append(__name__)\nfrom m3 import done as d3\ndone = d3\n"),
    ("m2", "import sys, time\nsys.loaded.append(__name__)\ntime.sleep(0.001)\nimport m3, m4\ndone = m3.done and m4.done\n"),
    ("m3", "import sys\nsys.loaded.append(__name__)\nimport m5\ndone = m5.done\n"),
    ("m4", "import sys\nsys.loaded.append(__name__)\nfrom m5 import done\n"),
    ("m5", "import sys, time\nsys.loaded.append(__name__)\ntime.sleep(0.001)\ndone = True\n"),
];

const IMPORT_PROGRAM: &str = r#"
import sys
import threading
sys.loaded = []
go = threading.Event()
results = []
def work(t):
    go.wait()
    name = "m%d" % (5 - t % 6)
    m = __import__(name)
    results.append(m.done)
threads = [threading.Thread(target=work, args=(t,)) for t in range(8)]
for t in threads:
    t.start()
go.set()
for t in threads:
    t.join()
print(len(results), all(results), sorted(sys.loaded))
"#;

#[test]
fn threads_importing_the_same_modules_run_each_body_once() {
    let dir = std::env::temp_dir().join(format!("gilgamesh-stress-import-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("make the module folder");
    for (name, source) in IMPORT_MODULES {
        std::fs::write(dir.join(format!("{name}.py")), source).expect("write a module");
    }
    let main = dir.join("main.py");
    std::fs::write(&main, IMPORT_PROGRAM).expect("write the program");
    run_path_in_modes(
        "import",
        &main,
        "8 True ['m0', 'm1', 'm2', 'm3', 'm4', 'm5']\n",
        &[
            ("finegrained", 40),
            ("perobject", 20),
            ("gil", 8),
            ("gil-release", 8),
            ("gil-io", 8),
        ],
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Runs `program` `runs` times in every mode, `PARALLEL` at a time, and
/// checks that every run prints `expected` and exits with status 0.
fn run_in_every_mode(name: &str, program: &str, expected: &str, runs: usize) {
    let modes: Vec<(&str, usize)> = MODES.iter().map(|m| (*m, runs)).collect();
    run_in_modes(name, program, expected, &modes);
}

/// Runs `program` the given number of times in each mode, `PARALLEL` at a
/// time, and checks that every run prints `expected` and exits with status 0.
fn run_in_modes(name: &str, program: &str, expected: &str, modes: &[(&str, usize)]) {
    let path =
        std::env::temp_dir().join(format!("gilgamesh-stress-{name}-{}.py", std::process::id()));
    std::fs::write(&path, program).expect("write program");
    run_path_in_modes(name, &path, expected, modes);
    let _ = std::fs::remove_file(&path);
}

/// [`run_in_modes`] for a program already on disk (beside modules it imports).
fn run_path_in_modes(name: &str, path: &Path, expected: &str, modes: &[(&str, usize)]) {
    let jobs: Vec<(&str, usize)> = modes
        .iter()
        .flat_map(|&(m, runs)| (0..runs).map(move |i| (m, i)))
        .collect();
    let next = AtomicUsize::new(0);
    let failures = Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..PARALLEL.min(jobs.len()) {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some((mode, run)) = jobs.get(i) else {
                    break;
                };
                let out = run_once(path, mode);
                if out.as_deref() != Ok(expected) {
                    failures
                        .lock()
                        .unwrap()
                        .push(format!("{mode} run {run}: {out:?}"));
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap();
    assert!(
        failures.is_empty(),
        "{name}: {} failing runs (expected {expected:?}):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// A run that takes longer than this is a deadlock.
const RUN_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(120);

fn run_once(path: &Path, mode: &str) -> Result<String, String> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gilgamesh"))
        .arg("run")
        .arg(path)
        .args(["--mode", mode])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| e.to_string())?;
    let started = std::time::Instant::now();
    while child.try_wait().map_err(|e| e.to_string())?.is_none() {
        if started.elapsed() > RUN_TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("still running after {RUN_TIMEOUT:?}: deadlock"));
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(format!(
            "exit {:?}: {}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
                .lines()
                .last()
                .unwrap_or("")
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}
