#!/bin/bash
# usage: sweep.sh REPEATS LABEL:MODE:SHARE[:THREADS] ...  (writes ./sweep.raw, prints medians)
# convoy.py under each spec, interleaved; SHARE is GILGAMESH_IO_SHARE (per-mille)
OUT=$PWD/sweep.raw
cd "$(git rev-parse --show-toplevel)"
R=$1; shift
for i in $(seq $R); do
  for spec in "$@"; do
    IFS=: read label mode share th <<< "$spec"; th=${th:-2}
    out=$(GILGAMESH_IO_SHARE=$share $NICE target/release/gilgamesh run --mode $mode workloads/convoy.py -- $th 20000 2>&1)
    rq=$(echo "$out" | awk '/requests_per_second/{print $3}')
    sv=$(echo "$out" | awk '/spin_vs_alone/{print $3}')
    echo "$label $rq $sv"
  done
done > "$OUT"
python3 - "$OUT" <<'PY'
import collections,statistics,sys
d=collections.defaultdict(lambda:([],[]))
for l in open(sys.argv[1]):
    p=l.split()
    if len(p)<2: continue
    if len(p)<3: p.append("0")
    d[p[0]][0].append(float(p[1])); d[p[0]][1].append(float(p[2]))
for k,(r,s) in d.items():
    print(f"{k:12s} req/s median {statistics.median(r):9.0f}  spin_vs_alone median {statistics.median(s):5.1f}%  n={len(r)}")
PY
