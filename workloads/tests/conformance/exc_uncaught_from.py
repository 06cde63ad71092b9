# Ends with an uncaught chained exception; the last stderr line is the outer one.
class StorageError(Exception):
    pass

def read(store, key):
    try:
        return store[key]
    except KeyError as e:
        raise StorageError('no such key: ' + repr(key)) from e

store = {'x': 1}
print(read(store, 'x'))
read(store, 'y')
