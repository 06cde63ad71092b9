# Sieve of Eratosthenes plus a few prime computations.

def sieve(n):
    flags = [True] * (n + 1)
    flags[0] = False
    flags[1] = False
    i = 2
    while i * i <= n:
        if flags[i]:
            j = i * i
            while j <= n:
                flags[j] = False
                j += i
        i += 1
    primes = []
    for k in range(n + 1):
        if flags[k]:
            primes.append(k)
    return primes

ps = sieve(2000)
print(len(ps), ps[:10], ps[-3:], sum(ps))
twins = 0
for i in range(len(ps) - 1):
    if ps[i + 1] - ps[i] == 2:
        twins += 1
print(twins)

def factorize(n):
    out = []
    d = 2
    while d * d <= n:
        while n % d == 0:
            out.append(d)
            n //= d
        d += 1
    if n > 1:
        out.append(n)
    return out

print(factorize(360), factorize(97), factorize(2 ** 10 * 3 ** 5), factorize(600851475143))
