"""The pipeline's steps after extraction: building and writing the published outputs."""
