# if / elif / else chains.

def classify(n):
    if n < 0:
        return 'negative'
    elif n == 0:
        return 'zero'
    elif n < 10:
        return 'small'
    elif n < 100:
        return 'medium'
    else:
        return 'large'

for n in [-5, 0, 7, 42, 1000, 10 ** 20]:
    print(n, classify(n))

def fizzbuzz(n):
    if n % 15 == 0:
        return 'FizzBuzz'
    if n % 3 == 0:
        return 'Fizz'
    if n % 5 == 0:
        return 'Buzz'
    return str(n)

out = []
for i in range(1, 21):
    out.append(fizzbuzz(i))
print(' '.join(out))
x = 3
if x:
    pass
else:
    print('unreachable')
if x > 1:
    if x > 2:
        print('x > 2')
    else:
        print('1 < x <= 2')
