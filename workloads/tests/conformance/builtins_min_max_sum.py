# min / max / sum / len / abs over iterables and several arguments.
nums = [4, -2, 9, 0, 7]
print(min(nums), max(nums), sum(nums), len(nums))
print(min(3, 1, 2), max(3, 1, 2), min(5, 5), max(-1, -2))
print(min('hello'), max('hello'), min(['pear', 'apple']), max(('a', 'b')))
print(min(1, 0.5), max(1, 2.5), max(1, 1.0), max(1.0, 1), min(0, False))
print(sum([]), sum(()), sum(range(101)), sum([1, 2], 10), sum([0.5, 1, 2]))
print(sum([0.1] * 10))
print(sum([2 ** 64, 2 ** 64]), max([2 ** 64, 3]), min(-(2 ** 64), 0))
print(min(range(5, 10)), max(range(5, 10)), sum(range(0, 10, 3)))
print(max({'a': 1, 'z': 0}), min({'b': 1, 'c': 0}))
print(max([(1, 'b'), (1, 'c'), (0, 'z')]), min([[2], [1, 5]]))
print(len([1, [2, 3]]), len((1,)), len({'a': 1, 'b': 2}), len('abc'), len(range(0, 10, 3)))
print(abs(-7), abs(7.25))
mags = []
for x in nums:
    mags.append(abs(x))
print(mags, sum(mags), max(mags) - min(mags))
