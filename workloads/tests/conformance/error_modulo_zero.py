# Ends with an uncaught ZeroDivisionError from modulo.
print(7 % 3)
d = 0
print(1 % d)
