# Unbounded recursion raises RecursionError, which can be caught.
def down(n):
    return down(n + 1) + 1

try:
    down(0)
except RecursionError as e:
    print('caught', type(e).__name__)
    print(isinstance(e, RuntimeError))

depth = 0
def count():
    global depth
    depth += 1
    count()

try:
    count()
except RecursionError:
    print('depth was large:', depth > 100)

def fine(n):
    if n == 0:
        return 0
    return 1 + fine(n - 1)

print(fine(200))
print('recovered, recursion still works after the error')
