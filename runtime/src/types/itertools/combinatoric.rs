//! The combinatoric iterators: `product`, `permutations`, `combinations`
//! and `combinations_with_replacement`. Their pools are read into tuples
//! when the iterator is made; each step is then index arithmetic that runs
//! no Python code, so a whole step is one critical section (atomic, as
//! under CPython's GIL). The algorithms are the ones CPython documents.

use super::{bind, iterator_slots, object_repr, ssize, Kind};
use crate::object::{Header, ObjCell, ObjRef, Value};
use crate::ops;
use crate::strategy::LockStrategy;
use crate::types::NativeObject;
use crate::vm::{Args, PyResult, Vm};

struct State<S: LockStrategy> {
    /// The distinct pools (`product(xs, repeat=3)` reads `xs` once).
    pools: Vec<Vec<Value<S>>>,
    /// For each position of a result, its pool.
    pool_of: Vec<usize>,
    /// The current indices into the pools (for `permutations`, the order
    /// of the whole pool, of which the first `r` are the result).
    indices: Vec<usize>,
    /// `permutations`' countdown per position.
    cycles: Vec<usize>,
    /// The result's length.
    r: usize,
    first: bool,
    stopped: bool,
}

pub struct Combinatoric<S: LockStrategy> {
    kind: Kind,
    state: ObjCell<State<S>>,
}

fn new_iter<S: LockStrategy>(kind: Kind, state: State<S>) -> Value<S> {
    crate::types::new_object(Combinatoric {
        kind,
        state: ObjCell::new(state),
    })
}

/// `product(*iterables, repeat=1)`.
pub fn product_new<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    let repeat = args.take_kw("repeat");
    if let Some((k, _)) = args.kw.first() {
        return Err(vm.type_error(format!(
            "'{k}' is an invalid keyword argument for product()"
        )));
    }
    let repeat = match &repeat {
        Some(v) => ssize(vm, v)?,
        None => 1,
    };
    if repeat < 0 {
        return Err(vm.value_error("repeat argument cannot be negative"));
    }
    let mut pools = Vec::with_capacity(args.pos.len());
    for v in &args.pos {
        pools.push(ops::iterate(vm, v)?);
    }
    let npools = (repeat as usize)
        .checked_mul(pools.len())
        .filter(|n| *n <= isize::MAX as usize / 8)
        .ok_or_else(|| vm.new_error("OverflowError", "repeat argument too large"))?;
    let mut pool_of = crate::alloc::vec_with_capacity(vm, npools)?;
    pool_of.extend((0..npools).map(|i| i % pools.len().max(1)));
    let stopped = pool_of.iter().any(|p| pools[*p].is_empty());
    Ok(new_iter(
        Kind::Product,
        State {
            indices: vec![0; npools],
            pools,
            pool_of,
            cycles: Vec::new(),
            r: npools,
            first: true,
            stopped,
        },
    ))
}

/// One pool and `r`, for the three that take `(iterable, r)`.
fn one_pool<S: LockStrategy>(kind: Kind, pool: Vec<Value<S>>, r: usize) -> Value<S> {
    let n = pool.len();
    let (indices, cycles) = match kind {
        Kind::Permutations => ((0..n).collect(), (0..r).map(|i| n - i).collect()),
        Kind::Combinations => ((0..r).collect(), Vec::new()),
        _ => (vec![0; r], Vec::new()),
    };
    let stopped = match kind {
        Kind::CombinationsWithReplacement => n == 0 && r > 0,
        _ => r > n,
    };
    new_iter(
        kind,
        State {
            pools: vec![pool],
            pool_of: Vec::new(),
            indices,
            cycles,
            r,
            first: true,
            stopped,
        },
    )
}

/// `permutations(iterable, r=None)`.
pub fn permutations_new<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let bound = bind(vm, "permutations", args, &["iterable", "r"], 1, 0)?;
    let pool = ops::iterate(vm, bound[0].as_ref().expect("required"))?;
    let r = match &bound[1] {
        None | Some(Value::None) => pool.len() as i64,
        Some(v) if ops::is_int_like(v) => ssize(vm, v)?,
        Some(_) => return Err(vm.type_error("Expected int as r")),
    };
    if r < 0 {
        return Err(vm.value_error("r must be non-negative"));
    }
    Ok(one_pool(Kind::Permutations, pool, r as usize))
}

fn pool_and_r<S: LockStrategy>(
    vm: &mut Vm<S>,
    func: &str,
    args: Args<S>,
) -> PyResult<S, (Vec<Value<S>>, usize)> {
    let bound = bind(vm, func, args, &["iterable", "r"], 2, 0)?;
    let pool = ops::iterate(vm, bound[0].as_ref().expect("required"))?;
    let r = ssize(vm, bound[1].as_ref().expect("required"))?;
    if r < 0 {
        return Err(vm.value_error("r must be non-negative"));
    }
    Ok((pool, r as usize))
}

/// `combinations(iterable, r)`.
pub fn combinations_new<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let (pool, r) = pool_and_r(vm, "combinations", args)?;
    Ok(one_pool(Kind::Combinations, pool, r))
}

/// `combinations_with_replacement(iterable, r)`.
pub fn cwr_new<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let (pool, r) = pool_and_r(vm, "combinations_with_replacement", args)?;
    Ok(one_pool(Kind::CombinationsWithReplacement, pool, r))
}

impl<S: LockStrategy> State<S> {
    /// Moves the indices to the next result; false when there is none.
    fn advance(&mut self, kind: Kind) -> bool {
        let r = self.r;
        match kind {
            Kind::Product => {
                // The rightmost index that has not wrapped moves on.
                for i in (0..r).rev() {
                    self.indices[i] += 1;
                    if self.indices[i] < self.pools[self.pool_of[i]].len() {
                        return true;
                    }
                    self.indices[i] = 0;
                }
                false
            }
            Kind::Permutations => {
                let n = self.pools[0].len();
                for i in (0..r).rev() {
                    self.cycles[i] -= 1;
                    if self.cycles[i] == 0 {
                        // Rotate the ith index to the end.
                        self.indices[i..].rotate_left(1);
                        self.cycles[i] = n - i;
                    } else {
                        let j = self.cycles[i];
                        self.indices.swap(i, n - j);
                        return true;
                    }
                }
                false
            }
            Kind::Combinations => {
                let n = self.pools[0].len();
                let Some(i) = (0..r).rev().find(|&i| self.indices[i] != i + n - r) else {
                    return false;
                };
                self.indices[i] += 1;
                for j in i + 1..r {
                    self.indices[j] = self.indices[j - 1] + 1;
                }
                true
            }
            _ => {
                let n = self.pools[0].len();
                let Some(i) = (0..r).rev().find(|&i| self.indices[i] != n - 1) else {
                    return false;
                };
                let next = self.indices[i] + 1;
                self.indices[i..].fill(next);
                true
            }
        }
    }

    /// The result the indices name.
    fn result(&self, kind: Kind) -> Value<S> {
        let items = self.indices[..self.r]
            .iter()
            .enumerate()
            .map(|(pos, &i)| match kind {
                Kind::Product => self.pools[self.pool_of[pos]][i].clone(),
                _ => self.pools[0][i].clone(),
            })
            .collect();
        ops::new_tuple(items)
    }
}

impl<S: LockStrategy> NativeObject<S> for Combinatoric<S> {
    iterator_slots!();

    fn kind(&self) -> crate::types::NativeKind {
        crate::types::NativeKind::Itertools(self.kind)
    }

    fn repr(&self, _vm: &mut Vm<S>, this: &ObjRef<S>) -> PyResult<S, String> {
        Ok(object_repr(self.kind, this))
    }

    fn next(&self, _vm: &mut Vm<S>, this: &ObjRef<S>) -> PyResult<S, Option<Value<S>>> {
        let kind = self.kind;
        let (result, spent) = self.state.with::<S, _>(&this.header, |st| {
            if st.stopped {
                return (None, None);
            }
            if st.first {
                st.first = false;
            } else if !st.advance(kind) {
                // Exhausted: the pools are let go (outside the lock).
                st.stopped = true;
                return (None, Some(std::mem::take(&mut st.pools)));
            }
            (Some(st.result(kind)), None)
        });
        drop(spent);
        Ok(result)
    }

    fn traverse(&self, header: &Header, visit: &mut dyn FnMut(&Value<S>)) {
        self.state
            .with::<S, _>(header, |st| st.pools.iter().flatten().for_each(&mut *visit));
    }

    fn clear(&self, header: &Header) {
        let old = self.state.with::<S, _>(header, |st| {
            st.stopped = true;
            std::mem::take(&mut st.pools)
        });
        drop(old);
    }
}
