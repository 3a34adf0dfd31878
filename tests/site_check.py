"""A built site, visited in headless Chromium: what a reader would hit (console errors, broken images, dead links).

Debian's `chromium` (installed by `make setup`) is driven through Playwright; the site is served over HTTP from a
thread, as GitHub Pages serves it, so relative links and the search page's JavaScript behave as they will there.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

from playwright.sync_api import Browser, sync_playwright

COLAB = "https://colab.research.google.com/github/"


@dataclass
class Visit:
    """What one page showed: its problems, and the Colab links on it."""

    page: str
    problems: list[str] = field(default_factory=list)
    colab_links: list[str] = field(default_factory=list)


def chromium() -> str:
    """The Chromium executable (Debian's package), or a one-line failure saying how to get it."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        raise RuntimeError("chromium not found: `make setup` installs Debian's chromium package (apt-get)")
    return found


@contextlib.contextmanager
def served(folder: Path) -> Iterator[str]:
    """The folder served over HTTP on a free local port; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def browser() -> Iterator[Browser]:
    """Headless Chromium, closed afterwards."""
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium(), args=["--no-sandbox"])
        try:
            yield launched
        finally:
            launched.close()


def visit_all(folder: Path, base: str, chrome: Browser) -> list[Visit]:
    """Every HTML page of the site, each opened in a fresh page (not the theme's template parts in _static/)."""
    pages = sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*.html")
                   if not path.relative_to(folder).parts[0].startswith("_"))
    return [visit(folder, base, chrome, page) for page in pages]


def visit(folder: Path, base: str, chrome: Browser, page_path: str) -> Visit:
    """Open one page: console errors, images that did not load, internal links to nothing."""
    result = Visit(page_path)
    page = chrome.new_page()
    page.on("console", lambda message: message.type == "error" and result.problems.append(
        f"console error: {message.text}"))
    page.on("pageerror", lambda error: result.problems.append(f"script error: {error}"))
    url = urljoin(base, page_path)
    page.goto(url, wait_until="load")
    for source, width in page.eval_on_selector_all("img", "images => images.map(i => [i.src, i.naturalWidth])"):
        if width == 0:
            result.problems.append(f"image did not load: {source}")
    for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)"):
        if href.startswith(COLAB):
            result.colab_links.append(href)
        elif href.startswith(base) and not _exists(folder, href[len(base):]):
            result.problems.append(f"dead link: {href}")
    page.close()
    return result


def search(base: str, chrome: Browser, words: str) -> list[str]:
    """The titles of the pages the site's search box finds for `words`."""
    page = chrome.new_page()
    page.goto(urljoin(base, f"search.html?q={words}"), wait_until="load")
    page.wait_for_function("document.querySelector('#search-results') && "
                           "document.querySelector('#search-results').innerText.length > 0", timeout=30_000)
    titles = page.eval_on_selector_all("#search-results li a", "links => links.map(a => a.innerText)")
    page.close()
    return titles


def screenshot(base: str, chrome: Browser, page_path: str, out: Path) -> Path:
    """A full-page PNG of one page, for a person to look at."""
    page = chrome.new_page(viewport={"width": 1280, "height": 900})
    page.goto(urljoin(base, page_path), wait_until="load")
    out.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(out), full_page=True)
    page.close()
    return out


def _exists(folder: Path, relative: str) -> bool:
    """Whether a link inside the site reaches a file (a folder link reaches its index.html)."""
    target = folder / unquote(urlparse(relative).path)
    return target.is_file() or (target / "index.html").is_file()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """The standard file server, without a log line per request in the test output."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class names it so
        """Say nothing."""


def problems(visits: list[Visit]) -> list[str]:
    """Every problem of every page, one line each, naming the page."""
    return [f"{visit.page}: {problem}" for visit in visits for problem in visit.problems]


