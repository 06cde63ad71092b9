//! The Rust stack guard: deep recursion raises `RecursionError` instead of
//! overflowing the stack, whatever the thread's stack size or the recursion
//! limit, both for running code and for compiling deeply nested sources.
//! These run the runtime in this process, on threads with small stacks as
//! an embedder's may have.

use runtime::{RunError, Runtime};

/// Runs `f` on a thread with a `stack`-byte stack and returns its result.
fn on_thread<R: Send + 'static>(stack: usize, f: impl FnOnce() -> R + Send + 'static) -> R {
    std::thread::Builder::new()
        .stack_size(stack)
        .spawn(f)
        .expect("spawn")
        .join()
        .expect("the thread did not panic")
}

fn exception_type(r: Result<(), RunError>) -> String {
    match r {
        Err(RunError::Exception { type_name, .. }) => type_name,
        other => panic!("expected an exception, got {other:?}"),
    }
}

#[test]
fn a_high_recursion_limit_on_a_small_stack_raises_recursion_error() {
    for stack in [1 << 20, 2 << 20, 8 << 20] {
        let kind = on_thread(stack, || {
            let rt = Runtime::<gil::Gil>::builder().capture_output(true).build();
            exception_type(rt.run_source(
                "import sys\nsys.setrecursionlimit(1000000)\n\
                 def f(n):\n    return f(n + 1)\nf(0)\n",
                "deep.py",
            ))
        });
        assert_eq!(kind, "RecursionError", "stack of {stack} bytes");
    }
}

#[test]
fn a_call_slot_loop_on_a_small_stack_raises_recursion_error() {
    let kind = on_thread(1 << 20, || {
        let rt = Runtime::<gil::Gil>::builder().capture_output(true).build();
        exception_type(rt.run_source(
            "import sys\nsys.setrecursionlimit(1000000)\n\
             class A: pass\na = A()\nA.__call__ = a\na()\n",
            "call.py",
        ))
    });
    assert_eq!(kind, "RecursionError");
}

#[test]
fn deeply_nested_sources_compile_or_fail_cleanly_on_a_small_stack() {
    let cases = [
        ("-".repeat(100_000) + "1", "RecursionError"),
        ("a".to_string() + &".a".repeat(100_000), "RecursionError"),
        ("f".to_string() + &"()".repeat(100_000), "RecursionError"),
        (vec!["1"; 100_000].join("+"), "RecursionError"),
        ("[".repeat(10_000) + &"]".repeat(10_000), "SyntaxError"),
        (
            "1+(".repeat(100_000) + "1" + &")".repeat(100_000),
            "SyntaxError",
        ),
    ];
    for (source, expected) in cases {
        let head: String = source.chars().take(12).collect();
        let got = on_thread(1 << 20, move || {
            let rt = Runtime::<gil::Gil>::builder().capture_output(true).build();
            match rt.eval::<i64>(&source) {
                Err(RunError::Compile { error, .. }) => match error.kind {
                    runtime::CompileErrorKind::Syntax => {
                        format!("SyntaxError: {}", error.message)
                    }
                    runtime::CompileErrorKind::Recursion => {
                        format!("RecursionError: {}", error.message)
                    }
                    runtime::CompileErrorKind::Unsupported => error.message,
                },
                other => format!("{other:?}"),
            }
        });
        let want = match expected {
            "SyntaxError" => "SyntaxError: too many nested parentheses",
            _ => "RecursionError: maximum recursion depth exceeded during compilation",
        };
        assert_eq!(got, want, "source {head}...");
    }
}

#[test]
fn nesting_within_the_limits_compiles_on_a_small_stack() {
    let got = on_thread(1 << 20, || {
        let rt = Runtime::<gil::Gil>::builder().capture_output(true).build();
        let parens = "(".repeat(200) + "7" + &")".repeat(200);
        let minus = "-".repeat(2000) + "7";
        (rt.eval::<i64>(&parens).ok(), rt.eval::<i64>(&minus).ok())
    });
    assert_eq!(got, (Some(7), Some(7)));
}
