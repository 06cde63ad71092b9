# sys.stdout and sys.stderr: text streams over the runtime's output, which
# the embedding API may capture. Writes go through sys._write, so they
# interleave with print() exactly as print's own output does.


class TextIOWrapper:
    def __init__(self, fd, name):
        self._fd = fd
        self.name = name
        self.mode = "w"
        self.encoding = "utf-8"

    def write(self, text):
        if not isinstance(text, str):
            raise TypeError("write() argument must be str, not " + type(text).__name__)
        return _write(self._fd, text)

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def flush(self):
        _flush(self._fd)

    def fileno(self):
        return self._fd

    def writable(self):
        return True

    def readable(self):
        return False

    def __repr__(self):
        return "<_io.TextIOWrapper name='" + self.name + "' mode='w' encoding='utf-8'>"


TextIOWrapper.__module__ = "_io"
stdout = __stdout__ = TextIOWrapper(1, "<stdout>")
stderr = __stderr__ = TextIOWrapper(2, "<stderr>")
del TextIOWrapper
