"""Ouders zien: lesson content, exercise widgets, the answer store and grading helpers."""

from .content import ContentError, load_lesson
from .lesson import Lesson, checklist, figure, open_lesson, show
from .store import AnswerStore

__all__ = ["AnswerStore", "ContentError", "Lesson", "checklist", "figure", "load_lesson", "open_lesson", "show"]
