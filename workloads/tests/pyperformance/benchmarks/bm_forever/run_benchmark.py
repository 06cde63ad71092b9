import time

import pyperf


def forever():
    while True:
        time.sleep(0.01)


if __name__ == "__main__":
    runner = pyperf.Runner()
    runner.bench_func("forever", forever)
