"""The build's steps and what runs on a built site, as plain Python any engine's adapter calls:
the build's own steps (steps/), the in-build caches, the ready PDFs, the checks of a built site
and publishing it (a complete, checked build swapped into place in one step), and the helpers
the tests and bench/ share (README, "How it is made")."""
