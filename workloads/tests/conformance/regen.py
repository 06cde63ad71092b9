#!/usr/bin/env python3
"""Regenerate the expected outputs of the Gilgamesh conformance programs.

For every NAME.py in this directory (except this script) run CPython 3.11 as
`python3 NAME.py` with this directory as the working directory, and write

  NAME.stdout  the exact stdout bytes
  NAME.status  two lines: the exit code, then the last non-empty line of
               stderr (trailing whitespace removed), or an empty line when
               stderr has no non-empty line.

The Rust test `workloads/tests/conformance.rs` compares Gilgamesh against
these files and (when python3 is 3.11) checks that they are still current.

Usage: python3 regen.py [--check] [NAME.py ...]
  --check  write nothing; exit 1 and list the stale files if any differ.
"""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SELF = os.path.basename(__file__)


def programs(names):
    if names:
        return [os.path.basename(n) for n in names]
    return sorted(
        n for n in os.listdir(HERE) if n.endswith('.py') and n != SELF
    )


def last_nonempty_line(text):
    last = ''
    for line in text.split('\n'):
        line = line.rstrip()
        if line:
            last = line
    return last


def run(name):
    env = dict(os.environ)
    env['PYTHONIOENCODING'] = 'utf-8'
    env['PYTHONDONTWRITEBYTECODE'] = '1'
    env['PYTHONHASHSEED'] = '0'
    for var in ('PYTHONWARNINGS', 'PYTHONSTARTUP', 'PYTHONINSPECT'):
        env.pop(var, None)
    proc = subprocess.run(
        ['python3', name],
        cwd=HERE,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        timeout=60,
    )
    stderr = proc.stderr.decode('utf-8', 'replace')
    status = str(proc.returncode) + '\n' + last_nonempty_line(stderr) + '\n'
    return proc.stdout, status.encode('utf-8')


def main(argv):
    check = '--check' in argv
    names = [a for a in argv if a != '--check']
    version = subprocess.run(
        ['python3', '-c', 'import sys; print(sys.version_info[:2] == (3, 11))'],
        stdout=subprocess.PIPE,
        check=True,
    ).stdout.decode().strip()
    if version != 'True':
        print('regen.py: python3 must be CPython 3.11', file=sys.stderr)
        return 2
    stale = []
    for name in programs(names):
        stem = name[:-3]
        stdout, status = run(name)
        for suffix, data in (('.stdout', stdout), ('.status', status)):
            path = os.path.join(HERE, stem + suffix)
            old = None
            if os.path.exists(path):
                with open(path, 'rb') as f:
                    old = f.read()
            if old != data:
                stale.append(stem + suffix)
                if not check:
                    with open(path, 'wb') as f:
                        f.write(data)
    if check:
        for s in stale:
            print('stale:', s)
        return 1 if stale else 0
    for s in stale:
        print('wrote', s)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
