"""The HTML briefing in a real headless Chromium (Debian's, driven by Playwright): it loads from a
file without network, logs no console error, every chart is drawn, and a screenshot is taken.

Skipped with a message when no browser is installed locally; CI sets REQUIRE_BROWSER=1 so a missing
browser fails there instead of passing unnoticed.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from scheduler.cli import main
from scheduler.report import render_report, write_report

ROOT = Path(__file__).resolve().parent.parent
TINY = ROOT / "examples" / "tiny" / "zone.yaml"
COMPARE = ROOT / "tests" / "data" / "compare.json"
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
# Debian's Chromium in a container: no sandbox, no GPU, nothing fetched in the background.
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
PNG = b"\x89PNG\r\n\x1a\n"


def _unavailable() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "no headless Chromium: the Python driver is missing (pip install playwright)"
    if not os.access(CHROMIUM, os.X_OK):
        return "no headless Chromium: apt-get install chromium"
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    reason = _unavailable()
    if reason:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"REQUIRE_BROWSER=1 but {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def roster_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("tiny")
    result = CliRunner().invoke(main, ["solve", str(TINY), "--time-limit", "3", "--out", str(out), "--quiet",
                                       "--html", str(out / "briefing.html")])
    assert result.exit_code == 0, result.output
    return out / "briefing.html"


@pytest.fixture(scope="module")
def compare_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("compare") / "compare.html"
    write_report(path, render_report(json.loads(COMPARE.read_text(encoding="utf-8")), lang="fr"))
    return path


def open_page(browser: Any, path: Path) -> tuple[Any, list[str], list[str]]:
    """The page, its console errors (and uncaught exceptions), and every request that left the file."""
    page = browser.new_page(viewport={"width": 1240, "height": 900})
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url) if not r.url.startswith(("file:", "data:")) else None)
    page.goto(path.resolve().as_uri(), wait_until="load")
    return page, errors, requests


def charts_drawn(page: Any) -> list[dict[str, Any]]:
    return page.eval_on_selector_all(
        "svg.chart, canvas",
        """els => els.map(e => { const r = e.getBoundingClientRect();
                                 return {id: e.id, width: r.width, height: r.height, children: e.childElementCount,
                                         shapes: e.querySelectorAll('path, rect, image, use').length}; })""",
    )


@pytest.mark.parametrize(("page_name", "expected_charts"), [("roster", 5), ("compare", 7)])
def test_page_renders(browser: Any, roster_html: Path, compare_html: Path, tmp_path: Path,
                      page_name: str, expected_charts: int) -> None:
    path = roster_html if page_name == "roster" else compare_html
    page, errors, requests = open_page(browser, path)
    try:
        assert errors == []
        assert requests == []  # self-contained: nothing fetched
        charts = charts_drawn(page)
        assert len(charts) == expected_charts
        for c in charts:
            assert c["width"] > 50 and c["height"] > 30, c
            assert c["children"] > 0 and c["shapes"] > 0, c
        if page_name == "roster":
            page.click("details summary")  # the per-officer table opens without a script
            assert page.is_visible("details table")
        else:
            # The solver gaps and the verdicts are in view; a folded zone opens without a script.
            assert page.is_visible("#solver-gaps li") and page.is_visible(".tag.undecided") and page.is_visible(".gap-flag")
            assert not page.is_visible("#group-zone-2 table")
            page.click("#group-zone-2 > summary")
            assert page.is_visible("#group-zone-2 table")
        shot = tmp_path / f"{page_name}.png"
        page.screenshot(path=str(shot), full_page=True)
    finally:
        page.close()
    data = shot.read_bytes()
    assert data.startswith(PNG) and len(data) > 20_000
    width = int.from_bytes(data[16:20], "big")
    height = int.from_bytes(data[20:24], "big")
    assert width == 1240 and height > 1000  # the full page, not only the first screen


def test_campaign_page_renders(browser: Any, tmp_path: Path) -> None:
    """The campaign's page (no namespace declarations on its SVG: the HTML parser's own) draws every chart."""
    from campaign_documents import campaign  # noqa: PLC0415  (the hand-made documents of test_campaign_report)

    path = tmp_path / "campaign.html"
    write_report(path, render_report(campaign(), lang="nl"))
    page, errors, requests = open_page(browser, path)
    try:
        assert errors == [] and requests == []
        drawn = charts_drawn(page)
        assert [c["id"] for c in drawn] == [*(f"chart-weekly-{i}" for i in range(1, 5)), "chart-officers-1", "chart-officers-2"]
        for c in drawn:
            assert c["width"] > 50 and c["height"] > 30 and c["shapes"] > 0, c
        # Inline SVG without xmlns:xlink still resolves the bands' <use xlink:href> to their paths.
        bands = page.eval_on_selector_all("#chart-weekly-1 use[style*='fill-opacity: 0.18']",
                                          "els => els.map(e => e.getBBox().width)")
        assert len(bands) == 3 and all(w > 0 for w in bands)
        assert page.is_visible("#verdicts .worse") and page.is_visible("#failed-chains table")
    finally:
        page.close()
