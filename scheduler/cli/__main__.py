"""`python -m scheduler.cli`."""

from scheduler.cli.commands import main

main()
