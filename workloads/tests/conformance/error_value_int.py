# Ends with an uncaught ValueError from int() of a non-number.
print(int('12') + 1)
print(int('abc'))
