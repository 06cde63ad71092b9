# Imports importpkg.slow while other threads import it directly.
from importpkg import slow
ready = slow.done
