"""Chinese word segmentation (jieba) for the search index and the redlines, remembered.

Loading jieba's dictionary takes about a second in every build process, and a build cuts the
same runs of text as the build before it. `SEGMENTER` stands in for the `jieba` module where the
build cuts text (Material's search plugin through hooks/_material.py, publishing/steps/
search_index.py, macros/versions.py):

- it records what is added to the dictionary (Material: the user dictionary; hooks/search.py:
  the glossary's words), each addition once, in order;
- it answers a cut it has made before under the same additions from memory, or from
  .cache/words/ (macros/cache_folders.py; one file per language and dictionary, written by
  hooks/search.py);
- only for a run of text it has not cut before does it load jieba, replay the additions and
  cut. The answer is jieba's own; the key is the text, the kind of cut and a fingerprint of
  jieba's version and every addition (a dictionary file by its content).

A rebuild under `mkdocs serve` adds the same words again: recorded once, they leave the
dictionary as a fresh build would have it. Deleting .cache/words/ is always safe.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from .cache_folders import cache_folder


def remembered_cuts() -> Path:
    """The folder of the stores of cuts (.cache/words/)."""
    return cache_folder("words")


class Segmenter:
    """jieba's module interface as the build uses it: set_dictionary, load_userdict, add_word,
    setLogLevel, cut and cut_for_search."""

    def __init__(self, tokenizer=None) -> None:
        self._tokenizer = tokenizer  # a jieba.Tokenizer; None: jieba's default one (jieba.dt)
        self._additions: list[tuple] = []  # what the dictionary gets, in order, each once
        self._added: set[tuple] = set()
        self._paths: list[str | None] = []  # the file of each addition that is one
        self._applied = 0  # how many of them jieba has (it is loaded only on a cut not remembered)
        self._fingerprint: str | None = None
        self._store: Path | None = None  # the file of the current fingerprint, if kept on disk
        self._folder: Path | None = None
        self._name = ""
        self._remembered: dict[str, list[str]] = {}
        self._used: dict[str, list[str]] = {}  # the cuts of this build, written by save()
        self._stored: set[str] = set()  # the cuts the store file held when read
        self.cuts_made = 0  # by jieba since the last save() (a remembered cut does not count)

    # --- The dictionary ---------------------------------------------------------------------

    def _add(self, addition: tuple, path: str | None = None) -> None:
        if addition not in self._added:
            self._added.add(addition)
            self._additions.append(addition)
            self._paths.append(path)
            self._fingerprint = None

    # A dictionary file is known by its content (the key: copies of the project share cuts) and
    # read from its path (to replay it).
    def set_dictionary(self, path) -> None:
        self._add(("dictionary", _file_digest(path)), os.path.abspath(path))

    def load_userdict(self, path) -> None:
        self._add(("user dictionary", _file_digest(path)), os.path.abspath(path))

    def add_word(self, word: str, freq=None, tag=None) -> None:
        self._add(("word", word, freq, tag))

    @staticmethod
    def setLogLevel(level) -> None:  # noqa: N802  (jieba's name)
        import jieba

        jieba.setLogLevel(level)

    # --- Cutting ----------------------------------------------------------------------------

    def cut(self, sentence, cut_all: bool = False, HMM: bool = True, use_paddle: bool = False):  # noqa: N803
        return iter(self._cut("cut", sentence, cut_all, HMM))

    def cut_for_search(self, sentence, HMM: bool = True):  # noqa: N803
        return iter(self._cut("search", sentence, False, HMM))

    def _cut(self, kind: str, sentence, cut_all: bool, hmm: bool) -> list[str]:
        text = sentence.decode("utf-8") if isinstance(sentence, bytes) else str(sentence)
        key = f"{kind}{int(cut_all)}{int(hmm)}:{text}"
        self._use_fingerprint()
        words = self._remembered.get(key)
        if words is None:
            tokenizer = self._loaded_tokenizer()
            if kind == "cut":
                words = list(tokenizer.cut(text, cut_all=cut_all, HMM=hmm))
            else:
                words = list(tokenizer.cut_for_search(text, HMM=hmm))
            self._remembered[key] = words
            self.cuts_made += 1
        self._used[key] = words
        return words

    def _loaded_tokenizer(self):
        """The tokenizer with every addition so far (its dictionary loads at the first)."""
        import jieba

        tokenizer = self._tokenizer or jieba.dt
        for addition, path in list(zip(self._additions, self._paths))[self._applied:]:
            if addition[0] == "dictionary":
                tokenizer.set_dictionary(path)
            elif addition[0] == "user dictionary":
                tokenizer.load_userdict(path)
            else:
                tokenizer.add_word(*addition[1:])
        self._applied = len(self._additions)
        tokenizer.check_initialized()
        return tokenizer

    # --- Remembering ------------------------------------------------------------------------

    def _use_fingerprint(self) -> None:
        if self._fingerprint is not None:
            return
        import jieba

        self._fingerprint = hashlib.sha256(
            json.dumps([jieba.__version__, self._additions], ensure_ascii=False).encode("utf-8")
        ).hexdigest()
        self._remembered, self._used, self._stored = {}, {}, set()
        self._store = None
        if self._folder is not None:
            self._store = self._folder / f"{self._fingerprint[:32]}-{self._name}.json"
            try:
                self._remembered = json.loads(self._store.read_text(encoding="utf-8"))
                self._stored = set(self._remembered)
            except (OSError, ValueError):
                self._remembered = {}

    def fingerprint(self) -> str:
        """A hash of jieba's version and every addition to its dictionary: what decides a cut."""
        self._use_fingerprint()
        return self._fingerprint

    def keep_in(self, folder: Path | None, name: str) -> None:
        """Remember cuts in `folder` (None: in memory only), in files of their own for `name`
        (each language cuts its own texts)."""
        if (folder, name) != (self._folder, self._name):
            self._folder, self._name = folder, name
            self._fingerprint = None  # read that folder's file at the next cut

    def save(self) -> tuple[int, int]:
        """Add this build's new cuts to the store (written only when there are some). A build
        whose pages come from the caches asks for few cuts, so the store keeps the others for the
        next page that changes; a new dictionary starts a new store. Returns how many different
        cuts the build asked for and how many of them jieba made."""
        used, self._used = self._used, {}
        made, self.cuts_made = self.cuts_made, 0
        if self._store is None or not used:
            return len(used), made
        if set(used) <= self._stored:
            try:
                os.utime(self._store)  # used: kept by caches.prune
            except OSError:
                pass
            return len(used), made
        try:
            self._store.parent.mkdir(parents=True, exist_ok=True)
            partial = self._store.with_name(f"{self._store.name}.{os.getpid()}.writing")
            partial.write_text(json.dumps(self._remembered, ensure_ascii=False), encoding="utf-8")
            os.replace(partial, self._store)  # under a temporary name first: never read half written
            self._stored = set(self._remembered)
        except OSError:  # a read-only project still builds; the next build cuts again
            pass
        return len(used), made


def _file_digest(path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


SEGMENTER = Segmenter()
