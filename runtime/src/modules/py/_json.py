# The Python part of `_json`: the scanner object `json.scanner` makes; its
# call runs the whole parse natively (`_scan_once`).


class Scanner:
    """JSON scanner object"""

    def __init__(self, context):
        self.strict = bool(context.strict)
        self.object_hook = context.object_hook
        self.object_pairs_hook = context.object_pairs_hook
        self.parse_float = context.parse_float
        self.parse_int = context.parse_int
        self.parse_constant = context.parse_constant

    def __call__(self, string, idx):
        return _scan_once(self.strict, self.object_hook,
                          self.object_pairs_hook, self.parse_float,
                          self.parse_int, self.parse_constant, string, idx)


Scanner.__module__ = '_json'
make_scanner = Scanner
del Scanner
