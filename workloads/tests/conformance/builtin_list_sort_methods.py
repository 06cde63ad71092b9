# list.sort(key=..., reverse=True) stability, plus insert/index/count/extend/copy.
records = [('x', 3), ('y', 1), ('z', 3), ('w', 2), ('v', 1)]
by_num = list(records)
by_num.sort(key=lambda r: r[1])
print(by_num)
by_num.sort(key=lambda r: r[1], reverse=True)
print(by_num)
names = ['delta', 'Alpha', 'charlie', 'Bravo']
names.sort()
print(names)
names.sort(key=len, reverse=True)
print(names)
names.sort(key=lambda s: s.lower())
print(names)
lst = [3, 1, 2]
lst.insert(0, 9)
lst.insert(100, 7)
lst.insert(-1, 5)
print(lst, lst.index(2), lst.count(5))
lst.extend(range(2))
cp = lst.copy()
cp.append('new')
print(lst, cp[-1], lst is cp)
lst.reverse()
print(lst)
nums = [[3, 'c'], [1, 'a'], [2, 'b']]
nums.sort()
print(nums)
try:
    [3, None, 1].sort()
except TypeError as e:
    print('TypeError:', e)
