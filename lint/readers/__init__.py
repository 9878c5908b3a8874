"""doclint's own readers for container formats; plain text and Markdown are read by ``doclint.reading``."""
