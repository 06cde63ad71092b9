# zip(strict=True) raises ValueError when the iterables differ in length;
# strict=False (or a false value) is the default truncating zip.
def check(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)


check(lambda: list(zip([1, 2], [3, 4], strict=True)))
check(lambda: list(zip([1, 2], [3], strict=True)))
check(lambda: list(zip([1], [3, 4], strict=True)))
check(lambda: list(zip([1, 2], [3, 4], [5], strict=True)))
check(lambda: list(zip([1, 2], [3, 4], [5, 6, 7], strict=True)))
check(lambda: list(zip([], [1], [], strict=True)))
check(lambda: list(zip([1, 2], [3], strict=False)))
check(lambda: list(zip([1, 2], [3], strict=0)))
check(lambda: list(zip([1, 2], [3], strict=[])))
check(lambda: list(zip([1], [], strict=1)))
check(lambda: list(zip(strict=True)))
check(lambda: list(zip('ab', strict=True)))
check(lambda: list(zip('ab', 'cd', foo=1)))

# The pairs produced before the mismatch are seen by the consumer.
z = zip(range(3), 'ab', strict=True)
print(next(z), next(z))
check(lambda: next(z))


# The error comes when the short iterable ends, after the items before it
# were consumed.
def gen(n, tag):
    for i in range(n):
        print('yield', tag, i)
        yield i


check(lambda: list(zip(gen(2, 'a'), gen(1, 'b'), gen(2, 'c'), strict=True)))
check(lambda: list(zip(gen(1, 'a'), gen(1, 'b'), gen(2, 'c'), strict=True)))
check(lambda: [a + b for a, b in zip([1, 2], (10, 20), strict=True)])
check(lambda: dict(zip('xy', [1, 2], strict=True)))
