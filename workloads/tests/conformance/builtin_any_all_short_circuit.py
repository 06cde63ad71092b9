# any/all stop at the first decisive element; and/or return operands.
calls = []
def check(x):
    calls.append(x)
    return x > 2
print(any(check(x) for x in [1, 2, 3, 4, 5]), calls)
calls.clear()
print(all(check(x) for x in [3, 4, 1, 5]), calls)
calls.clear()
print(any(map(check, [])), all(map(check, [])), calls)
print(0 or 'default', '' or [] or None, 'a' and 'b', 0 and 1 / 0, None or 0)
print([x for x in (0, 1, 2) if x and 10 // x > 4])
it = iter([0, 0, 7, 0, 9])
print(any(it), list(it))
it = iter([1, 1, 0, 1])
print(all(it), list(it))
print(any([[]]), all([[]]), any('0'), all(''), any({0: 'x'}), all({1: 0}))
