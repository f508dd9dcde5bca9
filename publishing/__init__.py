"""Publishing steps that run on the built site (the ready PDFs)."""
