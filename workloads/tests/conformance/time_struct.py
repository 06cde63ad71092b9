# time's calendar functions: struct_time, gmtime, strftime, asctime, mktime.
import time

t = time.gmtime(0)
print(t)
print(tuple(t), t.tm_year, t.tm_wday, t.tm_yday, t.tm_zone, t.tm_gmtoff, len(t))
print(time.gmtime(1700000000.75))
print(time.gmtime(-86400.5)[:6])
print(time.strftime("%Y-%m-%d %H:%M:%S %j %a %A %b %B %% %y %w %p", time.gmtime(1234567890)))
print(time.strftime("", time.gmtime(0)) == "")
print(time.asctime(time.gmtime(1234567890)))
print(time.asctime((2020, 2, 3, 4, 5, 6, 0, 34, 0)))
print(time.strftime("%d/%m", (2020, 0, 0, 0, 0, 0, 0, 0, 0)))
s = time.struct_time((2020, 1, 2, 3, 4, 5, 6, 7, 0))
print(s, s.tm_zone, s.tm_gmtoff, s == (2020, 1, 2, 3, 4, 5, 6, 7, 0))
print(s[1:3], s.tm_mday, type(s).__name__, time.struct_time.n_fields,
      time.struct_time.n_sequence_fields)
print(time.mktime(time.localtime(1700000000)) == 1700000000.0)
lt = time.localtime(1700000000)
print(lt.tm_gmtoff in (-time.timezone, -time.altzone), type(time.daylight).__name__,
      len(time.tzname))

for bad in [lambda: time.struct_time((1, 2)),
            lambda: time.struct_time(tuple(range(12))),
            lambda: time.strftime("%Y", (2020, 13, 1, 0, 0, 0, 0, 1, 0)),
            lambda: time.strftime("%Y", (2020, 1, 1, 24, 0, 0, 0, 1, 0)),
            lambda: time.mktime("x"),
            lambda: time.gmtime(float("nan")),
            lambda: time.asctime((1, 2)),
            lambda: time.get_clock_info("nope")]:
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)
