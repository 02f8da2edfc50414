"""The `scheduler` command (`commands`), its option types (`types`) and what the commands share (`common`)."""

from scheduler.cli.commands import main

__all__ = ["main"]
