x = [1, 2]
x += (3,)
print(x, round(1.5, 10**20), round(2.5, -10**20))
y = 1
y += "a"
