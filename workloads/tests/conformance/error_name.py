# Ends with an uncaught NameError.
value = 41
print(value + 1)
print(undefined_name)
