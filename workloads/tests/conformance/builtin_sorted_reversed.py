# sorted with key/reverse (stable), reversed, list.sort in place.
people = [('ann', 31), ('bob', 25), ('cy', 31), ('di', 25), ('ed', 40)]
print(sorted(people, key=lambda p: p[1]))
print(sorted(people, key=lambda p: p[1], reverse=True))
print(sorted(people, key=lambda p: (-p[1], p[0])))
print(sorted(people, reverse=True))
lst = [5, 2, 8, 1, 9, 3]
print(sorted(lst), lst)
lst.sort(reverse=True)
print(lst)
lst.sort(key=lambda x: x % 3)
print(lst)
words = ['banana', 'Cherry', 'apple', 'date']
words.sort(key=str.lower, reverse=True)
print(words)
print(list(reversed([1, 2, 3])), list(reversed('abc')), list(reversed(range(4))), tuple(reversed((1, 2))))
print(sorted('hello'), sorted({'b': 1, 'a': 2}), sorted({3, 1, 2}), sorted((), reverse=True))
print(lst.sort() is None, sorted([3.5, 1, 2.25, -1]))
try:
    sorted([1, 'a'])
except TypeError as e:
    print('TypeError:', e)
try:
    reversed({1, 2})
except TypeError as e:
    print('TypeError:', e)
class R:
    def __reversed__(self):
        return iter('custom')
print(list(reversed(R())))
