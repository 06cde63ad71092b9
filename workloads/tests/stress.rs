//! Threaded programs run many times, concurrently, in every mode: exact
//! results, no crash. Repeats catch races that a single run rarely shows
//! (such as objects outliving the runtime at thread exit).

use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

const RUNS_PER_MODE: usize = 16;
const PARALLEL: usize = 4;

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
fn threaded_program_is_exact_and_never_crashes_in_any_mode() {
    stress("counters", PROGRAM, EXPECTED);
}

#[test]
fn finalizers_and_weak_references_are_exact_under_threads_in_any_mode() {
    stress("memory", MEMORY_PROGRAM, MEMORY_EXPECTED);
}

/// Runs `program` `RUNS_PER_MODE` times per mode, `PARALLEL` at once; every
/// run must print `expected` and exit 0.
fn stress(name: &str, program: &str, expected: &str) {
    let path =
        std::env::temp_dir().join(format!("gilgamesh-stress-{name}-{}.py", std::process::id()));
    std::fs::write(&path, program).expect("write program");
    let jobs: Vec<(&str, usize)> = ["gil", "gil-release", "finegrained"]
        .iter()
        .flat_map(|m| (0..RUNS_PER_MODE).map(move |i| (*m, i)))
        .collect();
    let next = AtomicUsize::new(0);
    let failures = Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..PARALLEL {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some((mode, run)) = jobs.get(i) else {
                    break;
                };
                let out = run_once(&path, mode);
                if out.as_deref() != Ok(expected) {
                    failures
                        .lock()
                        .unwrap()
                        .push(format!("{mode} run {run}: {out:?}"));
                }
            });
        }
    });
    let _ = std::fs::remove_file(&path);
    let failures = failures.into_inner().unwrap();
    assert!(
        failures.is_empty(),
        "{} failing runs:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn run_once(path: &Path, mode: &str) -> Result<String, String> {
    let out = Command::new(env!("CARGO_BIN_EXE_gilgamesh"))
        .arg("run")
        .arg(path)
        .args(["--mode", mode])
        .output()
        .map_err(|e| e.to_string())?;
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
