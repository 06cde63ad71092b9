class N:
    pass
head = None
for i in range(1_000_000):
    n = N()
    n.next = head
    head = n
del head, n
print("ok")
