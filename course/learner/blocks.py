"""What ``show(lesson, id)`` can build: an exercise for an item id, or a block by its ``kind``.

Block kinds are declared in a lesson's data (``blocks:``); each kind maps to a builder here,
imported only when a lesson shows such a block (a kernel that never shows a figure never imports
matplotlib). Add a kind: write a :class:`~course.display.Block` subclass, register a builder
below and add the kind to ``lesson.schema.json``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from course.display import Block
    from course.learner.lesson import Lesson


def _figure(lesson: Lesson, spec: dict[str, Any]) -> Block:
    from course.figures.export import FigureBlock

    name = next((k for k, v in lesson.content["blocks"].items() if v is spec), None)  # for its stored PNG
    return FigureBlock(spec, name)


def _selfcheck(lesson: Lesson, spec: dict[str, Any]) -> Block:
    from course.learner.widgets.selfcheck import SelfCheck

    return SelfCheck(lesson.content, lesson.store)


def _trust_rules(lesson: Lesson, spec: dict[str, Any]) -> Block:
    from course.figures.trust_table import RulesTable

    return RulesTable()


def _trust_scenario(lesson: Lesson, spec: dict[str, Any]) -> Block:
    from course.learner.widgets.scenario import ScenarioExercise

    return ScenarioExercise(lesson.store, spec["scenario"], plot=not lesson.store.read_only, lesson=lesson.id)


def _trust_builder(lesson: Lesson, spec: dict[str, Any]) -> Block:
    from course.learner.widgets.builder import SequenceBuilder

    return SequenceBuilder(lesson.store, plot=not lesson.store.read_only)


def _my_conversation(lesson: Lesson, spec: dict[str, Any]) -> Block:
    from course.learner.widgets.my_conversation import MyConversation

    return MyConversation(lesson.store, plot=not lesson.store.read_only)


def _course_profile(lesson: Lesson, spec: dict[str, Any]) -> Block:
    from course.figures.profile import ProfileBlock

    return ProfileBlock(lesson.store.path.parent, lesson.id)


def _identity(lesson: Lesson, spec: dict[str, Any]) -> Block:
    from course.learner.widgets.identity import IdentityBlock

    return IdentityBlock(lesson.store)


KINDS: dict[str, Callable[[Lesson, dict[str, Any]], Block]] = {
    "figure": _figure,
    "selfcheck": _selfcheck,
    "trust_rules": _trust_rules,
    "trust_scenario": _trust_scenario,
    "trust_builder": _trust_builder,
    "my_conversation": _my_conversation,
    "course_profile": _course_profile,
    "identity": _identity,
}


def build(lesson: Lesson, block_id: str) -> Block:
    """Return the block ``block_id`` of ``lesson``: an exercise widget or a declared block."""
    content = lesson.content
    if block_id in content["items"]:
        if content["items"][block_id]["type"] == "reflection":  # written in a Markdown cell: its word count
            from course.learner.widgets.wordcount import WordCount

            return WordCount(content, block_id, lesson.store)
        from course.learner.widgets import make_exercise

        return make_exercise(content["items"][block_id], lesson.store, lesson=content["lesson"])
    if block_id in content["blocks"]:
        spec = content["blocks"][block_id]
        try:
            builder = KINDS[spec["kind"]]
        except KeyError:
            raise ValueError(
                f"block {block_id!r}: unknown kind {spec.get('kind')!r}; known: {', '.join(KINDS)}"
            ) from None
        return builder(lesson, spec)
    known = [*content["items"], *content["blocks"]]
    raise KeyError(f"lesson {lesson.id!r} has no item or block {block_id!r}; known: {', '.join(known)}")
