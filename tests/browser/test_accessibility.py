"""Accessibility audit (axe-core, WCAG 2.2 A and AA) of every lesson, after Run All, in Chromium.

Every output area of the notebook (the course's widgets in both modes, figures, tables) is
audited on its own after scrolling it into view. A violation of impact "serious" or "critical"
there fails the test. JupyterLab's own interface is audited once too: its violations are
printed (and listed in the closing note of the accessibility issue), not asserted, as they are
not the course's to fix. Every lesson must also run and render without an error in the browser.
"""

from __future__ import annotations

import pytest
from axe_audit import audit_outputs, audit_page
from notebook_driver import assert_no_errors, executed_lesson

from course.content import lesson_ids

LESSONS = lesson_ids()


@pytest.mark.parametrize("lesson_id", LESSONS)
def test_no_serious_violation_in_the_course_output(tmp_path_factory, lesson_id):
    with executed_lesson(tmp_path_factory.mktemp("a11y"), lesson_id) as lesson:
        assert_no_errors(lesson.page, lesson.panel)  # every lesson runs and renders in the browser, too
        findings, outputs = audit_outputs(lesson.page)
        print(f"\n{lesson_id}: {outputs} uitvoervakken, {findings.passes} geslaagde controles; {findings.summary()}")
        if lesson_id == LESSONS[0]:
            lab = audit_page(lesson.page)
            print(f"JupyterLab zelf (niet de cursus): {lab.summary()}\n{lab.report()}")
    assert outputs > 0 and findings.passes > 0, "nothing was audited"
    blocking = findings.blocking()
    assert not blocking, f"{lesson_id}: serious or critical violations:\n{findings.report()}"
