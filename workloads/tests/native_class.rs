//! Classes defined from Rust with `runtime::embed::NativeClass`: their
//! objects' state behind a per-object mutex loses no update when Python
//! threads call methods at once (one method releasing the GIL), in every
//! lock mode; bad arguments and receivers are Python exceptions.

use runtime::embed::{Gil, NativeClass, NativeModule};
use runtime::LockStrategy;

struct Tally {
    n: u64,
}

const THREADS: &str = "\
import tally, threading
t = tally.Tally()
def work():
    for _ in range(2000):
        t.bump()
        t.add(1)
ts = [threading.Thread(target=work) for _ in range(4)]
for th in ts:
    th.start()
for th in ts:
    th.join()
total = t.get()
";

/// Four Python threads calling a releasing and a holding method on one
/// object: the object's mutex serialises them, in every mode, so no
/// update is lost.
fn no_lost_updates<S: LockStrategy>() {
    let class = NativeClass::<S, Tally>::new("Tally", || Tally { n: 0 })
        .method("bump", Gil::Release, |t: &mut Tally| {
            // A read and a write apart, so that a missing lock shows.
            let n = t.n;
            (0..200).for_each(|_| std::hint::spin_loop());
            t.n = n + 1;
        })
        .method("add", Gil::Hold, |t: &mut Tally, k: u64| t.n += k)
        .method("get", Gil::Hold, |t: &mut Tally| t.n);
    let rt = runtime::Runtime::<S>::builder()
        .native_module(NativeModule::new("tally").class(class))
        .build();
    let total = rt
        .attach(|py| {
            py.run(THREADS)?;
            py.eval("total")?.extract::<u64>()
        })
        .unwrap();
    assert_eq!(total, 16_000);
}

#[test]
fn no_lost_updates_gil() {
    no_lost_updates::<gil::Gil>();
}

#[test]
fn no_lost_updates_gil_release() {
    no_lost_updates::<gil::GilRelease>();
}

#[test]
fn no_lost_updates_finegrained() {
    no_lost_updates::<finegrained::FineGrained>();
}

#[test]
fn errors_are_python_exceptions() {
    type S = gil::Gil;
    let class = NativeClass::<S, Tally>::new("Tally", |n: u64| Tally { n }).method(
        "get",
        Gil::Hold,
        |t: &mut Tally| t.n,
    );
    let rt = runtime::Runtime::<S>::builder()
        .native_module(NativeModule::new("tally").class(class))
        .build();
    let message = |src: &str| match rt.eval::<u64>(src) {
        Err(runtime::RunError::Exception { message, .. }) => message,
        other => panic!("expected an exception, got {other:?}"),
    };
    assert_eq!(
        message("__import__('tally').Tally('x')"),
        "'str' object cannot be interpreted as an integer"
    );
    assert_eq!(
        message("__import__('tally').Tally.get(1)"),
        "descriptor 'get' for 'Tally' objects doesn't apply to a 'int' object"
    );
    assert_eq!(
        message("__import__('tally').Tally(1).get(2)"),
        "get() takes no arguments (1 given)"
    );
    let r: String = rt.eval("repr(__import__('tally').Tally(1))").unwrap();
    assert!(r.starts_with("<tally.Tally object at 0x"), "{r}");
}
