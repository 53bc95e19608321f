"""Reporting: what a build did and how sure it is, for people.

In: the files' results, the validated dataset and its anomalies. Out: quality.md (``report``,
with its sections on programs across reports, corrections and the build's own character count),
quality.html in Japanese (``quality_html``), and the pictures of pages and flagged rows
(``pictures``), drawn in a process of their own while the tables are written (``painter``, under
the same limits as a reading worker).
"""
