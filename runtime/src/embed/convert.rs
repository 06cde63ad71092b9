//! Conversions between Rust values and Python values, by trait: [`IntoPy`]
//! builds a Python value from a Rust one, [`FromPy`] reads a Rust value out
//! of a Python one and raises `TypeError` (CPython's wording) on a mismatch.
//!
//! | Rust | Python |
//! |---|---|
//! | `()` | `None` (into only) |
//! | `bool` | `bool` |
//! | every primitive integer (`i8` … `i128`, `u8` … `u128`, `isize`, `usize`), `num_bigint::BigInt` | `int` (any size; `OverflowError` when it does not fit the Rust type) |
//! | `f64` | `float` (from `int` too) |
//! | `String`, `&str` | `str` |
//! | [`PyBytes`] | `bytes` |
//! | `Vec<T>` | `list` (from `list` or `tuple`) |
//! | `(A,)` … `(A, B, C, D)` | `tuple` |
//! | `HashMap<K, V>`, `BTreeMap<K, V>` | `dict` |
//! | `Option<T>` | `T` or `None` |
//! | [`Value`] | any object, unconverted |

use crate::object::{ObjRef, Payload, Value};
use crate::ops;
use crate::strategy::LockStrategy;
use crate::vm::{PyResult, Vm};
use num_bigint::BigInt;
use num_traits::ToPrimitive;
use std::collections::{BTreeMap, HashMap};
use std::hash::Hash;

/// A Rust value that becomes a Python value.
///
/// ```
/// use std::collections::BTreeMap;
/// let rt = runtime::Runtime::<gil::Gil>::builder().build();
/// rt.attach(|py| {
///     let big = num_bigint::BigInt::from(u64::MAX) * 4;
///     assert_eq!(py.to_object(big)?.str()?, "73786976294838206460");
///     let table = BTreeMap::from([(1_i64, vec![Some(true), None])]);
///     assert_eq!(py.to_object(table)?.repr()?, "{1: [True, None]}");
///     assert_eq!(py.to_object(runtime::embed::PyBytes(b"hi".to_vec()))?.repr()?, "b'hi'");
///     Ok::<_, runtime::RunError>(())
/// })
/// .unwrap();
/// ```
///
/// A type of your own converts by building on the existing conversions:
///
/// ```
/// use runtime::embed::IntoPy;
/// use runtime::vm::{PyResult, Vm};
/// use runtime::LockStrategy;
///
/// struct Point { x: f64, y: f64 }
///
/// // SAFETY: builds on a conversion of this crate and keeps nothing.
/// unsafe impl<S: LockStrategy> IntoPy<S> for Point {
///     fn into_py(self, vm: &mut Vm<S>) -> PyResult<S> {
///         (self.x, self.y).into_py(vm) // a Python tuple
///     }
/// }
///
/// let rt = runtime::Runtime::<gil::Gil>::builder().build();
/// let norm: f64 = rt
///     .attach(|py| {
///         py.set("p", Point { x: 3.0, y: 4.0 })?;
///         py.eval("(p[0] ** 2 + p[1] ** 2) ** 0.5")?.extract()
///     })
///     .unwrap();
/// assert_eq!(norm, 5.0);
/// ```
///
/// # Safety
/// `into_py` runs while attached and must return a value it made (or cloned)
/// there, keeping no `Value` after it returns: a `Value` kept elsewhere and
/// dropped later by an unattached thread would change a reference count
/// without the GIL. Implementations that only call other conversions, as
/// above, uphold this.
pub unsafe trait IntoPy<S: LockStrategy> {
    /// Builds the Python value (an exception if that fails).
    fn into_py(self, vm: &mut Vm<S>) -> PyResult<S>;
}

/// A Rust value read out of a Python value; a value of the wrong type is
/// a `TypeError` with CPython's wording, an `int` too big for the target a
/// `OverflowError`.
///
/// ```
/// use std::collections::HashMap;
/// let rt = runtime::Runtime::<gil::Gil>::builder().build();
/// rt.attach(|py| {
///     let counts: HashMap<String, u32> = py.eval("{'a': 1, 'b': 2}")?.extract()?;
///     assert_eq!(counts["b"], 2);
///     let maybe: Vec<Option<f64>> = py.eval("[1, None, 2.5]")?.extract()?; // int -> f64 too
///     assert_eq!(maybe, [Some(1.0), None, Some(2.5)]);
///     let bytes: runtime::embed::PyBytes = py.eval("'é'.encode()")?.extract()?;
///     assert_eq!(bytes.0, [0xc3, 0xa9]);
///     let err = py.eval("[1, 'x']")?.extract::<Vec<i64>>().unwrap_err();
///     assert!(err.to_string().ends_with("TypeError: 'str' object cannot be interpreted as an integer"));
///     let wide: i128 = py.eval("-2 ** 100")?.extract()?;
///     assert_eq!(wide, -(1_i128 << 100));
///     assert_eq!(py.to_object(u128::MAX)?.repr()?, "340282366920938463463374607431768211455");
///     let err = py.eval("256")?.extract::<u8>().unwrap_err();
///     assert!(err.to_string().ends_with("OverflowError: int 256 does not fit in u8"));
///     let err = py.eval("-1")?.extract::<u32>().unwrap_err();
///     assert!(matches!(err, runtime::RunError::Exception { ref type_name, .. } if type_name == "OverflowError"));
///     Ok::<_, runtime::RunError>(())
/// })
/// .unwrap();
/// ```
///
/// # Safety
/// `from_py` must keep no clone of `value` (or of anything reached from it)
/// after it returns, for the reason given on [`IntoPy`].
pub unsafe trait FromPy<S: LockStrategy>: Sized {
    /// Reads the Rust value (an exception on a mismatch).
    fn from_py(vm: &mut Vm<S>, value: &Value<S>) -> PyResult<S, Self>;
}

/// `bytes` on the Python side (a `Vec<u8>` converts to a list of ints, as
/// in PyO3).
///
/// ```
/// use runtime::embed::PyBytes;
/// let rt = runtime::Runtime::<gil::Gil>::builder().build();
/// rt.attach(|py| {
///     py.set("data", PyBytes(vec![104, 105]))?;
///     assert_eq!(py.eval("data.decode()")?.extract::<String>()?, "hi");
///     py.set("ints", vec![104_u8 as i64, 105])?;
///     assert_eq!(py.eval("type(ints).__name__")?.extract::<String>()?, "list");
///     Ok::<_, runtime::RunError>(())
/// })
/// .unwrap();
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct PyBytes(pub Vec<u8>);

fn expected<S: LockStrategy, T>(vm: &Vm<S>, what: &str, value: &Value<S>) -> PyResult<S, T> {
    Err(vm.type_error(format!(
        "expected {what}, got '{}' object",
        ops::type_name(value)
    )))
}

// SAFETY: converts while attached and keeps no value.
unsafe impl<S: LockStrategy> IntoPy<S> for Value<S> {
    fn into_py(self, _: &mut Vm<S>) -> PyResult<S> {
        Ok(self)
    }
}

// SAFETY: converts while attached and keeps no value.
unsafe impl<S: LockStrategy> FromPy<S> for Value<S> {
    fn from_py(_: &mut Vm<S>, value: &Value<S>) -> PyResult<S, Self> {
        Ok(value.clone())
    }
}

// SAFETY: converts while attached and keeps no value.
unsafe impl<S: LockStrategy> IntoPy<S> for () {
    fn into_py(self, _: &mut Vm<S>) -> PyResult<S> {
        Ok(Value::None)
    }
}

// SAFETY: converts while attached and keeps no value.
unsafe impl<S: LockStrategy> IntoPy<S> for bool {
    fn into_py(self, _: &mut Vm<S>) -> PyResult<S> {
        Ok(Value::Bool(self))
    }
}

// SAFETY: converts while attached and keeps no value.
unsafe impl<S: LockStrategy> FromPy<S> for bool {
    fn from_py(vm: &mut Vm<S>, value: &Value<S>) -> PyResult<S, Self> {
        match value {
            Value::Bool(b) => Ok(*b),
            other => expected(vm, "bool", other),
        }
    }
}

// SAFETY: converts while attached and keeps no value.
unsafe impl<S: LockStrategy> IntoPy<S> for BigInt {
    fn into_py(self, _: &mut Vm<S>) -> PyResult<S> {
        Ok(ops::int_from_big(self))
    }
}

// SAFETY: converts while attached and keeps no value.
unsafe impl<S: LockStrategy> FromPy<S> for BigInt {
    fn from_py(vm: &mut Vm<S>, value: &Value<S>) -> PyResult<S, Self> {
        match ops::to_big(value) {
            Some(b) => Ok(b),
            None => Err(vm.type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                ops::type_name(value)
            ))),
        }
    }
}

/// Integer types: through `i64` when it fits, `BigInt` otherwise.
macro_rules! int_conversions {
    ($($t:ty),*) => {$(
        // SAFETY: converts while attached and keeps no value.
        unsafe impl<S: LockStrategy> IntoPy<S> for $t {
            fn into_py(self, _: &mut Vm<S>) -> PyResult<S> {
                Ok(match i64::try_from(self) {
                    Ok(i) => Value::Int(i),
                    Err(_) => ops::int_from_big(BigInt::from(self)),
                })
            }
        }

        // SAFETY: converts while attached and keeps no value.
        unsafe impl<S: LockStrategy> FromPy<S> for $t {
            fn from_py(vm: &mut Vm<S>, value: &Value<S>) -> PyResult<S, Self> {
                let big = BigInt::from_py(vm, value)?;
                <$t>::try_from(&big).map_err(|_| {
                    vm.new_error(
                        "OverflowError",
                        format!("int {big} does not fit in {}", stringify!($t)),
                    )
                })
            }
        }
    )*};
}
int_conversions!(i8, i16, i32, i64, i128, isize, u8, u16, u32, u64, u128, usize);

// SAFETY: converts while attached and keeps no value.
unsafe impl<S: LockStrategy> IntoPy<S> for f64 {
    fn into_py(self, _: &mut Vm<S>) -> PyResult<S> {
        Ok(Value::Float(self))
    }
}

// SAFETY: converts while attached and keeps no value.
unsafe impl<S: LockStrategy> FromPy<S> for f64 {
    fn from_py(vm: &mut Vm<S>, value: &Value<S>) -> PyResult<S, Self> {
        match value {
            Value::Float(f) => Ok(*f),
            Value::Int(i) => Ok(*i as f64),
            Value::Bool(b) => Ok(*b as i64 as f64),
            other => match ops::to_big(other) {
                Some(b) => Ok(b.to_f64().unwrap_or(f64::INFINITY)),
                None => Err(vm.type_error(format!(
                    "must be real number, not {}",
                    ops::type_name(other)
                ))),
            },
        }
    }
}

// SAFETY: converts while attached and keeps no value.
unsafe impl<S: LockStrategy> IntoPy<S> for String {
    fn into_py(self, _: &mut Vm<S>) -> PyResult<S> {
        Ok(ops::new_str(self))
    }
}

// SAFETY: converts while attached and keeps no value.
unsafe impl<S: LockStrategy> IntoPy<S> for &str {
    fn into_py(self, _: &mut Vm<S>) -> PyResult<S> {
        Ok(ops::new_str(self))
    }
}

// SAFETY: converts while attached and keeps no value.
unsafe impl<S: LockStrategy> FromPy<S> for String {
    fn from_py(vm: &mut Vm<S>, value: &Value<S>) -> PyResult<S, Self> {
        match value.payload() {
            Some(Payload::Str(s)) => Ok(s.as_str().to_string()),
            _ => expected(vm, "str", value),
        }
    }
}

// SAFETY: converts while attached and keeps no value.
unsafe impl<S: LockStrategy> IntoPy<S> for PyBytes {
    fn into_py(self, _: &mut Vm<S>) -> PyResult<S> {
        Ok(Value::Obj(ObjRef::new(Payload::Bytes(
            self.0.into_boxed_slice(),
        ))))
    }
}

// SAFETY: converts while attached and keeps no value.
unsafe impl<S: LockStrategy> FromPy<S> for PyBytes {
    fn from_py(vm: &mut Vm<S>, value: &Value<S>) -> PyResult<S, Self> {
        match value.payload() {
            Some(Payload::Bytes(b)) => Ok(PyBytes(b.to_vec())),
            _ => expected(vm, "bytes", value),
        }
    }
}

// SAFETY: converts while attached and keeps no value.
unsafe impl<S: LockStrategy, T: IntoPy<S>> IntoPy<S> for Vec<T> {
    fn into_py(self, vm: &mut Vm<S>) -> PyResult<S> {
        let items = self
            .into_iter()
            .map(|t| t.into_py(vm))
            .collect::<PyResult<S, Vec<_>>>()?;
        Ok(ops::new_list(items))
    }
}

/// The items of a list (a snapshot, taken under its lock) or a tuple.
fn sequence_items<S: LockStrategy>(value: &Value<S>) -> Option<Vec<Value<S>>> {
    let Value::Obj(o) = value else { return None };
    match o.payload() {
        Payload::List(items) => Some(items.with::<S, _>(&o.header, |v| v.clone())),
        Payload::Tuple(items) => Some(items.to_vec()),
        _ => None,
    }
}

// SAFETY: converts while attached and keeps no value.
unsafe impl<S: LockStrategy, T: FromPy<S>> FromPy<S> for Vec<T> {
    fn from_py(vm: &mut Vm<S>, value: &Value<S>) -> PyResult<S, Self> {
        match sequence_items(value) {
            Some(items) => items.iter().map(|v| T::from_py(vm, v)).collect(),
            None => expected(vm, "list or tuple", value),
        }
    }
}

// SAFETY: converts while attached and keeps no value.
unsafe impl<S: LockStrategy, T: IntoPy<S>> IntoPy<S> for Option<T> {
    fn into_py(self, vm: &mut Vm<S>) -> PyResult<S> {
        match self {
            Some(t) => t.into_py(vm),
            None => Ok(Value::None),
        }
    }
}

// SAFETY: converts while attached and keeps no value.
unsafe impl<S: LockStrategy, T: FromPy<S>> FromPy<S> for Option<T> {
    fn from_py(vm: &mut Vm<S>, value: &Value<S>) -> PyResult<S, Self> {
        match value {
            Value::None => Ok(None),
            v => T::from_py(vm, v).map(Some),
        }
    }
}

/// Tuples of one to four elements.
macro_rules! tuple_conversions {
    ($len:literal: $($t:ident $i:tt),+) => {
        // SAFETY: converts while attached and keeps no value.
        unsafe impl<S: LockStrategy, $($t: IntoPy<S>),+> IntoPy<S> for ($($t,)+) {
            fn into_py(self, vm: &mut Vm<S>) -> PyResult<S> {
                Ok(ops::new_tuple(vec![$(self.$i.into_py(vm)?),+]))
            }
        }

        // SAFETY: converts while attached and keeps no value.
        unsafe impl<S: LockStrategy, $($t: FromPy<S>),+> FromPy<S> for ($($t,)+) {
            fn from_py(vm: &mut Vm<S>, value: &Value<S>) -> PyResult<S, Self> {
                match value.payload() {
                    Some(Payload::Tuple(items)) if items.len() == $len => {
                        Ok(($($t::from_py(vm, &items[$i])?,)+))
                    }
                    Some(Payload::Tuple(items)) => Err(vm.value_error(format!(
                        "expected a tuple of {} items, got {}",
                        $len,
                        items.len()
                    ))),
                    _ => expected(vm, "tuple", value),
                }
            }
        }
    };
}
tuple_conversions!(1: A 0);
tuple_conversions!(2: A 0, B 1);
tuple_conversions!(3: A 0, B 1, C 2);
tuple_conversions!(4: A 0, B 1, C 2, D 3);

fn dict_into_py<S: LockStrategy, K: IntoPy<S>, V: IntoPy<S>>(
    vm: &mut Vm<S>,
    pairs: impl IntoIterator<Item = (K, V)>,
) -> PyResult<S> {
    let dict = ops::new_dict::<S>();
    let Value::Obj(d) = &dict else {
        unreachable!("new_dict returns an object")
    };
    for (k, v) in pairs {
        let (k, v) = (k.into_py(vm)?, v.into_py(vm)?);
        ops::dict_set(vm, d, k, v)?;
    }
    Ok(dict)
}

fn dict_from_py<S: LockStrategy, K: FromPy<S>, V: FromPy<S>>(
    vm: &mut Vm<S>,
    value: &Value<S>,
) -> PyResult<S, Vec<(K, V)>> {
    if !matches!(value.payload(), Some(Payload::Dict(_))) {
        return expected(vm, "dict", value);
    }
    ops::dict_items(value)
        .iter()
        .map(|(k, v)| Ok((K::from_py(vm, k)?, V::from_py(vm, v)?)))
        .collect()
}

// SAFETY: converts while attached and keeps no value.
unsafe impl<S: LockStrategy, K: IntoPy<S>, V: IntoPy<S>> IntoPy<S> for HashMap<K, V> {
    fn into_py(self, vm: &mut Vm<S>) -> PyResult<S> {
        dict_into_py(vm, self)
    }
}

// SAFETY: converts while attached and keeps no value.
unsafe impl<S: LockStrategy, K: FromPy<S> + Eq + Hash, V: FromPy<S>> FromPy<S> for HashMap<K, V> {
    fn from_py(vm: &mut Vm<S>, value: &Value<S>) -> PyResult<S, Self> {
        Ok(dict_from_py(vm, value)?.into_iter().collect())
    }
}

// SAFETY: converts while attached and keeps no value.
unsafe impl<S: LockStrategy, K: IntoPy<S>, V: IntoPy<S>> IntoPy<S> for BTreeMap<K, V> {
    fn into_py(self, vm: &mut Vm<S>) -> PyResult<S> {
        dict_into_py(vm, self)
    }
}

// SAFETY: converts while attached and keeps no value.
unsafe impl<S: LockStrategy, K: FromPy<S> + Ord, V: FromPy<S>> FromPy<S> for BTreeMap<K, V> {
    fn from_py(vm: &mut Vm<S>, value: &Value<S>) -> PyResult<S, Self> {
        Ok(dict_from_py(vm, value)?.into_iter().collect())
    }
}

/// The arguments of a call from Rust: a tuple of up to four [`IntoPy`]
/// values (`()` for none), or a `Vec` of already-converted values.
///
/// ```
/// let rt = runtime::Runtime::<gil::Gil>::builder().build();
/// rt.attach(|py| {
///     let fmt = py.eval("'{}-{}-{}'.format")?;
///     assert_eq!(fmt.call((1_i64, "b", 2.5))?.extract::<String>()?, "1-b-2.5");
///     assert_eq!(py.eval("list")?.call(())?.repr()?, "[]");
///     // SAFETY: the clones are moved into the call, made and dropped while attached.
///     let args = unsafe { vec![py.eval("3")?.value().clone(), py.eval("4")?.value().clone()] };
///     assert_eq!(py.eval("pow")?.call(args)?.extract::<i64>()?, 81);
///     Ok::<_, runtime::RunError>(())
/// })
/// .unwrap();
/// ```
///
/// # Safety
/// As for [`IntoPy`].
pub unsafe trait IntoPyArgs<S: LockStrategy> {
    /// Converts each argument.
    fn into_args(self, vm: &mut Vm<S>) -> PyResult<S, Vec<Value<S>>>;
}

// SAFETY: converts while attached and keeps no value.
unsafe impl<S: LockStrategy> IntoPyArgs<S> for () {
    fn into_args(self, _: &mut Vm<S>) -> PyResult<S, Vec<Value<S>>> {
        Ok(Vec::new())
    }
}

// SAFETY: converts while attached and keeps no value.
unsafe impl<S: LockStrategy> IntoPyArgs<S> for Vec<Value<S>> {
    fn into_args(self, _: &mut Vm<S>) -> PyResult<S, Vec<Value<S>>> {
        Ok(self)
    }
}

macro_rules! tuple_args {
    ($($t:ident $i:tt),+) => {
        // SAFETY: converts while attached and keeps no value.
        unsafe impl<S: LockStrategy, $($t: IntoPy<S>),+> IntoPyArgs<S> for ($($t,)+) {
            fn into_args(self, vm: &mut Vm<S>) -> PyResult<S, Vec<Value<S>>> {
                Ok(vec![$(self.$i.into_py(vm)?),+])
            }
        }
    };
}
tuple_args!(A 0);
tuple_args!(A 0, B 1);
tuple_args!(A 0, B 1, C 2);
tuple_args!(A 0, B 1, C 2, D 3);

/// A Rust value that holds no Python object, directly or inside, so that
/// a typed native function may take it as an argument or return it: its
/// body runs detached when it releases the GIL ([`crate::embed::Gil`]),
/// and a Python object cloned or dropped there would change a reference
/// count that nothing protects. [`Value`] is the one conversion without
/// it; a function that needs Python objects is a
/// [`crate::embed::NativeModule::raw_function`].
///
/// ```compile_fail
/// use runtime::embed::{Gil, NativeModule};
/// use runtime::object::Value;
/// type S = gil::GilRelease;
/// // Refused: the body would drop a Python object without the GIL.
/// let m = NativeModule::<S>::new("m").function("keep", Gil::Release, |v: Value<S>| v);
/// ```
///
/// # Safety
/// The type holds no [`Value`] or [`ObjRef`], and nothing that owns one.
pub unsafe trait Detached {}

macro_rules! detached {
    ($($t:ty),*) => {$(
        // SAFETY: plain Rust data.
        unsafe impl Detached for $t {}
    )*};
}
detached!(
    (),
    bool,
    BigInt,
    f64,
    String,
    &str,
    PyBytes,
    i8,
    i16,
    i32,
    i64,
    i128,
    isize,
    u8,
    u16,
    u32,
    u64,
    u128,
    usize
);
// SAFETY: holds only `T`s, which hold no Python object.
unsafe impl<T: Detached> Detached for Vec<T> {}
// SAFETY: as above.
unsafe impl<T: Detached> Detached for Option<T> {}
// SAFETY: as above, for keys and values.
unsafe impl<K: Detached, V: Detached> Detached for HashMap<K, V> {}
// SAFETY: as above, for keys and values.
unsafe impl<K: Detached, V: Detached> Detached for BTreeMap<K, V> {}
// SAFETY: as above, for each element.
unsafe impl<A: Detached> Detached for (A,) {}
// SAFETY: as above, for each element.
unsafe impl<A: Detached, B: Detached> Detached for (A, B) {}
// SAFETY: as above, for each element.
unsafe impl<A: Detached, B: Detached, C: Detached> Detached for (A, B, C) {}
// SAFETY: as above, for each element.
unsafe impl<A: Detached, B: Detached, C: Detached, D: Detached> Detached for (A, B, C, D) {}
