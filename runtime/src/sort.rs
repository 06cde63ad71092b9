//! A stable sort driven by a fallible, possibly inconsistent `less`.
//!
//! Python's `list.sort` only asks `<`, which is user code: it may raise, and
//! it need not be a total order. Rust's `sort_by` panics on inconsistent
//! orders, so the runtime sorts with this one, which never panics whatever
//! `less` answers, stops at the first error and always leaves a permutation.
//!
//! It follows the shape of CPython's timsort: natural runs (strictly
//! descending ones reversed), short runs extended to `minrun` by binary
//! insertion, then merges of adjacent runs. For fewer than 64 items that is
//! all CPython does, so the same comparisons are made in the same order (a
//! `__lt__` that prints, raises or lies sees what it sees in CPython); longer
//! inputs are merged without galloping, which gives the same result for any
//! consistent order.

/// Sorts the indices `order` by `less` on the items they name, stably.
/// On error `order` is still a permutation of what it held (partly sorted,
/// as CPython leaves a list whose sort raised).
pub fn sort_indices<E>(
    order: &mut [usize],
    mut less: impl FnMut(usize, usize) -> Result<bool, E>,
) -> Result<(), E> {
    let n = order.len();
    if n < 2 {
        return Ok(());
    }
    let minrun = min_run(n);
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut lo = 0;
    while lo < n {
        let (mut len, descending) = count_run(&order[lo..], &mut less)?;
        if descending {
            order[lo..lo + len].reverse();
        }
        if len < minrun {
            let force = minrun.min(n - lo);
            binary_insertion(&mut order[lo..lo + force], len, &mut less)?;
            len = force;
        }
        runs.push((lo, len));
        lo += len;
    }
    let mut buf = Vec::with_capacity(n);
    while runs.len() > 1 {
        let mut merged = Vec::with_capacity(runs.len().div_ceil(2));
        for pair in runs.chunks(2) {
            match *pair {
                [(start, a), (_, b)] => {
                    merge(&mut order[start..start + a + b], a, &mut buf, &mut less)?;
                    merged.push((start, a + b));
                }
                [run] => merged.push(run),
                _ => unreachable!("chunks(2) yields one or two runs"),
            }
        }
        runs = merged;
    }
    Ok(())
}

/// CPython's `merge_compute_minrun`: `n` itself below 64, else a length in
/// 32..=64 that splits `n` into a power of two runs, or slightly fewer.
fn min_run(mut n: usize) -> usize {
    let mut r = 0;
    while n >= 64 {
        r |= n & 1;
        n >>= 1;
    }
    n + r
}

/// The length of the run at the start of `s` (at least 1) and whether it is
/// strictly descending, asking `less(later, earlier)` as CPython does.
fn count_run<E>(
    s: &[usize],
    less: &mut impl FnMut(usize, usize) -> Result<bool, E>,
) -> Result<(usize, bool), E> {
    if s.len() < 2 {
        return Ok((s.len(), false));
    }
    let descending = less(s[1], s[0])?;
    let mut n = 2;
    while n < s.len() && less(s[n], s[n - 1])? == descending {
        n += 1;
    }
    Ok((n, descending))
}

/// Extends the sorted prefix `s[..sorted]` to all of `s`, each item placed
/// after the equal ones before it (stability) by binary search.
fn binary_insertion<E>(
    s: &mut [usize],
    sorted: usize,
    less: &mut impl FnMut(usize, usize) -> Result<bool, E>,
) -> Result<(), E> {
    for start in sorted.max(1)..s.len() {
        let pivot = s[start];
        let (mut l, mut r) = (0, start);
        while l < r {
            let p = l + (r - l) / 2;
            if less(pivot, s[p])? {
                r = p;
            } else {
                l = p + 1;
            }
        }
        s[l..=start].rotate_right(1);
    }
    Ok(())
}

/// Merges the sorted halves `s[..mid]` and `s[mid..]`, taking from the right
/// only when it is strictly less (stability). After an error the unmerged
/// rest follows the merged prefix, so `s` stays a permutation.
fn merge<E>(
    s: &mut [usize],
    mid: usize,
    buf: &mut Vec<usize>,
    less: &mut impl FnMut(usize, usize) -> Result<bool, E>,
) -> Result<(), E> {
    buf.clear();
    let (mut i, mut j) = (0, mid);
    let mut failed = None;
    while i < mid && j < s.len() {
        match less(s[j], s[i]) {
            Ok(true) => {
                buf.push(s[j]);
                j += 1;
            }
            Ok(false) => {
                buf.push(s[i]);
                i += 1;
            }
            Err(e) => {
                failed = Some(e);
                break;
            }
        }
    }
    buf.extend_from_slice(&s[i..mid]);
    buf.extend_from_slice(&s[j..]);
    s.copy_from_slice(buf);
    match failed {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// Reorders `items` so that `items[k]` becomes the old `items[order[k]]`,
/// by swaps along the permutation's cycles (no clones).
pub fn apply_order<T>(items: &mut [T], order: &[usize]) {
    let mut placed = vec![false; items.len()];
    for start in 0..items.len() {
        if placed[start] {
            continue;
        }
        let mut cur = start;
        placed[cur] = true;
        while order[cur] != start {
            let next = order[cur];
            items.swap(cur, next);
            placed[next] = true;
            cur = next;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted_by(keys: &[i64]) -> Vec<usize> {
        let mut order: Vec<usize> = (0..keys.len()).collect();
        sort_indices(&mut order, |a, b| Ok::<_, ()>(keys[a] < keys[b])).unwrap();
        order
    }

    #[test]
    fn sorts_stably_at_every_length() {
        let mut seed = 12345u64;
        for n in [0, 1, 2, 3, 17, 63, 64, 65, 200, 1000, 5000] {
            let keys: Vec<i64> = (0..n)
                .map(|_| {
                    seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
                    ((seed >> 33) % 50) as i64
                })
                .collect();
            let mut expected: Vec<usize> = (0..n).collect();
            expected.sort_by_key(|&i| keys[i]);
            assert_eq!(sorted_by(&keys), expected, "n = {n}");
        }
    }

    #[test]
    fn inconsistent_orders_give_a_permutation() {
        let mut seed = 7u64;
        for n in [5, 63, 64, 300, 2000] {
            let mut order: Vec<usize> = (0..n).collect();
            sort_indices(&mut order, |_, _| {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
                Ok::<_, ()>(seed >> 63 == 1)
            })
            .unwrap();
            let mut seen = order.clone();
            seen.sort();
            assert_eq!(seen, (0..n).collect::<Vec<_>>());
        }
    }

    #[test]
    fn an_error_stops_comparing_and_keeps_a_permutation() {
        for n in [10, 100, 1000] {
            let mut order: Vec<usize> = (0..n).rev().collect();
            let mut calls = 0;
            let r = sort_indices(&mut order, |a, b| {
                calls += 1;
                if calls == n / 2 {
                    Err("boom")
                } else {
                    Ok(a < b)
                }
            });
            assert_eq!(r, Err("boom"));
            assert_eq!(calls, n / 2);
            let mut seen = order.clone();
            seen.sort();
            assert_eq!(seen, (0..n).collect::<Vec<_>>());
        }
    }

    #[test]
    fn apply_order_permutes_without_cloning() {
        let mut items = vec!["a", "b", "c", "d", "e"];
        apply_order(&mut items, &[3, 0, 4, 1, 2]);
        assert_eq!(items, ["d", "a", "e", "b", "c"]);
    }
}
