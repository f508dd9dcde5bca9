"""Serving a built site as the intranet server does: under a path prefix, with deploy/nginx.conf's
headers and MIME types (read from the file, so the tests and the deployment cannot drift)."""

from __future__ import annotations

import http.server
import re
import threading
from pathlib import Path

from support import ROOT

NGINX_CONF = ROOT / "deploy" / "nginx.conf"


def nginx_headers(conf: Path = NGINX_CONF) -> dict[str, str]:
    """The `add_header Name "value" always;` directives of the config."""
    text = re.sub(r"#[^\n]*", "", conf.read_text(encoding="utf-8"))
    return dict(re.findall(r'add_header\s+([\w-]+)\s+"([^"]*)"\s+always;', text))


def nginx_types(conf: Path = NGINX_CONF) -> dict[str, str]:
    """Extension -> MIME type from the config's own `types { … }` block (with its charset)."""
    text = re.sub(r"#[^\n]*", "", conf.read_text(encoding="utf-8"))
    block = re.search(r"\btypes\s*\{([^}]*)\}", text).group(1)
    charset = re.search(r"\bcharset\s+([\w-]+);", text).group(1)
    charset_types = re.search(r"\bcharset_types\s+([^;]+);", text).group(1).split()
    found = {}
    for mime, extensions in re.findall(r"([\w.+-]+/[\w.+-]+)\s+([^;]+);", block):
        for extension in extensions.split():
            found[extension] = f"{mime}; charset={charset}" if mime in charset_types else mime
    return found


def serve_site(directory: Path, prefix: str = "/", headers: dict[str, str] | None = None):
    """Serve `directory` at http://127.0.0.1:<port><prefix>; returns (base URL, server).
    The directory may be filled after the server starts (to build with its address)."""
    headers = headers or {}
    extensions = {f".{ext}": mime for ext, mime in nginx_types().items()}

    class Handler(http.server.SimpleHTTPRequestHandler):
        extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **extensions}

        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(directory), **kwargs)

        def translate_path(self, path):
            if not path.startswith(prefix):
                return str(Path(directory) / "__outside_the_prefix__")
            return super().translate_path("/" + path[len(prefix):])

        def end_headers(self):
            for name, value in headers.items():
                self.send_header(name, value)
            super().end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}{prefix}", server
