# str() of an int far past the 4300-digit limit is refused from its size
# alone, at once (converting millions of digits first took seconds).
huge = 5 << 2 ** 22
print(huge.bit_length())
for f in [lambda: str(huge), lambda: repr(-huge), lambda: print(huge), lambda: "%d" % huge, lambda: f"{huge}"]:
    try:
        f()
    except ValueError as e:
        print("ValueError:", e)
edge = 10 ** 4299
print(len(str(edge)))
try:
    str(edge * 10)
except ValueError as e:
    print("ValueError:", e)
