"""``python -m course.figures [OUT_DIR]``: export every figure (course/figures/export.py)."""

import sys

from course.figures.export import main

if __name__ == "__main__":
    sys.exit(main())
