# An except* that leaves a rest and raises: the uncaught group of both.
print("x")
try:
    raise ExceptionGroup("g", [ValueError(1), TypeError(2)])
except* ValueError:
    raise KeyError(5)
