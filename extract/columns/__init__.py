"""The header's columns: which column of a table holds which field.

In: a table's grid (its header rows and the cells under them). Out: a ``TableHeader`` (each
column's field or extra label, the table's kind and fiscal year, its depth in rows) or a
``Refusal`` saying why no reading is sure. Labels are matched by their words (``labels.toml``),
checked against what the cells under them hold (``profiles``, ``profiles.toml``), and the
columns given to fields as one best assignment (``assignment``).
"""
