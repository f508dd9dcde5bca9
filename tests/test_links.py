"""Every internal link and #anchor of the built site resolves, in both languages."""

from __future__ import annotations

import shutil

from publishing.site_checks import broken_links, parse_page
from support import SITE_URL, page_path, pages_of


def test_every_internal_link_and_anchor_resolves_in_both_languages(site):
    assert broken_links(site, [SITE_URL]) == []


def test_the_link_check_finds_a_broken_page_anchor_and_file(site, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    page = copy / "en" / "glossary" / "index.html"
    links = ['<a href="../regulation/#art-4-2">fine</a>',  # exists
             '<a href="../../regulation/#art-4-2">fine, across languages</a>',
             '<a href="../regulation/#art-4-99">no such item</a>',
             '<a href="../../calendar/no-such-feed.ics">no such file</a>',
             '<a href="../nowhere/">no such page</a>',
             f'<a href="{SITE_URL}en/roster/#no-such-anchor">own address, no such anchor</a>',
             '<a href="https://example.org/x/#y">outside: not checked here</a>']
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace("</article>", "".join(links) + "</article>", 1), encoding="utf-8")

    problems = broken_links(copy, [SITE_URL])

    assert problems == [
        "en/glossary/index.html: <a> ../regulation/#art-4-99: no anchor #art-4-99 in en/regulation/index.html",
        "en/glossary/index.html: <a> ../../calendar/no-such-feed.ics: no such file calendar/no-such-feed.ics",
        "en/glossary/index.html: <a> ../nowhere/: no such file en/nowhere/index.html",
        f"en/glossary/index.html: <a> {SITE_URL}en/roster/#no-such-anchor: no anchor #no-such-anchor "
        "in en/roster/index.html",
    ]


def test_each_page_names_the_same_page_in_the_other_language_as_its_alternate(site):
    for language, other in (("zh", "en"), ("en", "zh")):
        for url in pages_of(site, language):
            path = page_path(site, language, url)
            html = path.read_text(encoding="utf-8")
            alternates = [line for line in html.splitlines() if 'rel="alternate"' in line]
            target = f'hreflang="{other}"'
            [line] = [line for line in alternates if target in line]
            href = line.split('href="', 1)[1].split('"', 1)[0]
            resolved = (path.parent / href).resolve()
            assert resolved == page_path(site, other, url).parent.resolve(), (language, url, href)
            assert parse_page(resolved / "index.html").lang == other


def test_the_settings_name_each_language_s_root_as_the_site_s_geometry_does():
    """The language switch and the alternate links read each language's root from the settings
    (mkdocs.yml `extra.alternate`, each build's `language_root`); every link the macros make reads
    it from macros/site_paths.py: the two say the same, and so do mkdocs.yml's default address
    and site_paths.DEFAULT_SITE_URL, which the PDFs and publishing fall back on (in-process)."""
    import yaml

    from macros.site_paths import DEFAULT_SITE_URL, LANGUAGE_ROOTS
    from support import ROOT

    class Settings(yaml.SafeLoader):  # MkDocs' own tags (!ENV, !relative) are not needed here
        pass

    Settings.add_multi_constructor("!", lambda loader, suffix, node: (  # !ENV [NAME, default] -> default
        loader.construct_sequence(node)[-1] if suffix == "ENV" else None))
    chinese = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Settings)
    english = yaml.load((ROOT / "mkdocs.en.yml").read_text(encoding="utf-8"), Loader=Settings)
    assert {alternate["lang"]: alternate["link"] for alternate in chinese["extra"]["alternate"]} == LANGUAGE_ROOTS
    assert chinese["extra"]["language_root"] == LANGUAGE_ROOTS[chinese["theme"]["language"]]
    assert english["extra"]["language_root"] == LANGUAGE_ROOTS[english["theme"]["language"]]
    assert chinese["site_url"] == DEFAULT_SITE_URL  # the address a build has without HANDBOOK_SITE_URL
