"""Figures: the plotting helpers, the trust model's figures and rules table, the village, the learner's
profile, and the export of every figure (``python -m course.figures [OUT_DIR]``, course/figures/export.py).
Importing this package loads no matplotlib; each module imports it when it draws."""
