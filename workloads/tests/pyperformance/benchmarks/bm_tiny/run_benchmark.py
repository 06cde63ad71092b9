"""A fake pyperformance benchmark: sums squares, with bench_func,
bench_time_func or timeit, and options of its own on the runner's
argparser."""

import pyperf


def squares(n):
    total = 0
    for i in range(n):
        total += i * i
    return total


def time_squares(loops, n):
    t0 = pyperf.perf_counter()
    for _ in range(loops):
        squares(n)
    return pyperf.perf_counter() - t0


if __name__ == "__main__":
    runner = pyperf.Runner()
    runner.metadata["description"] = "Sum of squares"
    runner.argparser.add_argument("kind", choices=["func", "time", "timeit"])
    runner.argparser.add_argument("--size", type=int, default=200)
    args = runner.parse_args()
    print("squares", squares(args.size))
    if args.kind == "func":
        runner.bench_func("tiny", squares, args.size, inner_loops=2)
    elif args.kind == "time":
        runner.bench_time_func("tiny_time", time_squares, args.size)
    else:
        runner.timeit(
            "tiny_timeit",
            "squares(n)",
            setup="n = %d" % args.size,
            globals={"squares": squares},
        )
