# `heapq`: binary min-heaps on plain lists, as in CPython. The invariant is
# heap[k] <= heap[2*k+1] and heap[k] <= heap[2*k+2]; every comparison is a
# `<` between items, so the items' own __lt__ decides the order.


def _check_list(heap, where):
    if not isinstance(heap, list):
        raise TypeError(where + " must be list, not " + type(heap).__name__)


def _sift_up(heap, pos):
    # Move heap[pos] towards the root while it is smaller than its parent.
    item = heap[pos]
    while pos > 0:
        parent = (pos - 1) >> 1
        if item < heap[parent]:
            heap[pos] = heap[parent]
            pos = parent
        else:
            break
    heap[pos] = item


def _sift_down(heap, pos):
    # Move heap[pos] towards the leaves while a child is smaller.
    end = len(heap)
    item = heap[pos]
    child = 2 * pos + 1
    while child < end:
        right = child + 1
        if right < end and heap[right] < heap[child]:
            child = right
        if heap[child] < item:
            heap[pos] = heap[child]
            pos = child
            child = 2 * pos + 1
        else:
            break
    heap[pos] = item


def heappush(heap, item):
    _check_list(heap, "heappush() argument 1")
    heap.append(item)
    _sift_up(heap, len(heap) - 1)


def _replace_root(heap, item):
    # Put `item` at the root of a non-empty heap and return the old root.
    smallest = heap[0]
    heap[0] = item
    _sift_down(heap, 0)
    return smallest


def heappop(heap):
    _check_list(heap, "heappop() argument")
    if not heap:
        raise IndexError("index out of range")
    last = heap.pop()
    if not heap:
        return last
    return _replace_root(heap, last)


def heapreplace(heap, item):
    _check_list(heap, "heapreplace() argument 1")
    if not heap:
        raise IndexError("index out of range")
    return _replace_root(heap, item)


def heappushpop(heap, item):
    _check_list(heap, "heappushpop() argument 1")
    if heap and heap[0] < item:
        item, heap[0] = heap[0], item
        _sift_down(heap, 0)
    return item


def heapify(heap):
    _check_list(heap, "heapify() argument")
    for pos in range(len(heap) // 2 - 1, -1, -1):
        _sift_down(heap, pos)


def nsmallest(n, iterable, key=None):
    # Documented by CPython as equivalent to sorted(...)[:n], ties included.
    if n <= 0:
        return []
    return sorted(iterable, key=key)[:n]


def nlargest(n, iterable, key=None):
    if n <= 0:
        return []
    return sorted(iterable, key=key, reverse=True)[:n]


def merge(*iterables, key=None, reverse=False):
    # Lazily merge sorted inputs. Each step takes the best head; on a tie the
    # earlier input wins, so the merge is stable.
    heads = []
    for it in iterables:
        it = iter(it)
        for value in it:
            heads.append([value if key is None else key(value), value, it])
            break
    while heads:
        best = 0
        for i in range(1, len(heads)):
            if reverse:
                better = heads[best][0] < heads[i][0]
            else:
                better = heads[i][0] < heads[best][0]
            if better:
                best = i
        entry = heads[best]
        yield entry[1]
        for value in entry[2]:
            entry[0] = value if key is None else key(value)
            entry[1] = value
            break
        else:
            del heads[best]
