# Ends with an uncaught exception class with a custom __init__ and __str__.
class HttpError(Exception):
    def __init__(self, code, reason):
        super().__init__(code, reason)
        self.code = code
        self.reason = reason

    def __str__(self):
        return '%d %s' % (self.code, self.reason)

try:
    raise HttpError(404, 'Not Found')
except HttpError as e:
    print('handled', e, e.code, e.args, repr(e))

def fetch():
    raise HttpError(500, 'Internal Server Error')

print('fetching')
fetch()
print('unreachable')
