"""Exercise widgets built from core ipywidgets controls (no custom JavaScript)."""

from .base import Exercise, make_exercise
from .categorise import CategoriseExercise, MatchExercise
from .checklist import Checklist
from .choice import ChoiceExercise, MultiSelectExercise
from .open_text import OpenTextExercise
from .order import OrderExercise

__all__ = ["CategoriseExercise", "ChoiceExercise", "Checklist", "Exercise", "MatchExercise",
           "MultiSelectExercise", "OpenTextExercise", "OrderExercise", "make_exercise"]
