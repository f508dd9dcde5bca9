"""`mkdocs serve` sees an edit when it is saved, not at its next look: MkDocs polls the watched
folders every half second (watchdog's PollingObserver, about a quarter of a second late on
average, and a scan of every folder each time); on Linux, inotify reports each change as it
happens. The server's observer is replaced before it starts, and the two folders MkDocs watched
before this hook (docs_dir and mkdocs.yml) move to the new one; the `watch:` folders of mkdocs.yml
are added after it. Only changes are reported: opening or reading a file is no change, and
each build reads the files it watches. Without inotify, MkDocs' polling stays.

MkDocs also waits until no change has come for a tenth of a second before it rebuilds, to take
one save's changes together; inotify reports them within milliseconds of each other, so with it
the server waits SETTLE_SECONDS instead (tests/test_serve.py: one save, one rebuild).
"""

from __future__ import annotations

import logging

from watchdog.events import FileClosedEvent, FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileMovedEvent

log = logging.getLogger("mkdocs.hooks.serve_watch")
CHANGES = [FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileMovedEvent, FileClosedEvent]
SETTLE_SECONDS = 0.02


def on_serve(server, config, builder):
    try:
        from watchdog.observers.inotify import InotifyObserver
    except ImportError:  # not Linux: MkDocs' polling
        return server

    class ChangesObserver(InotifyObserver):
        def schedule(self, event_handler, path, *, recursive=False, event_filter=None, **options):
            return super().schedule(event_handler, path, recursive=recursive, event_filter=CHANGES, **options)

    try:
        observer = ChangesObserver()
    except OSError as error:  # e.g. no inotify instances left
        log.info("Watching by polling (inotify unavailable: %s)", error)
        return server
    watched = [path for path in (config.docs_dir, config.config_file_path) if path]
    for path in watched:
        server.unwatch(path)
    server.observer = observer
    for path in watched:
        server.watch(path)
    server.build_delay = SETTLE_SECONDS
    log.info("Watching for changes with inotify")
    return server
