# Ends with sys.exit('message'): exit status 1 and the message on stderr.
import sys

def main():
    try:
        print('working')
        return 0
    finally:
        print('cleanup before exit')

main()
sys.exit('fatal: configuration missing')
