class Stack(list):
    def push(self, x):
        super().append(x)
    def peek(self):
        return self[-1]

s = Stack()
s.push(1)
s.push(2)
s.append(3)
print(s, len(s), s.peek(), type(s).__name__, isinstance(s, list), type(s) is list)
print(s + [4], s * 2, [0] + s, s == [1, 2, 3], s[1:], list(reversed(s)))
print(sorted(s, reverse=True), 2 in s, s.index(2), s.count(3))
s.sort(reverse=True)
print(s, repr(s), str(s))
for x in s:
    print(x, end=" ")
print()
s.label = "top"
print(s.label, vars(s))

class L(list):
    pass
l = L([3, 1, 2])
print(l, L(), L(range(3)), L("ab"))
l.extend([9])
l += [10]
print(l, type(l).__name__)
del l[0]
l[0] = 7
print(l, l.pop(), l)
print(list.__len__(l), list.append.__name__)
list.append(l, 5)
print(l)

class Sized(list):
    def __init__(self, n):
        super().__init__(range(n))
        self.n = n
    def __len__(self):
        return 100
    def __getitem__(self, i):
        return ("item", i)
    def __repr__(self):
        return f"Sized({self.n})"
z = Sized(3)
print(len(z), z[0], repr(z), list.__len__(z), list.__getitem__(z, 1), str(z))
print([z], f"{z}")

class E(list):
    def __eq__(self, other):
        return "eq called"
print(E([1]) == [1], [1] == E([1]))

# identity, hashing
try:
    hash(L())
except TypeError as e:
    print(e)
print(bool(L()), bool(L([0])))
