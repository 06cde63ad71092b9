//! [`Py`]: a Python value that outlives an attachment.
//!
//! A [`Bound`] lives only as long as the attachment that made it. To keep a
//! value across attachments, or to hand it to another Rust thread, unbind it
//! into a `Py`. Cloning and dropping a `Py` never touch the object's
//! reference count, so they are safe on any thread, attached or not (as
//! PyO3's `Py<T>` is): a `Py` is an [`Arc`] around one counted reference,
//! and when the last clone goes, that reference is moved (not released) to
//! the runtime's queue of deferred releases. The next thread that attaches
//! releases it (see [`crate::interp::Interp::release_deferred`]), or the
//! runtime's teardown does.

use super::{Bound, IntoPy, Python};
use crate::interp::Interp;
use crate::object::Value;
use crate::strategy::LockStrategy;
use crate::vm::{PyResult, Vm};
use std::mem::ManuallyDrop;
use std::sync::Arc;

/// A Python value owned outside any attachment: `Send`, `Sync` and
/// `'static`, safe to clone and drop on any thread.
///
/// ```
/// use runtime::embed::Py;
/// let rt = runtime::Runtime::<gil::Gil>::builder().build();
/// let config: Py<gil::Gil> = rt.attach(|py| py.eval("{'retries': 3}").map(|d| d.unbind())).unwrap();
/// // Cloned and dropped by a thread that never attaches:
/// let copy = config.clone();
/// std::thread::spawn(move || drop(copy)).join().unwrap();
/// let retries: i64 = rt
///     .attach(|py| config.bind(py).call_method("get", ("retries",))?.extract())
///     .unwrap();
/// assert_eq!(retries, 3);
/// ```
pub struct Py<S: LockStrategy> {
    inner: Arc<Held<S>>,
}

impl<S: LockStrategy> Clone for Py<S> {
    /// Clones the handle (an atomic count of handles); the object's own
    /// reference count is not touched.
    fn clone(&self) -> Self {
        Self {
            inner: self.inner.clone(),
        }
    }
}

/// The one counted reference that every clone of a [`Py`] shares, and the
/// runtime it belongs to.
struct Held<S: LockStrategy> {
    value: ManuallyDrop<Value<S>>,
    interp: Arc<Interp<S>>,
}

impl<S: LockStrategy> Drop for Held<S> {
    fn drop(&mut self) {
        // SAFETY: `value` is never used again: this is the holder's drop.
        let value = unsafe { ManuallyDrop::take(&mut self.value) };
        // Moved, not released: the thread dropping the last handle may be
        // detached. `interp` drops after this, possibly tearing the runtime
        // down, which releases the queue too.
        self.interp.defer_release(value);
    }
}

impl<S: LockStrategy> Py<S> {
    /// Binds the value to an attachment again.
    ///
    /// # Panics
    /// If the value belongs to another runtime: objects are never shared
    /// between runtimes, each of which has its own GIL.
    ///
    /// ```should_panic
    /// let a = runtime::Runtime::<gil::Gil>::builder().build();
    /// let b = runtime::Runtime::<gil::Gil>::builder().build();
    /// let list = a.attach(|py| py.eval("[1]").unwrap().unbind());
    /// b.attach(|py| drop(list.bind(py))); // panics: `list` belongs to `a`
    /// ```
    pub fn bind<'py>(&self, py: Python<'py, S>) -> Bound<'py, S> {
        assert!(
            Arc::ptr_eq(&self.inner.interp, &py.vm().interp),
            "a Py value was bound to a runtime other than its own"
        );
        // The clone is made while attached (`py`), to the value's runtime.
        py.bind((*self.inner.value).clone())
    }
}

impl<S: LockStrategy> std::fmt::Debug for Py<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Py(..)")
    }
}

impl<'py, S: LockStrategy> Bound<'py, S> {
    /// Detaches the value from the attachment's lifetime: a [`Py`] that can
    /// be kept, sent to other threads, and bound again later.
    ///
    /// ```
    /// let rt = runtime::Runtime::<finegrained::FineGrained>::builder().build();
    /// let counter = rt.attach(|py| py.eval("[0]").unwrap().unbind());
    /// let workers: Vec<_> = (0..4)
    ///     .map(|_| {
    ///         let (rt, counter) = (rt.clone(), counter.clone());
    ///         std::thread::spawn(move || rt.attach(|py| {
    ///             py.set("c", counter.bind(py)).unwrap();
    ///             py.run("c.append(1)").unwrap();
    ///         }))
    ///     })
    ///     .collect();
    /// for w in workers {
    ///     w.join().unwrap();
    /// }
    /// let n: usize = rt.attach(|py| counter.bind(py).extract::<Vec<i64>>().unwrap().len());
    /// assert_eq!(n, 5);
    /// ```
    pub fn unbind(self) -> Py<S> {
        let interp = self.py.vm().interp.clone();
        Py {
            inner: Arc::new(Held {
                value: ManuallyDrop::new(self.value),
                interp,
            }),
        }
    }
}

// SAFETY: `IntoPy`'s contract: the value passed in is a fresh reference,
// made while attached to the value's own runtime (checked).
unsafe impl<S: LockStrategy> IntoPy<S> for &Py<S> {
    fn into_py(self, vm: &mut Vm<S>) -> PyResult<S> {
        if !Arc::ptr_eq(&self.inner.interp, &vm.interp) {
            return Err(vm.new_error(
                "RuntimeError",
                "a Py value was passed to a runtime other than its own",
            ));
        }
        Ok((*self.inner.value).clone())
    }
}
