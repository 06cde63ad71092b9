# String slicing, repetition, comparison, iteration and immutability.
s = 'Gilgamesh'
print(s[0], s[-1], s[2:5], s[:3], s[3:], s[::2], s[::-1], s[-4:-1], s[10:], s[5:2])
print(s * 2, 3 * 'ab', '-' * 10, 'x' * 0 + '|', 'x' * -1 + '|')
print('apple' < 'banana', 'Zebra' < 'apple', 'abc' < 'abcd', 'b' > 'abc', 'a' == 'a')
print(sorted(['banana', 'Apple', 'cherry', 'apple']), min('hello'), max('hello'))
print([c for c in 'abc'], list(enumerate('xy')), len('héllo'))
try:
    s[0] = 'g'
except TypeError as e:
    print('TypeError:', e)
try:
    s[20]
except IndexError as e:
    print('IndexError:', e)
print(ord('A'), chr(97), ''.join(chr(ord(c) + 1) for c in 'HAL'))
t = s
t += '!'
print(s, t, s is not t)
print('abc'.__len__(), 'abc'.__contains__('b'), 'abc' + 'def')
print(str(123) + str(4.5) + str(None) + str([1]))
