"""Publishing the handbook: a complete, checked build swapped into place in one step."""
