# `python -m MODULE` and `python -c CODE` started again through
# sys.executable (as pyperformance and subprocess users do), and sys.stdin.
import os
import subprocess
import sys
import tempfile

with tempfile.TemporaryDirectory() as top:
    pkg = os.path.join(top, "demo_pkg")
    os.mkdir(pkg)
    with open(os.path.join(pkg, "__init__.py"), "w") as f:
        f.write("print('package imported as', __name__)\n")
    with open(os.path.join(pkg, "__main__.py"), "w") as f:
        f.write("import os, sys\n"
                "from . import helper\n"
                "print('main:', __name__, __package__, os.path.basename(sys.argv[0]), sys.argv[1:])\n"
                "print(helper.shout(sys.stdin.read()))\n")
    with open(os.path.join(pkg, "helper.py"), "w") as f:
        f.write("def shout(text):\n    return text.strip().upper()\n")
    with open(os.path.join(top, "plain.py"), "w") as f:
        f.write("import sys\nprint('plain:', __name__, sys.argv[1:])\nsys.exit(3)\n")

    def run(*args, stdin=""):
        r = subprocess.run([sys.executable, *args], cwd=top, input=stdin,
                           capture_output=True, text=True)
        err = r.stderr.strip().splitlines()
        last = err[-1] if err else ""
        # The interpreter's own path starts CPython's "No module named" line.
        if last.endswith("No module named nosuch"):
            last = "No module named nosuch"
        print(r.returncode, r.stdout.strip().splitlines(), last)

    run("-m", "demo_pkg", "a", "b", stdin="hello\nworld\n")
    run("-m", "plain", "x")
    run("-m", "demo_pkg.helper")
    run("-m", "nosuch")
    run("-c", "import sys; print(sys.argv, sum(map(int, sys.stdin)))", "z", stdin="1\n2\n3\n")
    run("-m", "json.tool", stdin='{"b": [1, 2], "a": null}')
