"""Patrol plans for hotspot duty (`scheduler patrol`): `units` (what a plan is made from: units, hotspot
rules, travel, patrolled target time), `plan` (the CP-SAT model), `check` (the independent check and the
measures, no solver), `document` (patrol.json)."""
