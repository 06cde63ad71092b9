# Ends with an uncaught error; finally blocks still print on the way out.
class Abort(Exception):
    pass

def step(n):
    try:
        print('step', n)
        if n == 2:
            raise Abort('stopped at step %d' % n)
    finally:
        print('cleanup', n)

for n in range(4):
    step(n)
