# A dict-and-list based simulation with string keys and float balances.
accounts = {}

def open_account(name, deposit=0):
    accounts[name] = {'balance': deposit, 'log': []}

def transfer(src, dst, amount):
    if accounts[src]['balance'] < amount:
        accounts[src]['log'].append('failed ' + str(amount))
        return False
    accounts[src]['balance'] -= amount
    accounts[dst]['balance'] += amount
    accounts[src]['log'].append('sent ' + str(amount))
    accounts[dst]['log'].append('got ' + str(amount))
    return True

open_account('alice', 100)
open_account('bob')
open_account('carol', 50.5)
print(transfer('alice', 'bob', 30), transfer('bob', 'carol', 40), transfer('carol', 'alice', 0.25))
for name, acct in accounts.items():
    print(name, acct['balance'], acct['log'])
total = 0
for acct in accounts.values():
    total += acct['balance']
print(total)
print(accounts)
