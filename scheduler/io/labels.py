"""The words people read for ids, shared by the spreadsheet and the calendars."""

from __future__ import annotations

from scheduler.problem import Duty, ShiftType


def duty_label(duty: Duty) -> str:
    """'Emergency response', 'Hotspot Market square', or the task's name."""
    name = duty.name or duty.id
    if duty.kind == "hotspot" and not name.lower().startswith("hotspot"):
        return f"Hotspot {name}"
    return name


def shift_label(shift: ShiftType) -> str:
    """'Late shift' for a shift type named 'Late'; a name that already says 'shift' is kept."""
    return shift.name if "shift" in shift.name.lower() else f"{shift.name} shift"


def reason_label(reason: str) -> str:
    """An unavailability reason as written in a cell: 'day_off' -> 'Day off'."""
    return reason.replace("_", " ").capitalize()
