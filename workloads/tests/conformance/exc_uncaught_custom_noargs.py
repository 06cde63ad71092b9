# Ends with an uncaught user-defined exception without arguments.
class ValidationFailed(ValueError):
    pass

try:
    raise ValidationFailed('caught first')
except ValueError as e:
    print('caught', type(e).__name__, e)
print('about to fail')
raise ValidationFailed
