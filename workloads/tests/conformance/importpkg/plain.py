print("running importpkg.plain", __name__, __package__)
from . import helpers
from .helpers import double, _hidden
from .helpers import double as twice
value = double(21)
also = twice(_hidden)
if __name__ == "__main__":
    print("never: imported, not run")
