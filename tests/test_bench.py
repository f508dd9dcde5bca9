"""The benchmark (`make bench`) keeps working: its synthetic data builds, its parts find what they
measure. No timing is asserted here; the figures only go to bench/results.md."""

from __future__ import annotations

import sys

from bench import run, suites
from bench.synthetic import SOURCE_DOCUMENT, add_to_nav
from macros.handbook import load_handbook
from support import CACHE, ROOT, page_path, soup


def test_the_growth_benchmark_generates_documents_that_are_valid_data_and_build(more_documents):
    # The session's copy with more documents (tests/conftest.py) is make_project(…, 2).
    project, site, finished = more_documents

    handbook = load_handbook(project / "data")
    assert set(handbook.documents) == {SOURCE_DOCUMENT, "synthetic-002", "test-amendment-2019"}
    assert handbook.documents["synthetic-002"].notice.number.zh != handbook.documents[SOURCE_DOCUMENT].notice.number.zh

    assert finished.returncode == 0, finished.stderr
    for language in ("zh", "en"):
        page = soup(page_path(site, language, "synthetic/synthetic-002/"))
        assert page.find(id="art-4-2") is not None
        assert page.find(id="synthetic-document") is not None


def test_synthetic_pages_go_at_the_end_of_the_nav_whatever_its_shape():
    config = ("site_name: x\nnav:\n  - index.md\n  - Duties:\n      - duties.md\n"
              "  # a comment\n\n# Theme\ntheme:\n  name: material\n")
    assert add_to_nav(config, ["synthetic/a.md"]) == (
        "site_name: x\nnav:\n  - index.md\n  - Duties:\n      - duties.md\n  - synthetic/a.md\n"
        "  # a comment\n\n# Theme\ntheme:\n  name: material\n")


def test_the_line_the_live_reload_benchmark_edits_is_in_the_data():
    text = (ROOT / "data" / "documents" / f"{SOURCE_DOCUMENT}.yml").read_text(encoding="utf-8")
    assert run.EDITED_LINE in text


def test_page_weight_counts_every_file_a_page_loads_and_all_are_on_the_site(site):
    loads = run.page_loads(site, page_path(site, "en", "regulation/"))
    files = {file.relative_to(site).as_posix() for _, _, file in loads if file is not None}
    assert [address for _, address, file in loads if file is None] == []
    assert "en/assets/stylesheets/handbook.css" in files
    assert "en/assets/javascripts/handbook.js" in files
    assert "en/search/search_index.json" in files
    assert any(name.startswith("en/assets/javascripts/bundle.") for name in files)

    rows, _ = run.measure_pages(site)
    assert {row["type"] for row in rows} >= {"zh /", "zh regulation/", "en /", "en regulation/"}
    for row in rows:
        assert row["missing"] == [], row
        assert row["total"] > row["html"] > 0 and row["gzip"] < row["total"]


def test_the_search_section_calls_run_of_bench_search_or_says_it_is_not_available(tmp_path, site):
    assert "not available" in run.search_section(site, tmp_path / "missing.py")
    module = tmp_path / "search.py"
    module.write_text("def run(site_dir):\n    return [('index files', len(list(site_dir.rglob('search_index.json'))))]\n",
                      encoding="utf-8")
    assert run.search_section(site, module) == [("index files", "2")]
    module.write_text("figures = []\n", encoding="utf-8")
    assert "no run(site_dir)" in run.search_section(site, module)


def test_the_benchmark_writes_its_report(tmp_path, site):
    # The project's cache, which the session's build has filled: the warm build prints nothing.
    # No load section: tests/test_bench_load.py measures it, and the rows it adds, on a small site.
    output = tmp_path / "results.md"
    assert run.main(["--runs", "1", "--sizes", "", "--edits", "0", "--no-profile", "--no-search", "--no-cold",
                     "--no-load", "--suites", "", "--cache", str(CACHE), "--output", str(output)]) == 0
    report = output.read_text(encoding="utf-8")
    assert "**Ratio handbook / baseline**" in report
    assert "| zh regulation/ (`regulation/`) |" in report
    assert "Serving under load" not in report
    assert "## Test suites" not in report  # --suites '': no suite run from inside the tests


def test_a_suite_is_timed_with_the_machine_s_processor_time_and_held_to_its_goal():
    spin = "import time\nend = time.process_time() + 0.3\nwhile time.process_time() < end: pass\n"
    passed = suites.measure_suite([sys.executable, "-c", spin + "print('===== 3 passed in 0.30s =====')"])
    assert passed["status"] == 0 and passed["summary"] == "3 passed"
    assert passed["seconds"] >= 0.3 and passed["busy"] >= 0.25  # the spin's processor time is counted
    failed = suites.measure_suite([sys.executable, "-c", "print('== 1 failed, 2 passed in 9.1s ==')\nraise SystemExit(1)"])
    assert failed["status"] == 1 and failed["summary"] == "1 failed, 2 passed"

    lines = suites.table({"test-fast": {**passed, "seconds": 30.0, "busy": 50.0},
                          "test": {**failed, "seconds": 600.0, "busy": 1100.0}}, cores=2)
    assert lines[2] == "| `make test-fast` | 30 | ≤ 60: met | 50 | 83 % | 25 | 3 passed |"
    assert lines[3] == "| `make test` | 600 | ≤ 240: not met | 1100 | 92 % | 550 | failed (exit 1): 1 failed, 2 passed |"


def test_an_edited_template_is_compiled_afresh_despite_the_compiled_templates_kept(tmp_path, monkeypatch):
    # macros/rendering.py keeps compiled templates in memory and in .cache/jinja/ (both
    # languages, every `mkdocs serve` rebuild, the next build's process); hooks/template_cache.py
    # gives every environment of the theme the same. An edited template must still show its new text.
    from types import SimpleNamespace

    from jinja2 import Environment, FileSystemLoader

    from macros.rendering import CompiledTemplates

    hook = _template_cache_hook()
    folder = tmp_path / "theme"
    folder.mkdir()
    template = folder / "main.html"
    template.write_text("old {{ word }}", encoding="utf-8")
    compiled = CompiledTemplates(tmp_path / "jinja")
    monkeypatch.setattr(hook, "COMPILED", compiled)

    class Theme:  # as MkDocs' Theme makes its environment, once per build and per plugin asking
        def get_env(self):
            return Environment(loader=FileSystemLoader(str(folder)))

    theme = Theme()
    hook.on_config(SimpleNamespace(theme=theme))

    def render(cache=None) -> str:
        environment = theme.get_env()
        if cache is not None:
            environment.bytecode_cache = cache
        return environment.get_template("main.html").render(word="text")

    assert render() == "old text"
    assert render() == "old text" and len(compiled.memory) == 1  # the second build reuses it
    assert len(list((tmp_path / "jinja").iterdir())) == 1  # and so will the next process:
    next_process = CompiledTemplates(tmp_path / "jinja")
    environment = Environment(loader=FileSystemLoader(str(folder)), bytecode_cache=next_process)
    compiling = []
    monkeypatch.setattr(environment, "compile", lambda *a, **k: compiling.append(a) or Environment.compile(environment, *a, **k))
    assert environment.get_template("main.html").render(word="text") == "old text" and compiling == []
    template.write_text("new {{ word }}", encoding="utf-8")
    assert render() == "new text"
    assert render(CompiledTemplates(tmp_path / "jinja")) == "new text"


def _template_cache_hook():
    import importlib.util

    spec = importlib.util.spec_from_file_location("template_cache_listing", ROOT / "hooks" / "template_cache.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    return hook


def test_a_build_copies_the_same_theme_files_with_the_kept_theme_listing():
    # hooks/template_cache.py keeps the listing of the installed theme and leaves hidden names
    # (Material's .icons/) out of it; MkDocs must still find exactly the files it finds alone.
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    hook = _template_cache_hook()
    config = load_config(str(ROOT / "mkdocs.yml"))
    own = Files([])
    own.add_files_from_theme(config.theme.get_env(), config)
    hook.on_config(config)
    for _ in range(2):  # listed, then from the kept listing
        kept = Files([])
        kept.add_files_from_theme(config.theme.get_env(), config)
        assert [(f.src_uri, f.abs_src_path) for f in kept] == [(f.src_uri, f.abs_src_path) for f in own]
    assert len(own) > 20 and hook._LISTINGS  # the theme's files, and an installed folder kept


def test_a_file_added_to_the_project_theme_folder_is_listed_while_installed_ones_are_kept(tmp_path):
    hook = _template_cache_hook()
    installed = hook._INSTALLED[0]
    project = tmp_path / "overrides"
    (project / "assets").mkdir(parents=True)
    (project / "assets" / "a.css").write_text("a")
    (project / ".hidden").mkdir()
    (project / ".hidden" / "b.svg").write_text("b")
    hook._LISTINGS[installed + "/not-a-real-theme"] = ["kept.css"]
    loader = hook.ListingCacheLoader([str(project), installed + "/not-a-real-theme"])
    assert loader.list_templates() == ["assets/a.css", "kept.css"]
    (project / "assets" / "new.css").write_text("new")
    assert loader.list_templates() == ["assets/a.css", "assets/new.css", "kept.css"]
