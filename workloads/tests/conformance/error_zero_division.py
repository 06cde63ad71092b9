# Ends with an uncaught ZeroDivisionError from true division.
print('before')
x = 10
y = x - 10
print(x / 4)
print(x / y)
print('not reached')
