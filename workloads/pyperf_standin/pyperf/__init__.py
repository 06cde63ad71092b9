"""A stand-in for pyperf, for `gilgamesh pyperformance`.

pyperformance's benchmarks time themselves through `pyperf.Runner`. The real
pyperf spawns worker processes, calibrates loop counts and writes JSON; this
stand-in runs every benchmark in the calling process with the loop counts
given on the command line, so CPython and Gilgamesh run exactly the same
work. It is put first on the import path of both.

Command line (after the benchmark's own arguments, which its `argparser`
parses too):

    --loops N     outer loops per timed value (default 1)
    --values N    timed values per benchmark (default 3)
    --warmups N   untimed runs before them (default 0)
    --threads N   run N copies at once, one per thread, timing the whole

Each `bench_*` call prints one line on stdout for the driver:

    gilgamesh-pyperf<TAB>name<TAB>loops<TAB>inner_loops<TAB>threads<TAB>v1,v2,...

where each value is the wall time, in seconds, of all threads running
`loops` loops. It depends on `sys` and `time` only (plus `threading` with
--threads, `asyncio` for async benchmarks, `subprocess` for commands), so a
benchmark that fails does so on its own imports.
"""

import sys
import time

__all__ = ["Runner", "perf_counter", "python_implementation"]

perf_counter = time.perf_counter

RESULT_PREFIX = "gilgamesh-pyperf"


def python_implementation():
    return sys.implementation.name.lower()


class Namespace:
    """The parsed arguments: one attribute per destination."""

    def __init__(self, **values):
        for key, value in values.items():
            setattr(self, key, value)

    def __repr__(self):
        items = ", ".join("%s=%r" % kv for kv in sorted(vars(self).items()))
        return "Namespace(%s)" % items


class _Argument:
    def __init__(self, names, kwargs):
        self.names = names
        self.positional = not names[0].startswith("-")
        if self.positional:
            self.dest = kwargs.get("dest", names[0])
        else:
            longest = max(names, key=len)
            self.dest = kwargs.get("dest", longest.lstrip("-").replace("-", "_"))
        self.action = kwargs.get("action", "store")
        if self.action not in ("store", "store_true", "store_false", "append"):
            raise ValueError("unsupported argparse action %r" % (self.action,))
        self.nargs = kwargs.get("nargs")
        if self.nargs not in (None, "?", "*", "+"):
            raise ValueError("unsupported nargs %r" % (self.nargs,))
        self.type = kwargs.get("type")
        self.choices = kwargs.get("choices")
        self.required = kwargs.get("required", False)
        if "default" in kwargs:
            self.default = kwargs["default"]
        elif self.action == "store_true":
            self.default = False
        elif self.action == "store_false":
            self.default = True
        elif self.nargs == "*":
            self.default = []
        else:
            self.default = None

    def display(self):
        return self.names[0] if self.positional else "/".join(self.names)

    def convert(self, parser, text):
        value = text
        if self.type is not None:
            try:
                value = self.type(text)
            except (TypeError, ValueError):
                name = getattr(self.type, "__name__", repr(self.type))
                parser.error("argument %s: invalid %s value: %r" % (self.display(), name, text))
        if self.choices is not None and value not in self.choices:
            choices = ", ".join(repr(c) for c in self.choices)
            parser.error(
                "argument %s: invalid choice: %r (choose from %s)" % (self.display(), value, choices)
            )
        return value


class ArgumentParser:
    """The part of argparse.ArgumentParser that benchmarks use: options with
    type/default/choices/action, positionals with nargs None/?/*/+, and
    `--name=value`. Written here so that parsing never depends on the
    runtime's argparse (and re)."""

    def __init__(self, prog=None, description=None):
        self.prog = prog or "run_benchmark.py"
        self.description = description
        self._arguments = []

    def add_argument(self, *names, **kwargs):
        if not names:
            raise TypeError("add_argument() needs a name")
        argument = _Argument(names, kwargs)
        self._arguments.append(argument)
        return argument

    def error(self, message):
        sys.stderr.write("usage: %s [options]\n%s: error: %s\n" % (self.prog, self.prog, message))
        raise SystemExit(2)

    def _option(self, word):
        for argument in self._arguments:
            if not argument.positional and word in argument.names:
                return argument
        return None

    def parse_args(self, args=None):
        if args is None:
            args = sys.argv[1:]
        values = {}
        for argument in self._arguments:
            default = argument.default
            if isinstance(default, str) and argument.type is not None:
                default = argument.type(default)
            values[argument.dest] = default
        words = []
        index = 0
        args = list(args)
        while index < len(args):
            word = args[index]
            index += 1
            if word == "--":
                words.extend(args[index:])
                break
            if not word.startswith("-") or word == "-":
                words.append(word)
                continue
            inline = None
            if word.startswith("--") and "=" in word:
                word, inline = word.split("=", 1)
            argument = self._option(word)
            if argument is None:
                self.error("unrecognized arguments: %s" % args[index - 1])
            if argument.action == "store_true":
                values[argument.dest] = True
                continue
            if argument.action == "store_false":
                values[argument.dest] = False
                continue
            if inline is None:
                if index >= len(args):
                    self.error("argument %s: expected one argument" % argument.display())
                inline = args[index]
                index += 1
            value = argument.convert(self, inline)
            if argument.action == "append":
                values[argument.dest] = list(values[argument.dest] or []) + [value]
            else:
                values[argument.dest] = value
        for argument in self._arguments:
            if not argument.positional:
                continue
            if argument.nargs in ("*", "+"):
                taken, words = words, []
                if argument.nargs == "+" and not taken:
                    self.error("the following arguments are required: %s" % argument.dest)
                values[argument.dest] = [argument.convert(self, w) for w in taken]
            elif words:
                values[argument.dest] = argument.convert(self, words.pop(0))
            elif argument.nargs != "?":
                self.error("the following arguments are required: %s" % argument.dest)
        if words:
            self.error("unrecognized arguments: %s" % " ".join(words))
        for argument in self._arguments:
            if argument.required and values[argument.dest] is None:
                self.error("the following arguments are required: %s" % argument.display())
        return Namespace(**values)


def _positive(text):
    value = int(text)
    if value < 1:
        raise ValueError(text)
    return value


def _non_negative(text):
    value = int(text)
    if value < 0:
        raise ValueError(text)
    return value


class Runner:
    """pyperf.Runner's interface, run in-process with fixed loop counts."""

    def __init__(self, values=None, processes=None, loops=0, min_time=0.1,
                 metadata=None, show_name=True, program_args=None,
                 add_cmdline_args=None, _argparser=None, warmups=None, **kwargs):
        # The loop counts come from the command line only, so every
        # implementation runs the same work whatever a benchmark asks for.
        self.metadata = dict(metadata or {})
        self.args = None
        self.argparser = _argparser or ArgumentParser()
        self.argparser.add_argument("--loops", type=_positive, default=1)
        self.argparser.add_argument("--values", type=_positive, default=3)
        self.argparser.add_argument("--warmups", type=_non_negative, default=0)
        self.argparser.add_argument("--threads", type=_positive, default=1)

    def parse_args(self, args=None):
        if self.args is None:
            self.args = self.argparser.parse_args(args)
        return self.args

    def _settings(self):
        args = self.parse_args()
        return args.loops, args.values, args.warmups, args.threads

    def _measure(self, name, loops_of, inner_loops):
        """Times `loops_of(loops)` (which runs `loops` loops) `values`
        times, after the warm-ups, on `threads` threads at once."""
        loops, values, warmups, threads = self._settings()
        for _ in range(warmups):
            _on_threads(loops_of, loops, threads)
        timings = [_on_threads(loops_of, loops, threads) for _ in range(values)]
        line = "\t".join([
            RESULT_PREFIX,
            name,
            str(loops),
            str(inner_loops or 1),
            str(threads),
            ",".join(repr(t) for t in timings),
        ])
        sys.stdout.write(line + "\n")
        sys.stdout.flush()

    def bench_func(self, name, func, *args, inner_loops=None, metadata=None):
        def loops_of(loops):
            for _ in range(loops):
                func(*args)
        self._measure(name, loops_of, inner_loops)

    def bench_time_func(self, name, time_func, *args, inner_loops=None, metadata=None):
        # The function's own timing is ignored: with several threads only the
        # wall time of all of them is meaningful, and one rule for both keeps
        # the columns comparable.
        def loops_of(loops):
            time_func(loops, *args)
        self._measure(name, loops_of, inner_loops)

    def bench_async_func(self, name, func, *args, inner_loops=None, metadata=None,
                         loop_factory=None):
        import asyncio

        async def main(loops):
            for _ in range(loops):
                await func(*args)

        def loops_of(loops):
            if loop_factory is None:
                asyncio.run(main(loops))
            else:
                loop = loop_factory()
                try:
                    loop.run_until_complete(main(loops))
                finally:
                    loop.close()
        self._measure(name, loops_of, inner_loops)

    def timeit(self, name, stmt=None, setup="pass", teardown="pass", inner_loops=None,
               duplicate=None, metadata=None, globals=None):
        namespace = dict(globals or {})
        source = "def _timeit_loops(_loops):\n%s\n    for _ in range(_loops):\n%s\n%s\n" % (
            _indent(setup, 4), _indent(stmt or "pass", 8), _indent(teardown, 4))
        exec(source, namespace)
        self._measure(name, namespace["_timeit_loops"], inner_loops)

    def bench_command(self, name, command):
        import subprocess

        def loops_of(loops):
            for _ in range(loops):
                subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        self._measure(name, loops_of, None)


def _indent(code, spaces):
    if not isinstance(code, str):
        raise TypeError("timeit statements must be strings")
    pad = " " * spaces
    return "\n".join(pad + line for line in code.splitlines() or ["pass"])


def _on_threads(loops_of, loops, threads):
    """The wall time of `threads` threads each running `loops_of(loops)`;
    an exception in any of them is raised here, after all have finished."""
    if threads == 1:
        start = perf_counter()
        loops_of(loops)
        return perf_counter() - start
    import threading

    errors = []

    def work():
        try:
            loops_of(loops)
        except BaseException as e:
            errors.append(e)

    workers = [threading.Thread(target=work) for _ in range(threads)]
    start = perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    elapsed = perf_counter() - start
    if errors:
        raise errors[0]
    return elapsed
