# SystemExit with several arguments: the code is the tuple, printed to
# stderr, and the status is 1.
raise SystemExit('a', 2)
