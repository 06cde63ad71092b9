# Closures as callbacks capturing loop state and mutable containers.
class Button:
    def __init__(self, label):
        self.label = label
        self.handlers = []
    def on_click(self, fn):
        self.handlers.append(fn)
    def click(self):
        return [h(self.label) for h in self.handlers]

log = []
buttons = [Button(name) for name in ('ok', 'cancel')]
for idx, btn in enumerate(buttons):
    def handler(label, idx=idx):
        log.append('%d:%s' % (idx, label))
        return len(log)
    btn.on_click(handler)
    btn.on_click(lambda label, b=btn: b.label == label)
print(buttons[0].click(), buttons[1].click(), buttons[0].click())
print(log)

def make_account(balance):
    history = []
    def deposit(x):
        nonlocal balance
        balance += x
        history.append(('dep', x))
        return balance
    def withdraw(x):
        nonlocal balance
        if x > balance:
            history.append(('fail', x))
            return None
        balance -= x
        history.append(('wd', x))
        return balance
    def report():
        return balance, list(history)
    return deposit, withdraw, report

dep, wd, rep = make_account(10)
print(dep(5), wd(20), wd(12), dep(1))
print(rep())
