# The exception classes of the `_pickle` module (its types and functions
# are native: runtime/src/modules/pickle.rs).


class PickleError(Exception):
    pass


class PicklingError(PickleError):
    pass


class UnpicklingError(PickleError):
    pass
