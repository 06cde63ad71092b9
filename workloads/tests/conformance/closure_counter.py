# Counters built from closures with nonlocal; each closure has its own cell.
def make_counter(start=0, step=1):
    count = start
    def counter():
        nonlocal count
        count += step
        return count
    return counter

c1 = make_counter()
c2 = make_counter(100, 10)
print(c1(), c1(), c1(), c2(), c2(), c1())

def make_pair():
    value = 0
    def get():
        return value
    def inc(n=1):
        nonlocal value
        value += n
    return get, inc

get, inc = make_pair()
inc()
inc(5)
print(get())
get2, inc2 = make_pair()
print(get2(), get())
print(c1.__closure__ is not None, make_counter.__closure__)
