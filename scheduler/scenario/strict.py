"""The base of every scenario model: unknown keys are errors, values frozen, no NaN."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Strict(BaseModel):
    # Attribute docstrings become the JSON Schema's descriptions (editor hovers, `scheduler schema`).
    # No .nan or .inf: every number reaches the solver or its arithmetic.
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True, allow_inf_nan=False)
