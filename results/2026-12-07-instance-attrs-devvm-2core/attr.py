class C:
    def __init__(self):
        self.n = 0
        self.m = 1
c = C()
for i in range(3_000_000):
    c.n += 1
print(c.n)
