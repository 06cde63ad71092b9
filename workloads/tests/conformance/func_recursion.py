# Recursion, including big-integer results and mutual recursion.

def fact(n):
    if n <= 1:
        return 1
    return n * fact(n - 1)

def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)

def is_even(n):
    if n == 0:
        return True
    return is_odd(n - 1)

def is_odd(n):
    if n == 0:
        return False
    return is_even(n - 1)

def hanoi(n, src, dst, via, moves):
    if n == 0:
        return
    hanoi(n - 1, src, via, dst, moves)
    moves.append((src, dst))
    hanoi(n - 1, via, dst, src, moves)

def gcd(a, b):
    if b == 0:
        return a
    return gcd(b, a % b)

def ackermann(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ackermann(m - 1, 1)
    return ackermann(m - 1, ackermann(m, n - 1))

print(fact(0), fact(5), fact(20), fact(25))
print(fact(50))
print(fib(20))
print(is_even(50), is_odd(7), is_even(7))
moves = []
hanoi(4, 'A', 'C', 'B', moves)
print(len(moves), moves[:3])
print(gcd(1071, 462), gcd(2 ** 80, 6 ** 30))
print(ackermann(2, 3))

def count_down(n, out):
    if n < 0:
        return out
    out.append(n)
    return count_down(n - 1, out)

print(count_down(5, []))
print(len(count_down(200, [])))
