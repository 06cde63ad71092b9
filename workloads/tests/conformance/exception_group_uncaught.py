# An uncaught exception group: CPython's boxes on stderr (the status file
# keeps the last line, the closing box).
print("start")
raise ExceptionGroup("top", [ValueError(1), ExceptionGroup("sub", [TypeError(2)])])
