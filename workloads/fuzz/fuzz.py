#!/usr/bin/env python3
"""Fuzz `gilgamesh run`: no Python program may crash or hang the interpreter.

Programs come from two sources, both reproducible from --seed:

* generated: hypothesmith (Hypothesis strategies over the Python grammar and
  libcst's node types) draws a program; it runs as drawn (the compiler sees
  odd syntax) and again with its identifiers bound to a prelude of live
  values (so that the runtime executes something rather than stopping at the
  first NameError). hypothesmith lives in a virtual environment that this
  script creates and fills with pinned versions (see VENV_PACKAGES).
* mutated: a program of the conformance corpus with a few AST or line
  mutations (boundary integers, swapped names and operators, deleted,
  duplicated, swapped or spliced statements, deep nesting, ...).

Each program is written once and run under every --modes mode. A failure is
a panic, a signal, an internal error (exit 70) or a hang; a hang counts only
when CPython (`python3`) finishes the same program well within the limit.
Python exceptions, SyntaxError and `unsupported:` exits are fine. Failures
are saved under --findings, one folder per distinct crash, and make the run
exit 1. See README.md beside this file.
"""

from __future__ import annotations

import argparse
import ast
import collections
import concurrent.futures
import hashlib
import json
import os
import queue
import random
import re
import resource
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MODES = ("gil", "gil-release", "gil-io", "finegrained", "perobject")
# The modes without a global lock, where free threading runs interleavings
# that a GIL makes rare (see schedule_dependent).
FREE_THREADED = ("finegrained", "perobject")
# Pinned so that a seed draws the same programs on every machine.
VENV_PACKAGES = (
    "hypothesmith==0.3.3",
    "hypothesis==6.170.27",
    "lark==1.3.1",
    "libcst==1.9.0",
    "PyYAML==6.0.4",
    "sortedcontainers==2.4.0",
)

# Crash classes that are already known and being fixed elsewhere (issue 21):
# a finding whose stderr matches one is labelled with it, still reported.
KNOWN = (
    ("sort-total-order", r"does not correctly implement a total order"),
    ("huge-allocation", r"memory allocation of \d+ bytes failed|capacity overflow"
     r"|TryReserveError|alloc::raw_vec"),
    ("format-width", r"runtime/src/fmt\.rs"),
    ("duration", r"Duration|duration"),
    ("stack-overflow", r"overflowed its stack"),
    ("int-overflow", r"with overflow|attempt to (add|subtract|multiply|negate|shift)"),
    # range(-10**20) is an empty range in CPython; a thread that dies of
    # this OverflowError leaves its partner waiting forever.
    ("big-int-range", r"int too large to convert"),
)

# ---------------------------------------------------------------------------
# Generated programs (hypothesmith)


def ensure_venv(venv: Path) -> Path | None:
    """The venv's python with hypothesmith installed, or None if pip failed."""
    python = venv / "bin" / "python"
    stamp = venv / "fuzz-packages.txt"
    wanted = "\n".join(VENV_PACKAGES)
    if python.exists() and stamp.exists() and stamp.read_text() == wanted:
        return python
    try:
        if not python.exists():
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check",
             *VENV_PACKAGES],
            check=True,
        )
    except (subprocess.CalledProcessError, OSError) as e:
        print(f"fuzz: could not install hypothesmith ({e}); "
              "running mutated programs only", file=sys.stderr)
        return None
    stamp.write_text(wanted)
    return python


def generator_worker(seed: int, worker: int) -> None:
    """Runs inside the venv: prints one JSON line per drawn program, until
    killed. Worker w draws from the grammar (even w) or from libcst's nodes
    (odd w) under Hypothesis's own engine, seeded by (seed, w), so the
    sequence is the same on every run. Draws that are only comments and
    blank lines (most of them) are dropped."""
    import warnings

    warnings.simplefilter("ignore")
    import hypothesmith
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as hypothesis_seed

    name, strategy = (("grammar", hypothesmith.from_grammar()) if worker % 2 == 0
                      else ("node", hypothesmith.from_node()))
    counter = [0]

    @hypothesis_seed(seed * 1000 + worker)
    @settings(max_examples=10**9, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck), deadline=None)
    @given(strategy)
    def draw(src):
        if meaningful(src):
            k = f"{worker}.{counter[0]}"
            counter[0] += 1
            sys.stdout.write(json.dumps({"k": k, "strategy": name, "src": src}) + "\n")
            sys.stdout.flush()

    draw()


def meaningful(src: str) -> bool:
    """Whether a drawn program has a statement other than `pass` (most
    draws are comments and blank lines, which test nothing but the lexer)."""
    try:
        tree = ast.parse(src)
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return True
    return any(not isinstance(s, ast.Pass) for s in tree.body)


# Values a generated program's identifiers are bound to: one of each kind of
# object the runtime implements, so that operators and calls reach it.
PRELUDE = '''\
import sys
class _K:
    def __init__(self, *a, **k): self.a = a
    def __call__(self, *a, **k): return a
    def __getitem__(self, i): return i
    def __len__(self): return 3
    def __iter__(self): return iter((1, 2, 3))
    def __eq__(self, o): return True
    def __hash__(self): return 7
    def __lt__(self, o): return False
def _f(*a, **k): return a
def _g():
    yield 1
    yield 2
v0 = 0
v1 = -1
v2 = 2**63
v3 = 10**20
v4 = 1.5
v5 = 'ab\\u00e9'
v6 = b'xy'
v7 = [1, 'a', None]
v8 = {'a': 1, 2: [3]}
v9 = {1, 2, 3}
v10 = (1, (2, 3))
v11 = None
v12 = True
v13 = _f
v14 = _K
v15 = _K()
v16 = _g()
v17 = range(10)
v18 = bytearray(b'ab')
v19 = float('nan')
v20 = 3 + 4j if hasattr(__builtins__, 'complex') else 7
'''
PRELUDE_NAMES = [f"v{i}" for i in range(21)] + [
    "len", "print", "int", "str", "list", "dict", "set", "tuple", "range",
    "sorted", "min", "max", "sum", "iter", "next", "isinstance", "type",
    "getattr", "repr", "hash", "abs", "divmod", "pow", "zip", "map", "filter",
    "enumerate", "reversed", "bytes", "float", "bool", "object", "super",
    "Exception", "ValueError", "sys",
]
ATTR_NAMES = [
    "append", "pop", "keys", "values", "items", "get", "add", "update",
    "join", "split", "format", "sort", "copy", "extend", "insert", "remove",
    "index", "count", "a", "real", "imag", "__class__", "__dict__", "send",
    "throw", "close", "encode", "decode", "upper", "startswith", "setdefault",
]


class _Bind(ast.NodeTransformer):
    """Renames every identifier to a prelude name, the same way throughout."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.names: dict[str, str] = {}
        self.attrs: dict[str, str] = {}

    def name(self, n: str) -> str:
        if n not in self.names:
            self.names[n] = self.rng.choice(PRELUDE_NAMES)
        return self.names[n]

    def attr(self, n: str) -> str:
        if n not in self.attrs:
            self.attrs[n] = self.rng.choice(ATTR_NAMES)
        return self.attrs[n]

    def generic_visit(self, node):
        super().generic_visit(node)
        if isinstance(node, ast.Name):
            node.id = self.name(node.id)
        elif isinstance(node, ast.Attribute):
            node.attr = self.attr(node.attr)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            node.name = self.name(node.name)
        elif isinstance(node, ast.arg):
            node.arg = self.name(node.arg)
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            node.names = [self.name(n) for n in node.names]
        elif isinstance(node, ast.ExceptHandler) and node.name:
            node.name = self.name(node.name)
        elif isinstance(node, ast.keyword) and node.arg:
            node.arg = self.rng.choice(["key", "default", "reverse", "sep", "end", "x"])
        return node


def bind_names(src: str, rng: random.Random) -> str | None:
    """The program with identifiers bound to live values and each top-level
    statement in its own try, or None when it does not parse or unparse."""
    try:
        tree = _Bind(rng).visit(ast.parse(src))
        body = []
        for stmt in tree.body:
            guard = ast.parse("try:\n    pass\nexcept Exception:\n    pass").body[0]
            guard.body = [stmt]
            body.append(guard)
        tree.body = body
        return PRELUDE + ast.unparse(ast.fix_missing_locations(tree)) + "\n"
    except (SyntaxError, ValueError, RecursionError, MemoryError, AttributeError, TypeError):
        return None


# ---------------------------------------------------------------------------
# Mutated programs (the conformance corpus)

BOUNDARY_INTS = (
    "0", "-1", "1", "2", "255", "256", "2**31 - 1", "2**31", "2**32", "2**63 - 1",
    "2**63", "-2**63", "-2**63 - 1", "2**64", "10**20", "-10**20", "10**100",
)
ODD_CONSTANTS = (
    "None", "True", "0.0", "-0.0", "1e308", "float('inf')", "float('nan')", "''",
    "b''", "()", "[]", "{}", "'\\x00'", "'\\udcff'", "'{}'", "'%d'", "'é' * 3",
    "object()",
)
BINOPS = (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.FloorDiv, ast.Mod, ast.Pow,
          ast.LShift, ast.RShift, ast.BitOr, ast.BitXor, ast.BitAnd, ast.MatMult)
CMPOPS = (ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE, ast.Is, ast.IsNot,
          ast.In, ast.NotIn)
UNARYOPS = (ast.UAdd, ast.USub, ast.Not, ast.Invert)
PROBE_METHODS = [
    "__getitem__", "__setitem__", "__delitem__", "__len__", "__iter__",
    "__next__", "__contains__", "__eq__", "__lt__", "__hash__", "__repr__",
    "__format__", "__reduce__", "__init__", "__new__", "__call__", "__add__",
    "__mul__", "__index__", "__bool__", "clear", "reverse", "find", "replace",
    "ljust", "center", "zfill", "expandtabs", "to_bytes", "from_bytes",
    "bit_length", "is_integer", "as_integer_ratio", "hex", "fromkeys",
    "translate", "maketrans", "partition", "rsplit", "splitlines", "strip",
    "popitem", "discard", "union", "intersection", "difference",
    "symmetric_difference", "issubset", "isdisjoint", "rotate", "appendleft",
    "put", "get_nowait", "acquire", "release", "wait", "join", "start",
]
PROBE_BUILTINS = [
    "len", "repr", "str", "int", "float", "bytes", "bytearray", "list", "tuple",
    "dict", "set", "frozenset", "sorted", "reversed", "min", "max", "sum",
    "abs", "divmod", "pow", "round", "hash", "format", "chr", "ord", "hex",
    "oct", "bin", "range", "slice", "enumerate", "zip", "map", "filter",
    "iter", "next", "isinstance", "issubclass", "getattr", "setattr",
    "hasattr", "delattr", "vars", "dir", "id", "type", "callable", "all",
    "any", "print", "ascii", "complex", "memoryview", "super", "object",
    "property", "staticmethod", "classmethod",
]
NESTINGS = (
    "if True:", "for _i in range(1):", "while True:", "with _Ctx():",
    "try:", "def _n():",
)


def expr(src: str) -> ast.expr:
    return ast.parse(src, mode="eval").body


def stmt_lists(tree: ast.AST) -> list[list[ast.stmt]]:
    """Every statement list in the tree (module, function and block bodies)."""
    lists = []
    for node in ast.walk(tree):
        for field in ("body", "orelse", "finalbody"):
            value = getattr(node, field, None)
            if isinstance(value, list) and value and isinstance(value[0], ast.stmt):
                lists.append(value)
    return lists


def nodes_of(tree: ast.AST, kinds) -> list[ast.AST]:
    return [n for n in ast.walk(tree) if isinstance(n, kinds)]


class Mutator:
    def __init__(self, corpus: list[tuple[str, str, ast.Module]]):
        self.corpus = corpus

    def mutate(self, rng: random.Random) -> tuple[str, str, list[str]]:
        """(origin, source, mutations applied) for one mutated program."""
        origin, src, _ = rng.choice(self.corpus)
        applied = []
        if rng.random() < 0.15:
            lines = src.splitlines()
            for _ in range(rng.randint(1, 3)):
                op = rng.choice(("delete", "duplicate", "swap"))
                i = rng.randrange(len(lines))
                if op == "delete" and len(lines) > 1:
                    del lines[i]
                elif op == "duplicate":
                    lines.insert(i, lines[i])
                else:
                    j = rng.randrange(len(lines))
                    lines[i], lines[j] = lines[j], lines[i]
                applied.append(f"line-{op}")
            return origin, "\n".join(lines) + "\n", applied
        tree = ast.parse(src)
        ops = [
            self.boundary_int, self.boundary_int, self.odd_constant, self.swap_name,
            self.swap_name, self.operator, self.operator, self.delete_stmt,
            self.duplicate_stmt, self.swap_stmts, self.splice, self.splice,
            self.nest, self.deep_expr, self.call_args, self.probe, self.probe,
        ]
        for _ in range(rng.randint(1, 4)):
            op = rng.choice(ops)
            if op(tree, rng):
                applied.append(op.__name__)
        try:
            out = ast.unparse(ast.fix_missing_locations(tree))
        except (ValueError, RecursionError, AttributeError, TypeError):
            return origin, src, applied + ["unparse-failed"]
        if "nest" in applied:
            out = "class _Ctx:\n    def __enter__(self): return self\n" \
                  "    def __exit__(self, *a): return False\n" + out
        return origin, out + "\n", applied

    def boundary_int(self, tree, rng):
        consts = [n for n in nodes_of(tree, ast.Constant)
                  if type(n.value) is int]
        if not consts:
            return False
        node = rng.choice(consts)
        new = expr(rng.choice(BOUNDARY_INTS))
        self.replace(tree, node, new)
        return True

    def odd_constant(self, tree, rng):
        consts = nodes_of(tree, ast.Constant)
        if not consts:
            return False
        self.replace(tree, rng.choice(consts), expr(rng.choice(ODD_CONSTANTS)))
        return True

    def swap_name(self, tree, rng):
        names = nodes_of(tree, ast.Name)
        loads = [n for n in names if isinstance(n.ctx, ast.Load)]
        if not loads:
            return False
        rng.choice(loads).id = rng.choice(names).id
        return True

    def operator(self, tree, rng):
        nodes = nodes_of(tree, (ast.BinOp, ast.AugAssign, ast.Compare, ast.UnaryOp, ast.BoolOp))
        if not nodes:
            return False
        node = rng.choice(nodes)
        if isinstance(node, (ast.BinOp, ast.AugAssign)):
            node.op = rng.choice(BINOPS)()
        elif isinstance(node, ast.Compare):
            i = rng.randrange(len(node.ops))
            node.ops[i] = rng.choice(CMPOPS)()
        elif isinstance(node, ast.UnaryOp):
            node.op = rng.choice(UNARYOPS)()
        else:
            node.op = rng.choice((ast.And, ast.Or))()
        return True

    def delete_stmt(self, tree, rng):
        body = rng.choice(stmt_lists(tree))
        del body[rng.randrange(len(body))]
        if not body:
            body.append(ast.Pass())
        return True

    def duplicate_stmt(self, tree, rng):
        body = rng.choice(stmt_lists(tree))
        i = rng.randrange(len(body))
        body.insert(i, body[i])
        return True

    def swap_stmts(self, tree, rng):
        body = rng.choice(stmt_lists(tree))
        i, j = rng.randrange(len(body)), rng.randrange(len(body))
        body[i], body[j] = body[j], body[i]
        return True

    def splice(self, tree, rng):
        """A statement of another corpus program, inserted anywhere."""
        _, _, other = rng.choice(self.corpus)
        donor = rng.choice(stmt_lists(other))
        body = rng.choice(stmt_lists(tree))
        body.insert(rng.randrange(len(body) + 1), rng.choice(donor))
        return True

    def nest(self, tree, rng):
        """One statement wrapped in a few to a few hundred blocks."""
        body = rng.choice(stmt_lists(tree))
        i = rng.randrange(len(body))
        depth = rng.choice((2, 5, 19, 21, 50, 200))
        kind = rng.choice(NESTINGS)
        inner = [body[i]]
        for _ in range(depth):
            node = ast.parse(kind + "\n    pass" + (
                "\nexcept Exception:\n    pass" if kind == "try:" else "")).body[0]
            node.body = inner
            if kind == "while True:":
                node.body = inner + [ast.Break()]
            inner = [node]
            if kind == "def _n():":
                inner = [node, ast.Expr(ast.Call(ast.Name("_n", ast.Load()), [], []))]
        body[i:i + 1] = inner
        return True

    def deep_expr(self, tree, rng):
        """An expression wrapped in many unary ops, brackets or calls."""
        exprs = [n for n in nodes_of(tree, (ast.Name, ast.Constant))
                 if isinstance(getattr(n, "ctx", ast.Load()), ast.Load)]
        if not exprs:
            return False
        node = rng.choice(exprs)
        depth = rng.choice((10, 100, 1000, 5000))
        wrap = rng.choice(("-({})", "[{}]", "({},)", "abs({})", "(lambda: {})()",
                           "{} + 0", "not {}", "{{{}}}"))
        text = ast.unparse(node)
        for _ in range(depth):
            text = wrap.format(text)
        try:
            new = expr(text)
        except (SyntaxError, RecursionError, MemoryError):
            return False
        self.replace(tree, node, new)
        return True

    def call_args(self, tree, rng):
        calls = [c for c in nodes_of(tree, ast.Call)]
        if not calls:
            return False
        call = rng.choice(calls)
        choice = rng.randrange(4)
        if choice == 0 and call.args:
            del call.args[rng.randrange(len(call.args))]
        elif choice == 1:
            call.args.append(expr(rng.choice(BOUNDARY_INTS + ODD_CONSTANTS)))
        elif choice == 2 and len(call.args) > 1:
            call.args.reverse()
        else:
            call.keywords.append(ast.keyword(
                rng.choice(("key", "default", "reverse", "strict", "start", "x")),
                expr(rng.choice(BOUNDARY_INTS + ODD_CONSTANTS))))
        return True

    def probe(self, tree, rng):
        """A guarded call, somewhere, of a method of one of the program's
        names or of a builtin, with odd arguments (names of the program,
        boundary integers, odd constants)."""
        names = sorted({n.id for n in nodes_of(tree, ast.Name)})
        if not names:
            return False
        pool = BOUNDARY_INTS + ODD_CONSTANTS + tuple(names)
        args = ", ".join(rng.choice(pool) for _ in range(rng.randrange(4)))
        if rng.random() < 0.5:
            target = f"{rng.choice(names)}.{rng.choice(ATTR_NAMES + PROBE_METHODS)}"
        else:
            target = rng.choice(PROBE_BUILTINS)
        call = ast.parse(f"try:\n    {target}({args})\nexcept Exception:\n    pass").body[0]
        body = rng.choice(stmt_lists(tree))
        body.insert(rng.randrange(len(body) + 1), call)
        return True

    @staticmethod
    def replace(tree, old, new):
        for parent in ast.walk(tree):
            for field, value in ast.iter_fields(parent):
                if value is old:
                    setattr(parent, field, new)
                    return
                if isinstance(value, list):
                    for i, item in enumerate(value):
                        if item is old:
                            value[i] = new
                            return


def load_corpus(folder: Path) -> list[tuple[str, str, ast.Module]]:
    corpus = []
    for path in sorted(folder.glob("*.py")):
        if path.name == "regen.py":
            continue
        src = path.read_text()
        try:
            corpus.append((path.stem, src, ast.parse(src)))
        except SyntaxError:
            continue
    return corpus


# ---------------------------------------------------------------------------
# Running


def limit_child(memory_mb: int):
    def apply():
        if memory_mb:
            limit = memory_mb << 20
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    return apply


def run_limited(argv, cwd, timeout, memory_mb, tail=8192):
    """(returncode or None on timeout, last `tail` bytes of stderr, seconds).
    stdout is discarded and stderr read as it comes, so a program that
    prints without end costs no memory."""
    start = time.monotonic()
    proc = subprocess.Popen(
        argv, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE, preexec_fn=limit_child(memory_mb),
        start_new_session=True,
    )
    chunks = collections.deque()
    size = [0]

    def drain():
        while True:
            chunk = proc.stderr.read1(65536)
            if not chunk:
                return
            chunks.append(chunk)
            size[0] += len(chunk)
            while size[0] - len(chunks[0]) > tail:
                size[0] -= len(chunks.popleft())

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    try:
        rc = proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait()
        rc = None
    reader.join(5)
    proc.stderr.close()
    err = b"".join(chunks)[-tail:].decode("utf-8", "replace")
    return rc, err, time.monotonic() - start


PANIC = re.compile(r"panicked at ([^\n]*?):(\d+):\d+:\n([^\n]*)")


def classify(rc, err):
    """(kind, dedup key) of a crash, or None when the run is acceptable."""
    m = PANIC.search(err)
    if m:
        message = re.sub(r"\d+", "N", m.group(3))[:160]
        return "panic", f"panic {m.group(1)}:{m.group(2)} {message}"
    if rc == 101:
        return "panic", "exit 101 " + last_line(err)
    if rc is not None and rc < 0:
        try:
            name = signal.Signals(-rc).name
        except ValueError:
            name = f"signal {-rc}"
        return "signal", f"{name} {last_line(err)}"
    if rc == 70 and "internal error" in err:
        return "internal-error", "internal error " + last_line(err)
    return None


def last_line(err: str) -> str:
    lines = [line for line in err.strip().splitlines() if line.strip()]
    text = lines[-1] if lines else ""
    return re.sub(r"\d+", "N", text)[:160]


def known_class(err: str) -> str | None:
    for name, pattern in KNOWN:
        if re.search(pattern, err):
            return name
    return None


class Campaign:
    def __init__(self, args):
        self.args = args
        self.lock = threading.Lock()
        self.findings: dict[str, dict] = {}
        self.stats = collections.Counter()
        self.runs_per_mode = collections.Counter()
        self.findings_dir = Path(args.findings)
        self.work = Path(args.work)

    def check(self, prog_id: str, src: str, origin: str, slot: int):
        """Runs one program under every mode; records what crashed."""
        cwd = self.work / f"j{slot}"
        cwd.mkdir(parents=True, exist_ok=True)
        path = cwd / "prog.py"
        path.write_text(src)
        cpython_ok = None
        racy_end = False
        for mode in self.args.modes:
            rc, err, _ = run_limited(
                [self.args.binary, "run", str(path), "--mode", mode],
                cwd, self.args.timeout, self.args.memory_limit)
            with self.lock:
                self.runs_per_mode[mode] += 1
            verdict = classify(rc, err)
            if verdict is None and rc is None:
                if cpython_ok is None:
                    cpython_rc = self.cpython_finishes(path, cwd)
                    cpython_ok = cpython_rc is not None
                    # A threaded program that CPython ends with an uncaught
                    # exception ends only if its other threads happen to be
                    # done (a server thread blocked in accept() keeps CPython
                    # waiting too): its end depends on timing, which differs
                    # between interpreters of different speeds.
                    racy_end = cpython_rc not in (None, 0) and "Thread" in src
                    with self.lock:
                        self.stats["timeouts"] += 1
                if cpython_ok and racy_end:
                    self.note_schedule_dependent(prog_id, src, origin)
                elif cpython_ok:
                    verdict = ("hang", f"hang {origin}")
                    if mode in FREE_THREADED and self.schedule_dependent(src, path, cwd):
                        self.note_schedule_dependent(prog_id, src, origin)
                        verdict = None
            if verdict is not None:
                self.record(prog_id, src, mode, rc, err, *verdict)
        shutil.rmtree(cwd, ignore_errors=True)

    def cpython_finishes(self, path: Path, cwd: Path):
        """CPython's exit status when it compiles the program and runs it to
        its end (an exception is an end) within timeout/slack seconds; None
        otherwise. A program CPython rejects at compile time (e.g. "too many
        statically nested blocks") says nothing about how long it should
        run."""
        limit = self.args.timeout / self.args.hang_slack
        compile_rc, _, _ = run_limited(
            ["python3", "-c", "import sys; compile(open(sys.argv[1]).read(), sys.argv[1], 'exec')",
             str(path)], cwd, limit, self.args.memory_limit)
        if compile_rc != 0:
            with self.lock:
                self.stats["timeouts-uncompilable"] += 1
            return None
        rc, _, _ = run_limited(["python3", str(path)], cwd, limit, self.args.memory_limit)
        return rc

    def schedule_dependent(self, src: str, path: Path, cwd: Path) -> bool:
        """Whether a program that hangs under `finegrained` (or `perobject`) is one whose
        threads deadlock only in some interleavings: it starts threads and
        finishes under `gil` (one lock, CPython's switching), as it does
        under CPython. Free threading runs the other interleavings too; a
        thread that holds a lock while joining a thread that waits for it
        deadlocks there as on CPython 3.13t. Such programs are listed for
        review (see README.md) rather than failing the run."""
        if "Thread" not in src:
            return False
        rc, _, _ = run_limited([self.args.binary, "run", str(path), "--mode", "gil"],
                               cwd, self.args.timeout, self.args.memory_limit)
        return rc is not None

    def note_schedule_dependent(self, prog_id: str, src: str, origin: str):
        digest = hashlib.sha1(src.encode()).hexdigest()[:10]
        folder = self.findings_dir / "schedule-dependent" / f"{origin}-{digest}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "program.py").write_text(src)
        with self.lock:
            self.stats["schedule-dependent"] += 1
        print(f"fuzz: schedule-dependent hang from {prog_id}, "
              f"saved for review in {folder}", flush=True)

    def record(self, prog_id, src, mode, rc, err, kind, key):
        label = known_class(err) or "new"
        with self.lock:
            self.stats[f"crash-runs {kind}"] += 1
            finding = self.findings.get(key)
            if finding is None:
                digest = hashlib.sha1(key.encode()).hexdigest()[:10]
                folder = self.findings_dir / f"{kind}-{digest}"
                folder.mkdir(parents=True, exist_ok=True)
                finding = {"key": key, "kind": kind, "class": label, "folder": str(folder),
                           "count": 0, "modes": set(), "first": prog_id}
                self.findings[key] = finding
                (folder / "program.py").write_text(src)
                (folder / "stderr.txt").write_text(err)
                (folder / "info.json").write_text(json.dumps({
                    "key": key, "kind": kind, "class": label, "mode": mode,
                    "returncode": rc, "program": prog_id, "seed": self.args.seed,
                    "reproduce": f"{self.args.binary} run program.py --mode {mode}",
                }, indent=2) + "\n")
                print(f"fuzz: NEW {kind} [{label}] in {mode} from {prog_id}: {key}\n"
                      f"      saved in {folder}", flush=True)
            finding["count"] += 1
            finding["modes"].add(mode)


def programs(args, corpus, gen_queue):
    """Yields (id, source, origin): mutated programs, with generated ones
    interleaved as the generator delivers them (up to --generated of all)."""
    mutator = Mutator(corpus)
    produced = generated = 0
    i = 0
    while args.count == 0 or produced < args.count:
        want_generated = gen_queue is not None and generated < args.generated * (produced + 1)
        if want_generated:
            try:
                item = gen_queue.get_nowait()
            except queue.Empty:
                item = None
            if item is not None:
                if item is StopIteration:
                    gen_queue = None
                    continue
                generated += 1
                produced += 1
                k = item["k"]
                yield f"gen-{k}-raw", item["src"], f"hypothesmith-{item['strategy']}"
                bound = bind_names(item["src"], random.Random(f"{args.seed}:bind:{k}"))
                if bound is not None and (args.count == 0 or produced < args.count):
                    produced += 1
                    generated += 1
                    yield f"gen-{k}-bound", bound, f"hypothesmith-{item['strategy']}"
                continue
        rng = random.Random(f"{args.seed}:mut:{i}")
        origin, src, applied = mutator.mutate(rng)
        produced += 1
        yield f"mut-{i}", src, origin
        i += 1


def start_generators(args, python: Path, count: int):
    """Generator processes feeding one queue."""
    out = queue.Queue(maxsize=256)
    procs = []
    for w in range(count):
        proc = subprocess.Popen(
            [str(python), __file__, "--generator-worker", "--seed", str(args.seed),
             "--gen-worker", str(w)],
            stdout=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True,
        )
        procs.append(proc)

        def pump(p=proc):
            for line in p.stdout:
                out.put(json.loads(line))
        threading.Thread(target=pump, daemon=True).start()
    return out, procs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--count", type=int, default=0,
                        help="programs to run (each in every mode); 0: until --time")
    parser.add_argument("--time", type=float, default=0,
                        help="stop starting programs after this many seconds; 0: no limit")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--modes", default=",".join(MODES))
    parser.add_argument("--binary", default=str(ROOT / "target/release/gilgamesh"))
    parser.add_argument("--timeout", type=float, default=5.0,
                        help="seconds one run may take before it counts as a hang")
    parser.add_argument("--hang-slack", type=float, default=4.0,
                        help="a timeout is a hang only if CPython finishes in timeout/slack")
    parser.add_argument("--memory-limit", type=int, default=8192,
                        help="address-space limit per run, MiB (0: none)")
    parser.add_argument("--generated", type=float, default=0.3,
                        help="fraction of programs from hypothesmith (0: mutations only)")
    parser.add_argument("--generators", type=int, default=1,
                        help="hypothesmith processes (drawing is slow)")
    parser.add_argument("--venv", default=str(ROOT / "target/fuzz-venv"))
    parser.add_argument("--corpus", default=str(ROOT / "workloads/tests/conformance"))
    parser.add_argument("--findings", default=str(ROOT / "target/fuzz-findings"))
    parser.add_argument("--work", default=str(ROOT / "target/fuzz-work"))
    parser.add_argument("--generator-worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--gen-worker", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.generator_worker:
        try:
            generator_worker(args.seed, args.gen_worker)
        except (BrokenPipeError, KeyboardInterrupt):
            pass
        return 0

    args.modes = [m for m in args.modes.split(",") if m]
    # Programs run in their own scratch folders: a relative path would not resolve there.
    args.binary = str(Path(args.binary).resolve())
    if not Path(args.binary).exists():
        print(f"fuzz: no binary at {args.binary}; build it with "
              "`cargo build --release -p workloads --bin gilgamesh`", file=sys.stderr)
        return 2
    corpus = load_corpus(Path(args.corpus))
    gen_queue, gen_procs = None, []
    if args.generated > 0:
        python = ensure_venv(Path(args.venv))
        if python is not None:
            gen_queue, gen_procs = start_generators(args, python, args.generators)
    print(f"fuzz: seed {args.seed}, {len(corpus)} corpus programs, modes "
          f"{','.join(args.modes)}, {args.jobs} jobs, binary {args.binary}, "
          f"{'with' if gen_queue else 'without'} hypothesmith", flush=True)

    campaign = Campaign(args)
    start = time.monotonic()
    sources = collections.Counter()
    done = 0
    last_report = start
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        pending = set()
        free_slots = list(range(args.jobs * 2))
        slot_of = {}
        for prog_id, src, origin in programs(args, corpus, gen_queue):
            if args.time and time.monotonic() - start > args.time:
                break
            while len(pending) >= args.jobs * 2:
                finished, pending = concurrent.futures.wait(
                    pending, return_when=concurrent.futures.FIRST_COMPLETED)
                for f in finished:
                    f.result()
                    free_slots.append(slot_of.pop(f))
                    done += 1
            slot = free_slots.pop()
            future = pool.submit(campaign.check, prog_id, src, origin, slot)
            slot_of[future] = slot
            pending.add(future)
            sources["generated" if prog_id.startswith("gen") else "mutated"] += 1
            now = time.monotonic()
            if now - last_report > 30:
                last_report = now
                print(f"fuzz: {done} programs in {now - start:.0f}s "
                      f"({done / (now - start):.1f}/s), {len(campaign.findings)} findings",
                      flush=True)
        for f in concurrent.futures.as_completed(pending):
            f.result()
            done += 1
    for proc in gen_procs:
        proc.kill()
        proc.wait()
    elapsed = time.monotonic() - start
    shutil.rmtree(args.work, ignore_errors=True)

    print(f"fuzz: {done} programs ({sources['generated']} generated, "
          f"{sources['mutated']} mutated) in {elapsed:.0f}s: {done / elapsed:.1f} programs/s, "
          f"runs per mode {dict(campaign.runs_per_mode)}, "
          f"{campaign.stats['timeouts']} programs timed out in some mode "
          f"({campaign.stats['timeouts-uncompilable']} of them "
          "do not compile under CPython), "
          f"{campaign.stats['schedule-dependent']} schedule-dependent hangs in finegrained/perobject "
          "(listed for review, not failures)")
    for f in sorted(campaign.findings.values(), key=lambda f: -f["count"]):
        print(f"  {f['kind']:<15} [{f['class']}] x{f['count']} "
              f"modes {','.join(sorted(f['modes']))}: {f['key']}\n      {f['folder']}")
    if campaign.findings:
        print(f"fuzz: {len(campaign.findings)} distinct crashes "
              f"(saved under {args.findings})")
        return 1
    print("fuzz: no crashes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
