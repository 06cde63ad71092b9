//! A pool of Rust threads feeding work to Python: each worker attaches to
//! the runtime and calls a Python function on the items it takes from a
//! crossbeam channel. Under `finegrained` the workers run Python in
//! parallel; under `gil` they take turns.
//!
//! ```sh
//! cargo run --release -p workloads --example thread_pool
//! ```

use crossbeam::channel;
use finegrained::FineGrained;
use gil::Gil;
use runtime::{LockStrategy, RunError, Runtime};
use std::time::Instant;

const WORKERS: usize = 4;
const ITEMS: i64 = 64;

fn pool<S: LockStrategy>() -> Result<i64, RunError> {
    let rt = Runtime::<S>::builder().build();
    rt.attach(|py| {
        py.run(
            "def collatz_steps(n):\n\
             \x20   steps = 0\n\
             \x20   while n != 1:\n\
             \x20       n = n // 2 if n % 2 == 0 else 3 * n + 1\n\
             \x20       steps += 1\n\
             \x20   return steps\n",
        )
    })?;
    let (tx, rx) = channel::unbounded::<i64>();
    for item in 1..=ITEMS {
        tx.send(item * 1_000).expect("the channel is open");
    }
    drop(tx);
    let start = Instant::now();
    let workers: Vec<_> = (0..WORKERS)
        .map(|_| {
            let rx = rx.clone();
            rt.spawn(move |py| -> Result<i64, RunError> {
                let f = py.get("collatz_steps").expect("defined above");
                let mut sum = 0;
                for item in rx.iter() {
                    for n in item..item + 200 {
                        sum += f.call((n,))?.extract::<i64>()?;
                    }
                }
                Ok(sum)
            })
        })
        .collect();
    let mut total = 0;
    for w in workers {
        total += w.join().expect("worker thread")?;
    }
    println!(
        "{:<12} {WORKERS} Rust workers, {ITEMS} items: total steps {total} in {:.1} ms",
        S::NAME,
        start.elapsed().as_secs_f64() * 1e3
    );
    Ok(total)
}

fn main() -> Result<(), RunError> {
    let a = pool::<Gil>()?;
    let b = pool::<FineGrained>()?;
    assert_eq!(a, b, "both modes compute the same result");
    Ok(())
}
