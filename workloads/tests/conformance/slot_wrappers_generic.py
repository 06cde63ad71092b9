# list.__class_getitem__ (list[int]) and list/dict.__reversed__ as methods;
# a subclass's __reversed__ reaches list's through super().


def show(label, f):
    try:
        r = f()
        print(label, repr(r))
    except Exception as e:
        print(label, type(e).__name__, e)


show("list.__class_getitem__(int)", lambda: list.__class_getitem__(int))
show("dict.__class_getitem__((str, int))", lambda: dict.__class_getitem__((str, int)))
show("[].__class_getitem__(int)", lambda: [].__class_getitem__(int))
show("tuple.__class_getitem__(int)", lambda: tuple.__class_getitem__(int))
show("list[int] == list.__class_getitem__(int)", lambda: list[int] == list.__class_getitem__(int))
show("list(reversed([1, 2, 3]))", lambda: list([1, 2, 3].__reversed__()))
show("list({1: 2, 3: 4}.__reversed__())", lambda: list({1: 2, 3: 4}.__reversed__()))


class L(list):
    def __reversed__(self):
        return ["L", list(super().__reversed__())]

    def __iter__(self):
        return iter([0])


show("reversed(L([1, 2]))", lambda: reversed(L([1, 2])))
show("list[int].__origin__", lambda: list[int].__origin__)
show("hasattr(int, '__class_getitem__')", lambda: hasattr(int, "__class_getitem__"))
