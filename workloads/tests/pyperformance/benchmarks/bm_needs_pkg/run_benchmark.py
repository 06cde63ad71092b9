import pyperf


def fail():
    raise ValueError("broken on purpose")


if __name__ == "__main__":
    runner = pyperf.Runner()
    runner.bench_func("broken", fail)
