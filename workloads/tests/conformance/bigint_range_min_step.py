# A step of -2**63 has no positive 64-bit counterpart: length, iteration,
# reversal and membership must not overflow (found by workloads/fuzz).
M = 2 ** 63
for r in [range(0, 10, -M), range(10, 0, -M), range(10, -10, -M), range(M - 1, -M, -M), range(-M, M - 1, M - 1), range(5, -M, -M)]:
    print(len(r), list(r), sum(r), r[::-1] if len(r) < 5 else None, 3 in r, r[-1] if len(r) else None)
print(list(reversed(range(10, -10, -M))))
print(range(0, 10, -M) == range(0), range(10, -10, -M) == range(10, -10, -M))
