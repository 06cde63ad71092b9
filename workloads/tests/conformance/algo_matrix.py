# Nested lists as matrices.

def matmul(a, b):
    n = len(a)
    m = len(b[0])
    k = len(b)
    out = []
    for i in range(n):
        row = [0] * m
        for j in range(m):
            s = 0
            for t in range(k):
                s += a[i][t] * b[t][j]
            row[j] = s
        out.append(row)
    return out

def identity(n):
    out = []
    for i in range(n):
        row = [0] * n
        row[i] = 1
        out.append(row)
    return out

def transpose(a):
    out = []
    for j in range(len(a[0])):
        col = []
        for i in range(len(a)):
            col.append(a[i][j])
        out.append(col)
    return out

a = [[1, 2], [3, 4]]
b = [[5, 6], [7, 8]]
print(matmul(a, b))
print(matmul(a, identity(2)) == a)
print(transpose([[1, 2, 3], [4, 5, 6]]))
fibm = [[1, 1], [1, 0]]
r = identity(2)
for i in range(100):
    r = matmul(r, fibm)
print(r[0][1])
f = [[0.5, 0.25], [0.125, 1.0]]
print(matmul(f, f))
