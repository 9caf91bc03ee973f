"""Build the site and serve it like static hosting: shared by the tests and the bench.

tests/conftest.py re-exports these names for the tests; scripts/bench.py imports
this module through sys.path. Nothing here depends on pytest.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import ClassVar

import yaml

PROJECT_ROOT = Path(__file__).resolve().parents[1]
MKDOCS = [sys.executable, "-m", "mkdocs"]
# What a copy of the project needs to build.
PROJECT_PARTS = ["mkdocs.yml", "docs", "overrides", "data", "fonts"]

# Debian's Chromium (never a downloaded browser) and the flags it needs as root.
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-extensions",
    # One renderer for the one local site, nothing in the background: the
    # browser tests are CPU-bound on two cores.
    "--disable-features=site-per-process,IsolateOrigins,Translate,OptimizationHints,MediaRouter",
    "--disable-renderer-backgrounding",
    "--disable-background-timer-throttling",
    "--process-per-site",
]


def languages(root: Path = PROJECT_ROOT) -> list[str]:
    """Locales from mkdocs.yml (the i18n plugin's list), default first."""

    class _Loader(yaml.SafeLoader):
        pass

    _Loader.add_constructor("!ENV", lambda loader, node: None)
    config = yaml.load((root / "mkdocs.yml").read_text(), Loader=_Loader)
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    langs = sorted(i18n["languages"], key=lambda lang: not lang.get("default", False))
    return [lang["locale"] for lang in langs]


def copy_project(root: Path) -> None:
    """Copy what the project needs to build (PROJECT_PARTS) into `root`."""
    for part in PROJECT_PARTS:
        source = PROJECT_ROOT / part
        if source.is_dir():
            shutil.copytree(source, root / part)
        else:
            root.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, root / part)


def build_env(**extra: str) -> dict[str, str]:
    """This process's environment without the variables that narrow a build, plus `extra`."""
    env = {k: v for k, v in os.environ.items() if k not in ("I18N_ONLY", "DOCS_DIR")}
    env.update(NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1", **extra)
    return env


def run_build(
    project: Path, site_dir: Path, *, config: str | None = None, **env: str
) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of `project` into `site_dir` (`config`: another mkdocs.yml)."""
    config_args = ["--config-file", config] if config else []
    return subprocess.run(
        [*MKDOCS, "build", "--strict", *config_args, "--site-dir", str(site_dir)],
        cwd=project,
        env=build_env(**env),
        capture_output=True,
        text=True,
        timeout=600,
    )


class StaticHandler(http.server.SimpleHTTPRequestHandler):
    """Behaves like static hosting: folder index, 404.html with status 404."""

    extensions_map: ClassVar[dict[str, str]] = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".mjs": "text/javascript",
        ".js": "text/javascript",
    }

    def log_message(self, *args):  # keep test output quiet
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and not self.path.split("?")[0].endswith("/"):
            self.send_response(301)  # like GitHub Pages; a test asserts we never need it
            self.send_header("Location", self.path.split("?")[0] + "/")
            self.end_headers()
            return None
        if not (path / "index.html" if path.is_dir() else path).is_file():
            body = (Path(self.directory) / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return io.BytesIO(body)
        return super().send_head()


@functools.lru_cache(maxsize=512)
def _gzipped(path: Path, mtime_ns: int) -> bytes:
    """A file's bytes gzipped at level 6 (cached while the file is unchanged)."""
    return gzip.compress(path.read_bytes(), compresslevel=6)


class GzipStaticHandler(StaticHandler):
    """StaticHandler that also gzips text, as static hosts do (for the bench's Lighthouse).

    A 200 response whose type is text, JavaScript, JSON, SVG or XML is sent
    with Content-Encoding: gzip when the request accepts it.
    """

    COMPRESSED = ("text/", "application/javascript", "application/json", "image/svg+xml")

    def send_head(self):
        requested = Path(self.translate_path(self.path))
        folder = requested.is_dir()
        path = requested / "index.html" if folder else requested
        ctype = self.guess_type(str(path))
        if (
            "gzip" not in self.headers.get("Accept-Encoding", "")
            or (folder and not self.path.split("?")[0].endswith("/"))  # redirect
            or not path.is_file()  # 404
            or not ctype.startswith(self.COMPRESSED)
        ):
            return super().send_head()
        body = _gzipped(path, path.stat().st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def serve(root: Path, handler: type[StaticHandler] = StaticHandler) -> Iterator[str]:
    """Serve `root` on a free loopback port in a background thread; yield its base URL."""
    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(root))
    )
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()
