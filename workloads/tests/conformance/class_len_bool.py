# __len__ and __bool__ drive len(), truth tests, and bool().
class Stack:
    def __init__(self, *items):
        self.items = list(items)
    def __len__(self):
        return len(self.items)

class Flag:
    def __init__(self, on):
        self.on = on
    def __bool__(self):
        print('  __bool__ called')
        return self.on

class Both:
    def __len__(self):
        return 0
    def __bool__(self):
        return True

class Neither:
    pass

s = Stack(1, 2, 3)
print(len(s), bool(s), bool(Stack()))
if not Stack():
    print('empty stack is falsy')
print(bool(Flag(True)), bool(Flag(False)))
if Flag(False) or Flag(True):
    print('or worked')
print(bool(Both()), len(Both()), bool(Neither()))
print(not Neither(), [x for x in (Stack(), Stack(0), Stack(0, 0)) if x].__len__())

class BadLen:
    def __len__(self):
        return -1
try:
    len(BadLen())
except ValueError as e:
    print('ValueError:', e)
class BadBool:
    def __bool__(self):
        return 1
try:
    bool(BadBool())
except TypeError as e:
    print('TypeError:', e)
class StrLen:
    def __len__(self):
        return '3'
try:
    len(StrLen())
except TypeError as e:
    print('TypeError:', e)
