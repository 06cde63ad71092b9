# Ends with an error raised three calls deep.

def level3(x):
    return 100 / x

def level2(x):
    return level3(x - 2) + 1

def level1(x):
    print('level1', x)
    return level2(x) * 2

print(level1(4))
print(level1(2))
