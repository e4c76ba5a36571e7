"""Exercise widgets built from core ipywidgets controls."""

from .categorise import CategoriseExercise
from .choice import ChoiceExercise
from .base import Exercise, make_exercise

__all__ = ["CategoriseExercise", "ChoiceExercise", "Exercise", "make_exercise"]
