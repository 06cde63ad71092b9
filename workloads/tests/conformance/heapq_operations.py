# heapq: push/pop order, heapify, replace/pushpop, nsmallest/nlargest, merge,
# user-defined ordering through __lt__, and the errors.
import heapq

data = [5, 1, 8, 3, 9, 2, 7, 2, 6, 0, 4]
heap = []
for x in data:
    heapq.heappush(heap, x)
print(heap[0], len(heap))
print([heapq.heappop(heap) for _ in range(len(data))])

h = list(data)
heapq.heapify(h)
print(all(h[k] <= h[c] for k in range(len(h)) for c in (2 * k + 1, 2 * k + 2) if c < len(h)))
print(heapq.heapreplace(h, 10), heapq.heappushpop(h, -1), heapq.heappushpop(h, 3))
print(sorted(h) == [heapq.heappop(h) for _ in range(len(h))])

words = ["pear", "fig", "banana", "kiwi", "apple", "date"]
print(heapq.nsmallest(3, words), heapq.nlargest(2, words))
print(heapq.nsmallest(2, words, key=len), heapq.nlargest(3, words, key=len))
print(heapq.nsmallest(0, words), heapq.nlargest(-1, words), heapq.nsmallest(10, [3, 1]))
print(heapq.nlargest(2, iter([5, 1, 7])))

print(list(heapq.merge([1, 4, 9], [2, 3, 10], [], [0, 5])))
print(list(heapq.merge([9, 4, 1], [8, 2], reverse=True)))
print(list(heapq.merge(["b", "ccc"], ["a", "dd"], key=len)))
print(list(heapq.merge([(1, "first")], [(1, "second")], key=lambda t: t[0])))

tasks = []
for item in [(3, "write"), (1, "plan"), (2, "code"), (1, "coffee")]:
    heapq.heappush(tasks, item)
while tasks:
    print(heapq.heappop(tasks))


class Job:
    def __init__(self, name, cost):
        self.name = name
        self.cost = cost

    def __lt__(self, other):
        return self.cost < other.cost


jobs = [Job("a", 3), Job("b", 1), Job("c", 2)]
heapq.heapify(jobs)
print([heapq.heappop(jobs).name for _ in range(3)])

attempts = [
    lambda: heapq.heappop([]),
    lambda: heapq.heapreplace([], 1),
    lambda: heapq.heappush((), 1),
    lambda: heapq.heapify("abc"),
    lambda: heapq.heappush([1], "x"),
]
for attempt in attempts:
    try:
        attempt()
    except (IndexError, TypeError) as e:
        print(type(e).__name__ + ":", e)
