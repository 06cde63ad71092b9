# Ends with an uncaught user-defined exception with a message.
class MyError(Exception):
    pass

def work(n):
    if n > 2:
        raise MyError('n too large: %d' % n)
    return n * 10

for i in range(5):
    print(work(i))
