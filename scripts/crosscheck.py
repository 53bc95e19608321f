"""Both engines over the same PDFs, compared: ``python -m scripts.crosscheck PDF...`` (make crosscheck)."""

import sys

if __name__ == "__main__":
    # Imported here, not above: the workers are forked from a fork server (or spawned), which
    # imports this module again (as __mp_main__); they need not import the comparison too.
    from pipeline.crosscheck import main

    sys.exit(main())
