"""Exercise widgets built from core ipywidgets controls (no custom JavaScript)."""

from course.learner.widgets.base import Exercise, make_exercise
from course.learner.widgets.categorise import CategoriseExercise, MatchExercise
from course.learner.widgets.choice import ChoiceExercise, MultiSelectExercise
from course.learner.widgets.open_text import OpenTextExercise
from course.learner.widgets.order import OrderExercise
from course.learner.widgets.selfcheck import SelfCheck

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
