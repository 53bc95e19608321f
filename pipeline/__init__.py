"""The pipeline as a library: build the clean dataset from PDFs, write it, report on it.

``build`` runs the steps (extract → normalize → validate) over many files; ``writing.output``
writes the tables atomically; ``reporting.report`` writes quality.md and its pictures; ``cli`` is
the thin command over them (``iizuka-dataset build``, ``python -m scripts.build_dataset``).
One subpackage per concern: ``running`` (the workers and their limits), ``writing`` (the
published files), ``reporting`` (quality.md, quality.html, the pictures); the build, the
command, the dataset, corrections, provenance and the raw files' checksums stay here.
"""
