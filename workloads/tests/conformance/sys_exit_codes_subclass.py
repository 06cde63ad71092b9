# An uncaught subclass of SystemExit exits like SystemExit itself.
class Quit(SystemExit):
    pass

print('raising Quit(4)')
raise Quit(4)
