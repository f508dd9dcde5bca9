"""Build the English site (mkdocs.en.yml) into <site_dir>/en/ after the Chinese one.

Two builds rather than an i18n plugin: each language gets its own search index with its own
tokenizer, and `mkdocs build` / `mkdocs serve` on mkdocs.yml still produce (and live-reload) both.
The English site_url is the Chinese one plus "en/", so HANDBOOK_SITE_URL sets both.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

log = logging.getLogger("mkdocs.hooks.build_english")

ENGLISH_CONFIG = "mkdocs.en.yml"


def on_post_build(config, **kwargs) -> None:
    english_config = load_config(
        str(Path(config.config_file_path).with_name(ENGLISH_CONFIG)),
        site_dir=str(Path(config.site_dir) / "en"),
        site_url=(config.site_url or "/").rstrip("/") + "/en/",
        strict=config.strict,
        use_directory_urls=config.use_directory_urls,
    )
    log.info("Building the English site into %s", english_config.site_dir)
    build(english_config)
