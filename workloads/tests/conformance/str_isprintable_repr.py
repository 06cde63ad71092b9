# str.isprintable and repr's escapes of characters that are not printable:
# controls, format characters, separators, private use, unassigned.
samples = ["plain", "", " ", "a b", "tab\t", "\x00", "\x7f", "\x85", "\xa0", "\xad", "é",
           "\u200b", "\u200e", "\u2028", "\u2029", "\u3000", "\ue000", "\ufeff", "\uffff",
           "日本", "\U0001f600", "\U000e0001", "\U0010ffff", "\U00020000", "\u0378"]
for s in samples:
    print(repr(s), s.isprintable(), ascii(s))
print(repr("mix\u200bed\U0001f600\x85end"))
print(str(["\u2028", "ok"]))
