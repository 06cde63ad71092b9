# else runs only without an exception; finally always runs.
def attempt(x):
    try:
        print('  try', x)
        v = 10 // x
    except ZeroDivisionError:
        print('  except')
    else:
        print('  else', v)
    finally:
        print('  finally')
    print('  end of attempt')

for x in (5, 0):
    print('attempt', x)
    attempt(x)

def only_finally(x):
    try:
        return 100 // x
    finally:
        print('  finally in only_finally', x)

print(only_finally(4))
try:
    only_finally(0)
except ZeroDivisionError as e:
    print('propagated:', e)

try:
    pass
except Exception:
    print('never')
else:
    print('else with empty try')
finally:
    print('finally with empty try')
