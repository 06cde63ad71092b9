ds = [{"a": i, "b": i} for i in range(500_000)]
ls = [[i, i] for i in range(500_000)]
print(len(ds) + len(ls))
