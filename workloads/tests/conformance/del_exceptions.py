# An exception in __del__ is reported on stderr and the program goes on.
class Bad:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print('del', self.name)
        raise ValueError('boom in ' + self.name)

b = Bad('first')
del b
print('still running')
def make():
    Bad('temp')
    return 'made'
print(make())
lst = [Bad('in list')]
lst = []
print('end')
