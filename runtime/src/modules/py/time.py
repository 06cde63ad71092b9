# The Python part of time: struct_time and what is built on the native
# calendar functions (which take and return plain tuples).
from _structseq import structseq as _structseq

struct_time = _structseq(
    "time.struct_time",
    ("tm_year", "tm_mon", "tm_mday", "tm_hour", "tm_min", "tm_sec", "tm_wday",
     "tm_yday", "tm_isdst", "tm_zone", "tm_gmtoff"),
    9,
)


def gmtime(seconds=None, /):
    return struct_time(_gmtime(seconds))


def localtime(seconds=None, /):
    return struct_time(_localtime(seconds))


def _time_tuple(t, name):
    if not isinstance(t, tuple):
        raise TypeError("Tuple or struct_time argument required")
    if len(t) != 9 and not isinstance(t, struct_time):
        raise TypeError(f"{name}(): illegal time tuple argument")
    if isinstance(t, struct_time):
        return tuple(t) + (t.tm_zone, t.tm_gmtoff)
    return tuple(t)


def mktime(t, /):
    return _mktime(_time_tuple(t, "mktime"))


def _checked(t):
    # CPython's checks before strftime and asctime: 0 stands for the first
    # month, day of the month and day of the year.
    t = list(t)
    if t[1] == 0:
        t[1] = 1
    elif not 1 <= t[1] <= 12:
        raise ValueError("month out of range")
    if t[2] == 0:
        t[2] = 1
    elif not 1 <= t[2] <= 31:
        raise ValueError("day of month out of range")
    if not 0 <= t[3] <= 23:
        raise ValueError("hour out of range")
    if not 0 <= t[4] <= 59:
        raise ValueError("minute out of range")
    if not 0 <= t[5] <= 61:
        raise ValueError("seconds out of range")
    if t[6] < 0:
        raise ValueError("day of week out of range")
    t[6] = t[6] % 7
    if t[7] == 0:
        t[7] = 1
    elif not 1 <= t[7] <= 366:
        raise ValueError("day of year out of range")
    t[8] = max(-1, min(1, t[8]))
    return tuple(t)


def strftime(format, t=None, /):
    if not isinstance(format, str):
        raise TypeError(f"strftime() argument 1 must be str, not {type(format).__name__}")
    if t is None:
        t = localtime()
    return _strftime(format, _checked(_time_tuple(t, "strftime")))


_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def asctime(t=None, /):
    if t is None:
        t = localtime()
    t = _checked(_time_tuple(t, "asctime"))
    return "%s %s%3d %.2d:%.2d:%.2d %d" % (
        _DAYS[t[6]], _MONTHS[t[1] - 1], t[2], t[3], t[4], t[5], t[0])


def ctime(seconds=None, /):
    return asctime(localtime(seconds))


def _zones():
    # As CPython: the zone of January 1 and of half a year later; the
    # one further west is standard time.
    year = (365 * 24 + 6) * 3600
    t = (int(_time()) // year) * year
    jan = _localtime(t)
    jul = _localtime(t + year // 2)
    jan_zone, jul_zone = -jan[10], -jul[10]
    if jan_zone < jul_zone:
        return jul_zone, jan_zone, int(jan_zone != jul_zone), (jul[9], jan[9])
    return jan_zone, jul_zone, int(jan_zone != jul_zone), (jan[9], jul[9])


_time = time
timezone, altzone, daylight, tzname = _zones()
del _time


def get_clock_info(name, /):
    import sys
    clocks = {
        "time": ("clock_gettime(CLOCK_REALTIME)", False, True),
        "monotonic": ("clock_gettime(CLOCK_MONOTONIC)", True, False),
        "perf_counter": ("clock_gettime(CLOCK_MONOTONIC)", True, False),
        "process_time": ("clock_gettime(CLOCK_PROCESS_CPUTIME_ID)", True, False),
        "thread_time": ("clock_gettime(CLOCK_THREAD_CPUTIME_ID)", True, False),
    }
    if name not in clocks:
        raise ValueError("unknown clock")
    implementation, monotonic, adjustable = clocks[name]
    return type(sys.implementation)(implementation=implementation, monotonic=monotonic,
                                    adjustable=adjustable, resolution=1e-09)
