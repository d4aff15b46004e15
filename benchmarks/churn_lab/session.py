"""``python -m benchmarks.churn_lab.session``: a long-lived runner of the product's CLI commands.

Starting ``python -m assistant`` costs 3–5 s of CPU (its imports), more than importing a scenario
and explaining its week. The lab still reaches the product only through its CLI: each worker keeps
one of these processes, which runs the same click commands (``assistant.cli.cli``) as the command
line would, one task after another. A task is one JSON line on stdin:
``{"data_dir": …, "commands": [args, …]}``; ``ASSISTANT_DATA_DIR`` is set to ``data_dir`` before
its commands run (the product reads its settings from the environment on every command), so every
task has its own workspace. An entry of ``commands`` that is a list of argument lists is a fallback
chain: its next argument list runs only if the previous one failed. The answer is one JSON line:
a list of ``{"args", "code", "stdout", "stderr"}``.
"""

from __future__ import annotations

import json
import os
import sys

from click.testing import CliRunner


def main() -> int:
    from assistant.cli import cli

    runner = CliRunner()
    for line in sys.stdin:
        task = json.loads(line)
        os.environ["ASSISTANT_DATA_DIR"] = task["data_dir"]
        results = []
        for entry in task["commands"]:
            for args in entry if entry and isinstance(entry[0], list) else [entry]:
                run = runner.invoke(cli, args, prog_name="python -m assistant")
                error = "" if run.exception is None or isinstance(run.exception, SystemExit) else repr(run.exception)
                results.append({"args": args, "code": run.exit_code, "stdout": run.stdout, "stderr": run.stderr + error})
                if run.exit_code == 0:
                    break
        sys.stdout.write(json.dumps(results, ensure_ascii=False) + "\n")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
