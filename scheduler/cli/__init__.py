"""The `scheduler` command (`commands`; `week` adds next-week, `briefing` the report, `patrol` patrol and
check-patrol), its option types (`types`) and what the commands share (`common`, `patrol_files`)."""

from scheduler.cli import (
    briefing,  # noqa: F401  (registers its command on main)
    campaign,  # noqa: F401  (registers its command on main)
    patrol,  # noqa: F401  (registers its command on main)
    repair,  # noqa: F401  (registers its command on main)
    week,  # noqa: F401  (registers its commands on main)
)
from scheduler.cli.commands import main

__all__ = ["main"]
