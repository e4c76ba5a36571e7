"""Exercise widgets built from core ipywidgets controls (no custom JavaScript)."""

from .base import Exercise, make_exercise
from .categorise import CategoriseExercise, MatchExercise
from .choice import ChoiceExercise, MultiSelectExercise
from .open_text import OpenTextExercise
from .order import OrderExercise
from .selfcheck import SelfCheck

__all__ = [
    "CategoriseExercise",
    "ChoiceExercise",
    "Exercise",
    "MatchExercise",
    "MultiSelectExercise",
    "OpenTextExercise",
    "OrderExercise",
    "SelfCheck",
    "make_exercise",
]
