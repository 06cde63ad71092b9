# Ends with an uncaught ZeroDivisionError from floor division.
values = [5, 3, 0]
for v in values:
    print(100 // v)
