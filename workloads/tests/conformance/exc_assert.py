# assert with and without a message raises AssertionError.
def check(x):
    assert x > 0
    return x

def check_msg(x):
    assert x > 0, 'x must be positive, got %d' % x
    return x

print(check(3), check_msg(4))
try:
    check(-1)
except AssertionError as e:
    print('no message:', repr(e), e.args, '[' + str(e) + ']')
try:
    check_msg(-2)
except AssertionError as e:
    print('message:', e, e.args)
try:
    assert [], ['list', 'message']
except AssertionError as e:
    print('non-str message:', e.args[0])
assert True, 'never shown'
assert 1 == 1
try:
    assert 1 == 2, 1 + 2
except AssertionError as e:
    print('computed message', e)
print(issubclass(AssertionError, Exception))
