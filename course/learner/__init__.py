"""The learner's side: ``ouders-zien start`` (start), the lesson runtime in the kernel (lesson, blocks), the
browser edition's differences (browser_edition) and the exercise widgets (widgets/). Notebooks call it
through ``from course import open_lesson, show, grade``."""
