"""nbgrader configuration of the course "Ouders zien" (run nbgrader from this folder)."""

import os

c = get_config()  # noqa: F821  (provided by nbgrader when it reads this file)

HERE = os.path.dirname(os.path.abspath(__file__))
ANSWER_FILE = "antwoorden.json"

c.CourseDirectory.root = HERE
c.CourseDirectory.course_id = "ouders-zien"

# The gradebook: SQLite (gradebook.db here) for one lecturer; a PostgreSQL URL in $OUDERS_ZIEN_DB when
# several graders work at once (`ouders-zien docent --db ... nakijken --parallel 2`). One place for both.
if os.environ.get("OUDERS_ZIEN_DB"):
    c.CourseDirectory.db_url = os.environ["OUDERS_ZIEN_DB"]

# The class hub's exchange (hub/jupyterhub_config.py sets the same variable for the learners).
# Submissions are owned by the hub's process user, not by each learner: do not check owners.
if os.environ.get("OUDERS_ZIEN_EXCHANGE"):
    c.Exchange.root = os.environ["OUDERS_ZIEN_EXCHANGE"]
    c.CollectApp.check_owner = False

# Autograde copies the files of source/<lesson>/ over the submission. Never let a stray
# answer file of the lecturer replace a learner's answers.
_source = os.path.join(HERE, "source")
c.Autograde.exclude_overwriting = {
    lesson: [ANSWER_FILE] for lesson in (os.listdir(_source) if os.path.isdir(_source) else [])
}

# A deleted grade cell is put back before grading instead of silently scoring nothing.
c.OverwriteCells.add_missing_cells = True

# Grade the data, not the notebook (course/rebuild.py): before nbgrader executes a submission, it
# becomes the released lesson plus the learner's reflection texts, so no cell the learner added or
# edited ever runs; the answers come from antwoorden.json. A notebook that cannot be read, or a
# symbolic link in the submission, is dealt with first (kept aside, reported), so the answers count.
from nbgrader.preprocessors import (  # noqa: E402
    CheckCellMetadata, ClearOutput, DeduplicateIds, OverwriteCells, OverwriteKernelspec)

from course.rebuild import RebuildSubmission, repair_hook  # noqa: E402

c.RebuildSubmission.release_root = os.path.join(HERE, "release")
c.Autograde.sanitize_preprocessors = [
    RebuildSubmission, ClearOutput, DeduplicateIds, OverwriteKernelspec, OverwriteCells, CheckCellMetadata]
c.Autograde.pre_convert_hook = repair_hook(os.path.join(HERE, "release"))

# Lessons build widgets and one figure; two minutes per cell is ample on a slow machine.
c.Execute.timeout = 120

# What learners see in an empty reflection cell after release.
c.ClearSolutions.text_stub = "_Schrijf hier je antwoord. Dubbelklik op deze cel om te typen._"

# Feedback shows each item's points, but not the answer key: strip the hidden tests first, so
# the feedback can be handed to learners without spoiling the quiz for the next group.
from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor  # noqa: E402
from nbgrader.preprocessors import ClearHiddenTests, GetGrades  # noqa: E402

c.GenerateFeedback.preprocessors = [GetGrades, ClearHiddenTests, CSSHTMLHeaderPreprocessor]
