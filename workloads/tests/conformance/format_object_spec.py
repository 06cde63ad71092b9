# format() with a non-empty spec on a type without its own __format__ raises TypeError (object.__format__).
for v in [[1], None, str, (1,), b'x', {1: 2}, 3, 2.5, 'ab', True, 1j]:
    try:
        print(repr(format(v, '>5')))
    except TypeError as e:
        print('TypeError', e)
