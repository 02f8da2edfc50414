"""Where shipped and local configuration files (rule packs, policies) are looked up."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent  # scheduler/, where the wheel keeps configs/


def config_dirs(scenario_path: Path | None, kind: str) -> list[Path]:
    """Where `configs/<kind>/` files are looked up, first match wins: next to the scenario and above, then
    shipped with the package."""
    dirs = []
    if scenario_path is not None:
        for parent in [scenario_path.resolve().parent, *scenario_path.resolve().parents]:
            dirs.append(parent / "configs" / kind)
    return dirs + [PACKAGE_DIR / "configs" / kind, PACKAGE_DIR.parent / "configs" / kind]


def rule_pack_dirs(scenario_path: Path | None) -> list[Path]:
    """Where `rules.pack: NAME` is looked up, first match wins."""
    return config_dirs(scenario_path, "rules")
