"""Run every benchmark once in its quick (default) form; `make bench`.

Each benchmark prints its own figures; the acceptance-size runs are documented in
docs/benchmarks/*.md with their exact commands (e.g. `bench/rules_bench.py --full`).
"""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHES = [
    ["catalog_import.py", "--quick"],
    ["licenses_verify.py"],
    ["rules_bench.py", "--resolutions", "2000", "--cycles", "50"],
    ["documents.py"],
]


def main() -> int:
    failed = []
    for script, *args in BENCHES:
        print(f"\n===== {script} {' '.join(args)}", flush=True)
        if subprocess.run([sys.executable, str(HERE / script), *args], cwd=HERE.parent).returncode != 0:
            failed.append(script)
    if failed:
        print(f"\nfailed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
