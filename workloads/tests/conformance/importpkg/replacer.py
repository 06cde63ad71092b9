import sys


class Replacement:
    answer = 42


sys.modules[__name__] = Replacement()
