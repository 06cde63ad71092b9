# Ends with an uncaught TypeError for calling with too many arguments.

def g(a, b=2):
    return a * b

print(g(3), g(3, 3))
print(g(1, 2, 3))
