"""The pipeline's command: PDFs in, the clean dataset out.

    python -m scripts.build_dataset --out data/clean data/raw/*.pdf
"""
