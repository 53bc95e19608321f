"""The pipeline's command, as make runs it: ``python -m scripts.build_dataset --out DIR PDF...``."""

import sys

from pipeline.cli import main

if __name__ == "__main__":
    sys.exit(main(prog="python -m scripts.build_dataset"))
