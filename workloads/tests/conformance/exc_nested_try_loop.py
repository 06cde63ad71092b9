# Nested try blocks inside loops; exceptions skip to the nearest handler.
data = ['1', 'x', '3', '0', '', '5']
total = 0
for item in data:
    try:
        try:
            v = int(item)
        except ValueError:
            print('not a number:', repr(item))
            continue
        try:
            total += 60 // v
        except ZeroDivisionError:
            print('zero skipped')
            raise LookupError('zero seen')
        else:
            print('added', 60 // v)
    except LookupError as e:
        print('outer handled', e)
    finally:
        print('done with', repr(item))
print('total', total)

count = 0
for i in range(3):
    for j in range(3):
        try:
            if j == 1:
                raise ValueError(i, j)
            count += 1
        except ValueError as e:
            print('skip', e.args)
            break
print('count', count)
