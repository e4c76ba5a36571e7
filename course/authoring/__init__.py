"""Authoring: a lesson from its one source to notebooks (generate, release), the checks of its items
(item_checks, the blind panel) and the concept map. Used by lesson authors and by ``make``, never by a
learner's kernel."""
