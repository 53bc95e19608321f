"""The project's library code that is not the extraction itself (e.g. rendering test PDFs)."""
