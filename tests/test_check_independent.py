"""The checker, the measures and the roster data never import OR-Tools: they are an independent reference."""

from __future__ import annotations

import subprocess
import sys


def test_check_kpi_roster_do_not_import_ortools() -> None:
    code = (
        "import sys; import scheduler.check, scheduler.check_duties, scheduler.measures, scheduler.roster; "
        "assert 'ortools' not in sys.modules, sorted(m for m in sys.modules if m.startswith('ortools'))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
