#!/bin/bash
# new (HEAD) vs base (5a0f9aa, gg-final), one thread, gil and finegrained; medians of 7 interleaved runs.
HERE=$(cd "$(dirname "$0")" && pwd)
cd "$HERE/../.."
NEW=target/release/gilgamesh  # HEAD
BASE=/tmp/gilgamesh-5a0f9aa  # a release build of 5a0f9aa
PY=/root/.pyenv/versions/3.11.7/bin/python3.11
for spec in "countdown.py 1 10000000" "fib.py 1 27" "float_nbody.py 1 20000" "alloc_churn.py 1 500000" "shared_list_read.py 1 20000"; do
  set -- $spec
  for m in gil finegrained; do
    echo "== $spec $m new/base"
    farm-bench -n 7 --timeout 600 --vs "$BASE run --mode $m workloads/$1 -- $2 $3" -- $NEW run --mode $m workloads/$1 -- $2 $3 2>&1 | grep -E "A/B wall"
  done
  echo "== $spec new finegrained/gil"
  farm-bench -n 7 --timeout 600 --vs "$NEW run --mode gil workloads/$1 -- $2 $3" -- $NEW run --mode finegrained workloads/$1 -- $2 $3 2>&1 | grep -E "A/B wall"
  echo "== $spec new gil / cpython"
  farm-bench -n 5 --timeout 600 --vs "$PY workloads/$1 $2 $3" -- $NEW run --mode gil workloads/$1 -- $2 $3 2>&1 | grep -E "A/B wall"
done
for f in instances heap attr deep_chain; do
  echo "== $f new vs base (gil)"
  farm-bench -n 5 --timeout 600 --vs "$BASE run --mode gil $HERE/$f.py" -- $NEW run --mode gil $HERE/$f.py 2>&1 | grep -E "A/B wall|peak|rss|RSS|mem"
  echo "== $f new vs cpython"
  farm-bench -n 5 --timeout 600 --vs "$PY $HERE/$f.py" -- $NEW run --mode gil $HERE/$f.py 2>&1 | grep -E "A/B wall|peak|rss|RSS|mem"
done
