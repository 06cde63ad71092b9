# _string: the parsing helpers behind `string.Formatter` (CPython writes
# them in C next to str.format; the grammar is str.format's).


def _index(s):
    # A field name part made only of decimal digits is an int index.
    if s and s.isdecimal():
        return int(s)
    return s


def _parse(s):
    n = len(s)
    pos = 0
    while pos < n:
        # Literal text up to the next brace; a doubled brace is one brace
        # of literal text.
        start = pos
        c = ""
        markup = False
        while pos < n:
            c = s[pos]
            pos += 1
            if c == "{" or c == "}":
                markup = True
                break
        at_end = pos >= n
        end = pos
        if c == "}" and markup and (at_end or s[pos] != "}"):
            raise ValueError("Single '}' encountered in format string")
        if at_end and markup and c == "{":
            raise ValueError("Single '{' encountered in format string")
        if markup:
            if s[pos] == c:
                pos += 1
                markup = False
            else:
                end -= 1
        literal = s[start:end]
        if not markup:
            yield (literal, None, None, None)
            continue
        # The field name runs to '}', ':' or '!'; brackets hide those.
        name_start = pos
        c = ""
        while pos < n:
            c = s[pos]
            pos += 1
            if c == "{":
                raise ValueError("unexpected '{' in field name")
            if c == "[":
                while pos < n and s[pos] != "]":
                    pos += 1
                continue
            if c == "}" or c == ":" or c == "!":
                break
        else:
            c = ""
        if c == "":
            raise ValueError("expected '}' before end of string")
        name = s[name_start:pos - 1]
        conversion = None
        spec = ""
        if c == "!" or c == ":":
            if c == "!":
                if pos >= n:
                    raise ValueError(
                        "end of string while looking for conversion specifier")
                conversion = s[pos]
                pos += 1
                if pos < n:
                    c = s[pos]
                    pos += 1
                    if c == "}":
                        yield (literal, name, spec, conversion)
                        continue
                    if c != ":":
                        raise ValueError(
                            "expected ':' after conversion specifier")
            spec_start = pos
            depth = 1
            while pos < n:
                c = s[pos]
                pos += 1
                if c == "{":
                    depth += 1
                elif c == "}":
                    depth -= 1
                    if depth == 0:
                        break
            if depth:
                raise ValueError("unmatched '{' in format spec")
            spec = s[spec_start:pos - 1]
        yield (literal, name, spec, conversion)


def formatter_parser(s):
    if type(s) is not str and not isinstance(s, str):
        raise TypeError("descriptor 'formatter_parser' for 'str' objects "
                        "doesn't apply to a '%s' object" % type(s).__name__)
    return _parse(str(s))


def _rest(s, pos):
    n = len(s)
    while pos < n:
        c = s[pos]
        pos += 1
        if c == ".":
            start = pos
            while pos < n and s[pos] != "." and s[pos] != "[":
                pos += 1
            if pos == start:
                raise ValueError("Empty attribute in format string")
            yield (True, s[start:pos])
        elif c == "[":
            start = pos
            while pos < n and s[pos] != "]":
                pos += 1
            if pos >= n:
                raise ValueError("Missing ']' in format string")
            key = s[start:pos]
            pos += 1
            if key == "":
                raise ValueError("Empty attribute in format string")
            yield (False, _index(key))
        else:
            raise ValueError(
                "Only '.' or '[' may follow ']' in format field specifier")


def formatter_field_name_split(s):
    if not isinstance(s, str):
        raise TypeError("descriptor 'formatter_field_name_split' for 'str' "
                        "objects doesn't apply to a '%s' object"
                        % type(s).__name__)
    s = str(s)
    pos = 0
    while pos < len(s) and s[pos] != "." and s[pos] != "[":
        pos += 1
    return _index(s[:pos]), _rest(s, pos)
