"""Publishing the built site: the ready PDFs, and a complete, checked build swapped into place in one step."""
