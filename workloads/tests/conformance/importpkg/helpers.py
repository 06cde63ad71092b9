__all__ = ["double", "PUBLIC"]
PUBLIC = "public"
_hidden = 5
not_in_all = "left out by *"


def double(x):
    return 2 * x
