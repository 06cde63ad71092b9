# __int__, __float__, __index__ and __round__ at every place that reads them, their errors, and int()/float() of decimal digits of other scripts.
class A:
    def __int__(self): return 'x'
class B:
    def __float__(self): return 1
class C:
    def __index__(self): return 1.5
class D:
    def __index__(self): return 4
class R:
    def __round__(self, n=None): return ("rounded", n)
for f in [lambda: int(A()), lambda: float(B()), lambda: [1][C()], lambda: round(object()),
          lambda: float(object()), lambda: int(object()), lambda: hex(C()), lambda: range(C())]:
    try:
        print(f())
    except TypeError as e:
        print("TypeError:", e)
print(float(D()), int(D()), hex(D()), oct(D()), bin(D()), list(range(D())), range(10)[D()])
print("abcdefgh"[D():], [0, 1, 2, 3, 4, 5][D()::-2], (1, 2, 3, 4, 5)[:D()])
lst = list(range(8)); lst[D()] = "x"; del lst[D():6]; print(lst)
print(round(R()), round(R(), 2), round(2.5), round(7, -1))
print(int("٣٤"), int("१२३"), int(" ٣ "), float("٣.٥"), int("0x1f", 16))
try:
    int("٣x")
except ValueError as e:
    print("ValueError:", e)
