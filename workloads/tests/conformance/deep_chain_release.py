# Releasing a long chain of objects (a linked list of instances, nested
# lists, dicts and tuples) must not overflow the interpreter's stack: each
# release releases the next object, so the frees nest as deep as the chain
# unless they are deferred (CPython's "trashcan").
import gc
import threading


class Node:
    pass


def chain_of_instances(n):
    head = None
    for _ in range(n):
        node = Node()
        node.next = head
        head = node
    return head


head = chain_of_instances(1_000_000)
del head
print("instances released")

nested = None
for _ in range(1_000_000):
    nested = [nested]
del nested
print("lists released")

d = {}
for _ in range(100_000):
    d = {"inner": d}
del d
t = ()
for _ in range(100_000):
    t = (t,)
del t
print("dicts and tuples released")

# A chain that is also a cycle is freed by the collector.
head = chain_of_instances(100_000)
tail = head
while tail.next is not None:
    tail = tail.next
tail.next = head
del head, tail
gc.collect()
print("cycle collected")


def in_thread():
    del_me = chain_of_instances(1_000_000)
    del del_me
    print("released in a thread")


worker = threading.Thread(target=in_thread)
worker.start()
worker.join()
