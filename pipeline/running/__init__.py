"""Running the reading: each PDF read in a worker process, within its limits, and what it cost.

In: the PDFs to read and the limits (``--timeout``, ``--max-memory``, ``--jobs``). Out: each
file's ``FileResult`` (its extraction, or the one line saying why it failed or was stopped) and
each stage's CPU and wall time. ``worker`` forks the workers from a fork server and stops them;
``resident`` watches their resident memory from outside; ``stages`` times the build's stages.
"""
