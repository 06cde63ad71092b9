# User exception hierarchies: handlers match subclasses; order of handlers matters.
class AppError(Exception):
    pass

class NetworkError(AppError):
    pass

class TimeoutError_(NetworkError):
    def __init__(self, seconds):
        super().__init__('timed out after %ds' % seconds)
        self.seconds = seconds

class DiskError(AppError):
    pass

def fail(kind):
    if kind == 'timeout':
        raise TimeoutError_(30)
    if kind == 'net':
        raise NetworkError('connection reset')
    if kind == 'disk':
        raise DiskError('disk full')
    raise AppError('generic')

for kind in ('timeout', 'net', 'disk', 'other'):
    try:
        fail(kind)
    except NetworkError as e:
        print(kind, '-> network handler:', type(e).__name__, e)
    except AppError as e:
        print(kind, '-> app handler:', type(e).__name__, e)

try:
    fail('timeout')
except AppError as e:
    print(isinstance(e, NetworkError), isinstance(e, DiskError), e.seconds)
print([c.__name__ for c in TimeoutError_.__mro__])
try:
    fail('disk')
except (NetworkError, DiskError) as e:
    print('tuple handler', e)
