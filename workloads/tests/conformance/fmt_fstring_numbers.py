# f-string numeric formats: .Nf, thousands separators, 08.2f, x/X/o/b, %, e, g.
x = 3.14159265
big = 1234567.891
n = 255
print(f'{x:.3f} {x:.0f} {x:10.2f}| {x:<10.4f}|')
print(f'{big:,} {big:,.2f} {1234567:,} {-9876543:,}')
print(f'{1234567:_} {big:_.1f}')
print(f'{x:08.2f} {-x:08.2f} {x:+08.2f}')
print(f'{n:x} {n:X} {n:o} {n:b} {n:#x} {n:#o} {n:#b} {n:08b}')
print(f'{0.256:%} {0.256:.1%} {1:.0%} {0.5:8.2%}|')
print(f'{big:e} {big:.2e} {0.000123:E}')
print(f'{big:g} {0.0001:g} {1e20:g} {100.0:g} {x:.3g}')
print(f'{7:d} {7:5d}| {-7:<5d}| {True:d}')
print(f'{2.5:.0f} {3.5:.0f} {0.125:.2f} {1.005:.2f}')
print(f'{1e16:f} {1/3:.10f}')
print(f'{12:c}{105:c}{108:c}')
print(f'{float("inf"):f} {float("-inf"):>6} {float("nan"):f}')
print(f'{10**20:,} {-0.0:.1f} {0:.3f}')
