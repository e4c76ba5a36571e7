"""Ouders zien: lesson content, exercise widgets, the answer store and grading helpers."""

from .content import ContentError, load_lesson
from .lesson import Lesson
from .store import AnswerStore

__all__ = ["AnswerStore", "ContentError", "Lesson", "load_lesson"]
