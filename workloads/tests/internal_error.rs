//! A panic in any thread that runs Python code is an internal error: it is
//! reported on stderr as `gilgamesh: internal error: MESSAGE` and ends the
//! process with exit status 70, in every mode, never a hang. The panics are
//! triggered by `native._panic(message)`, a function that exists only for
//! these tests.

use std::io::Read;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const MODES: [&str; 5] = ["gil", "gil-release", "gil-io", "finegrained", "perobject"];

/// How long a run may take before it counts as a hang.
const HANG_LIMIT: Duration = Duration::from_secs(30);

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// Runs `source` as a script in `mode`; kills it (and fails) if it hangs.
fn run_script(tag: &str, source: &str, mode: &str) -> Run {
    let path: PathBuf = std::env::temp_dir().join(format!(
        "gilgamesh_internal_error_{tag}_{mode}_{}.py",
        std::process::id()
    ));
    std::fs::write(&path, source).expect("write the script");
    let mut child = Command::new(env!("CARGO_BIN_EXE_gilgamesh"))
        .arg("run")
        .arg(&path)
        .args(["--mode", mode])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("gilgamesh starts");
    let mut out_pipe = child.stdout.take().expect("stdout is piped");
    let mut err_pipe = child.stderr.take().expect("stderr is piped");
    let out_reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = out_pipe.read_to_string(&mut s);
        s
    });
    let err_reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = err_pipe.read_to_string(&mut s);
        s
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for gilgamesh") {
            break status;
        }
        if start.elapsed() > HANG_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            let _ = std::fs::remove_file(&path);
            panic!("{tag} in mode {mode}: still running after {HANG_LIMIT:?} (hung)");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let _ = std::fs::remove_file(&path);
    Run {
        code: status.code(),
        stdout: out_reader.join().unwrap_or_default(),
        stderr: err_reader.join().unwrap_or_default(),
    }
}

/// Runs `source` in every mode and checks the internal-error contract: exit
/// status 70, the panic's message on stderr, what was printed before the
/// panic on stdout (`source` prints `before` first) and nothing after it.
fn assert_internal_error(tag: &str, source: &str, message: &str) {
    for mode in MODES {
        let run = run_script(tag, source, mode);
        let report = format!(
            "{tag} in mode {mode}: exit {:?}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            run.code, run.stdout, run.stderr
        );
        assert_eq!(run.code, Some(70), "{report}");
        assert!(
            run.stderr
                .contains(&format!("gilgamesh: internal error: {message}")),
            "{report}"
        );
        assert_eq!(run.stdout, "before\n", "{report}");
    }
}

#[test]
fn panic_on_the_main_thread() {
    assert_internal_error(
        "main",
        "import native\nprint('before')\nnative._panic('boom on main')\nprint('not reached')\n",
        "boom on main",
    );
}

#[test]
fn panic_in_a_thread_that_the_main_thread_joins() {
    assert_internal_error(
        "joined",
        "import native, threading\n\
         print('before')\n\
         t = threading.Thread(target=native._panic, args=('boom in thread',))\n\
         t.start()\n\
         t.join()\n\
         print('not reached')\n",
        "boom in thread",
    );
}

#[test]
fn panic_while_other_threads_wait_for_the_gil() {
    // Three threads run Python code (and so want the GIL, or object locks
    // under finegrained) while a fourth panics holding it; the main thread
    // waits in join.
    assert_internal_error(
        "contended",
        "import native, threading, time\n\
         print('before')\n\
         def spin():\n\
         \x20   n = 0\n\
         \x20   while True:\n\
         \x20       n += 1\n\
         workers = [threading.Thread(target=spin, daemon=True) for _ in range(3)]\n\
         for w in workers:\n\
         \x20   w.start()\n\
         time.sleep(0.05)\n\
         def crash():\n\
         \x20   time.sleep(0.05)\n\
         \x20   native._panic('boom under contention')\n\
         t = threading.Thread(target=crash)\n\
         t.start()\n\
         t.join()\n\
         print('not reached')\n",
        "boom under contention",
    );
}

#[test]
fn panic_on_the_main_thread_while_threads_run() {
    assert_internal_error(
        "main_contended",
        "import native, threading, time\n\
         print('before')\n\
         def spin():\n\
         \x20   while True:\n\
         \x20       pass\n\
         workers = [threading.Thread(target=spin) for _ in range(3)]\n\
         for w in workers:\n\
         \x20   w.start()\n\
         time.sleep(0.05)\n\
         native._panic('boom while threads run')\n\
         print('not reached')\n",
        "boom while threads run",
    );
}

#[test]
fn native_panic_checks_its_argument() {
    // The test hook itself behaves as a builtin: a wrong argument is a
    // TypeError, not a panic.
    for mode in MODES {
        let run = run_script(
            "argument",
            "import native\ntry:\n    native._panic(1)\nexcept TypeError as e:\n    print(e)\n",
            mode,
        );
        assert_eq!(run.code, Some(0), "mode {mode}: {}", run.stderr);
        assert_eq!(run.stdout, "_panic() argument must be str\n");
    }
}
