# Comparison operators and chained comparisons.
x = 2
print(1 < x < 3, 1 < x < 2, 3 > x > 1, 1 <= x <= 2 <= 2)
print(1 < 2 > 0, 1 == 1 == 1, 1 == 1 == 2, 1 != 2 != 1)
count = [0]

def f():
    count[0] += 1
    return 5

print(0 < f() < 10, count[0])
print(10 < f() < 20, count[0])
print(1 == 1.0, 1 == '1', 'a' == 'a', [1, 2] == [1, 2], (1, 2) == [1, 2])
print(None == 0, None == None, 0 == False, 1 == True)
print('abc' < 'abd', 'abc' < 'ab', 'Z' < 'a', '' < 'a', 'apple' <= 'apple')
print([1, 2] < [1, 3], [1, 2] < [1, 2, 0], [2] > [1, 9, 9], [] < [0])
print((1, 'b') < (1, 'c'), (1, 2, 3) == (1, 2, 3), (0,) < (0, 0))
print({'a': 1} == {'a': 1}, {'a': 1, 'b': 2} == {'b': 2, 'a': 1}, {'a': 1} != {'a': 2})
print(1 < 1.5 < 2, 2.0 >= 2, -1 < -0.5)
print(2 ** 70 > 1.0, -(2 ** 70) < -1e20)
a = 3
b = 7
if a < b:
    print('a < b')
if not a >= b:
    print('not a >= b')
print(a != b, a == b, a <= b, a >= b)
