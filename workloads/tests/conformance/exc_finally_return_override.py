# return inside finally overrides the try's return and swallows exceptions.
def f1():
    try:
        return 'try'
    finally:
        print('f1 finally')

def f2():
    try:
        return 'try'
    finally:
        return 'finally'

def f3():
    try:
        raise ValueError('lost')
    finally:
        return 'finally wins'

def f4():
    x = 1
    try:
        return x
    finally:
        x = 2
        print('f4 finally sets x =', x)

def f5():
    for i in range(3):
        try:
            if i == 1:
                return i
        finally:
            print('f5 finally', i)
    return -1

print(f1())
print(f2())
print(f3())
print(f4())
print(f5())
