# The supported list methods.
a = [5, 3, 8]
a.append(1)
print(a)
a.extend([9, 9])
a.extend((7,))
a.extend(range(2))
a.extend('xy')
print(a)
print(a.pop(), a.pop(0), a.pop(-2), a)
a.insert(0, 'first')
a.insert(100, 'last')
a.insert(-1, 'before-last')
a.insert(-100, 'very-first')
print(a)
print(a.index(8), a.index(9), a.count(9), a.count(42))
a.remove(9)
print(a)
a.reverse()
print(a)
r = a.append(0)
print(r)
nums = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5]
nums.sort()
print(nums)
words = ['pear', 'apple', 'fig', 'Banana', 'apple']
words.sort()
print(words)
fl = [2.5, -1, 0, 3, 1.5]
fl.sort()
print(fl)
tl = [(2, 'b'), (1, 'z'), (2, 'a')]
tl.sort()
print(tl)
stack = []
for i in range(5):
    stack.append(i * i)
out = []
while len(stack) > 0:
    out.append(stack.pop())
print(out)
queue = [1, 2, 3]
queue.append(4)
print(queue.pop(0), queue.pop(0), queue)
print(nums.index(5), nums.count(5), nums.count(1))
