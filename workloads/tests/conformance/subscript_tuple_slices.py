# Slices as items of a subscript tuple, for get, set and delete.
class G:
    def __getitem__(self, k): return k
    def __setitem__(self, k, v): print("set", k, v)
    def __delitem__(self, k): print("del", k)
g = G()
print(g[1:3, 'a'], g[::2, 1:], g[1, 2], g[(1, 2)], g[:, None], g[1:2,])
g[1:, ::-1] = 5
del g[:2, 3]
