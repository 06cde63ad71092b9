x, y, name = 3.14159, 42, "bob"
print(f"{x:.2f} {y:>6} {y:<6}| {y:^7}| {name!r} {y:08.2f} {y:x} {0.256:%} {1234567:,} {x=} {y = }")
print(f"{-42:=6} {255:#x} {255:#010b} {3:03d} {1e-5:g} {123456789.0:g} {0.5:.0f} {2.5:.0f} {1.005:.2f}")
print("%d %s %r %5.2f %x %-5s| %05d %+d %e %g %%" % (7, "s", "r", 2.5, 255, "ab", 42, 5, 12345.678, 0.0001))
print("%(a)s-%(b)d" % {"a": "A", "b": 2})
print("{} {} {}".format(1, "two", 3.0), "{0}{1}{0}".format("a", "b"), "{x}:{y:>4}".format(x=1, y=2))
print("{:{w}}|".format("hi", w=5), format(3.5, "08.3f"), format(10, "b"), format("s", "^5"))
print("hello world".title(), "ab".center(7, "*"), "7".zfill(3), "-7".zfill(4), "x".ljust(3, "."), "x".rjust(3))
print(sorted(["bb", "a", "ccc"], key=len), sorted([3, 1, 2], reverse=True), sorted(["b", "A", "c"], key=str.lower))
words = ["pear", "fig", "apple"]
words.sort(key=lambda w: (len(w), w))
print(words, "abc".islower(), "ABC".isupper(), "abc1".isalnum(), " \t".isspace())
print(f"{'nested ' + f'{1+1}'}", f"{[1,2]!s:>8}", f"{3:{'>'}{4}}")
