"""The pipeline's command, as make runs it: ``python -m scripts.build_dataset --out DIR PDF...``."""

import sys

if __name__ == "__main__":
    # Imported here, not above: each worker is a spawned process, which imports this module
    # again (as __mp_main__) before it reads a page; it need not import the command line too.
    from pipeline.cli import command, main

    sys.exit(command(lambda: main(prog="python -m scripts.build_dataset")))
