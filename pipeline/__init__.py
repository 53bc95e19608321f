"""The pipeline as a library: build the clean dataset from PDFs, write it, report on it.

``build`` runs the steps (extract → normalize → validate) over many files; ``output``
writes the tables atomically; ``report`` writes quality.md and its pictures; ``cli`` is the
thin command over them (``iizuka-dataset build``, ``python -m scripts.build_dataset``).
"""
