"""docs/web.md shows the screenshots the browser tests make (issue 18 item 7): every image it
names exists under docs/screenshots/ and is small, and every page test_phone.py screenshots is
shown in both languages at both widths."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "web.md"
MAX_BYTES = 150_000


def _shown() -> set[str]:
    return set(re.findall(r'src="(screenshots/[^"]+\.png)"', DOC.read_text("utf-8")))


def test_every_screenshot_the_docs_show_exists_and_is_small():
    shown = _shown()
    assert shown, "docs/web.md shows no screenshot"
    missing = sorted(p for p in shown if not (ROOT / "docs" / p).is_file())
    assert missing == [], f"run scripts/screenshots.sh: {missing}"
    large = {p: (ROOT / "docs" / p).stat().st_size for p in shown}
    assert {p: n for p, n in large.items() if n > MAX_BYTES} == {}


def test_every_screenshotted_page_is_shown_in_both_languages_at_both_widths():
    from .test_phone import SHOWN

    expected = {f"screenshots/{n}-{s}.png" for n in SHOWN for s in ("en", "ar", "en-phone", "ar-phone")}
    assert expected - _shown() == set()
    on_disk = {f"screenshots/{p.name}" for p in (ROOT / "docs" / "screenshots").glob("*.png")}
    assert on_disk - _shown() == set(), "a screenshot on disk the docs do not show"
