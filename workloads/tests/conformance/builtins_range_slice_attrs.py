# The attributes of range and slice objects, slice(), and their equality.
r = range(2, 20, 3)
print(r.start, r.stop, r.step)
print(range(5).start, range(5).stop, range(5).step)
print(range(10, 0, -2).step, list(range(10, 0, -2)))

# range equality compares the numbers produced, not the arguments.
print(range(0) == range(2, 2), range(0) == range(5, 1))
print(range(1, 2, 5) == range(1, 3, 7))
print(range(1, 10, 2) == range(1, 11, 2), range(1, 10, 2) == range(1, 10, 3))
print(range(3) != range(4), range(3) == [0, 1, 2])

s = slice(1, 9)
print(s, s.start, s.stop, s.step)
print(slice(4), slice(4).start, slice(4).stop)
print(slice(2, None, -1), slice("a", "b", "c").step)
letters = "abcdefgh"
print(letters[slice(1, 6, 2)], letters[slice(None, None, -1)], letters[s])
print([0, 1, 2, 3, 4][slice(3)], (9, 8, 7)[slice(1, None)])
print(slice(1, 2) == slice(1, 2, None), slice(1, 2) != slice(1, 3))
print(slice(1) == (None, 1, None), type(slice(1)).__name__)

for args in [(), (1, 2, 3, 4)]:
    try:
        slice(*args)
    except TypeError as e:
        print("TypeError:", e)
