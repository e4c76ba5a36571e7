"""Ouders zien: lesson content, exercise widgets, the answer store and grading helpers.

Kept light on purpose: importing the package loads no widgets, plots or schemas; they are
imported when a cell first needs them.
"""

from course.content import ContentError, load_lesson
from course.learner.lesson import Lesson, grade, open_lesson, show
from course.store import AnswerStore

__all__ = ["AnswerStore", "ContentError", "Lesson", "grade", "load_lesson", "open_lesson", "show"]
