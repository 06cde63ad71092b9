# except Exception does not catch KeyboardInterrupt, SystemExit or GeneratorExit.
for exc in (KeyboardInterrupt, SystemExit, GeneratorExit):
    try:
        try:
            raise exc('raised ' + exc.__name__)
        except Exception:
            print('wrongly caught by Exception')
    except BaseException as e:
        print('BaseException caught', type(e).__name__, e.args)

print(issubclass(KeyboardInterrupt, Exception), issubclass(KeyboardInterrupt, BaseException))
print(issubclass(SystemExit, Exception), issubclass(GeneratorExit, Exception))
try:
    raise SystemExit(5)
except SystemExit as e:
    print('exit code', e.code)
try:
    raise SystemExit
except SystemExit as e:
    print('bare SystemExit code', e.code, e.args)
try:
    raise SystemExit('message')
except SystemExit as e:
    print('message code', repr(e.code))
print('still running')
