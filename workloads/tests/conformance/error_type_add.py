# Ends with an uncaught TypeError for int + str.
print('1' + 'a', 1 + 1)
n = 1
s = 'a'
print(n + s)
