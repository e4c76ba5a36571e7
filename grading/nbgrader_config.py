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

# The class hub's exchange (hub/jupyterhub_config.py sets the same variable for the learners). Every
# learner is a Unix account of their own there: nbgrader checks a hand-in's owner (CollectApp.check_owner),
# and `ouders-zien docent verzamelen` sets a hand-in in a classmate's name aside (course/lecturer/exchange_guard.py).
if os.environ.get("OUDERS_ZIEN_EXCHANGE"):
    c.Exchange.root = os.environ["OUDERS_ZIEN_EXCHANGE"]

# Autograde copies the files of source/<lesson>/ over the submission. Never let a stray
# answer file of the lecturer replace a learner's answers.
_source = os.path.join(HERE, "source")
c.Autograde.exclude_overwriting = {
    lesson: [ANSWER_FILE] for lesson in (os.listdir(_source) if os.path.isdir(_source) else [])
}

# A deleted grade cell is put back before grading instead of silently scoring nothing.
c.OverwriteCells.add_missing_cells = True

# Grade the data, not the notebook (course/lecturer/rebuild.py): before nbgrader executes a submission, it
# becomes the released lesson plus the learner's reflection texts, so no cell the learner added or
# edited ever runs; the answers come from antwoorden.json. A notebook that cannot be read, or a
# symbolic link in the submission, is dealt with first (kept aside, reported), so the answers count.
from nbgrader.preprocessors import (  # noqa: E402
    CheckCellMetadata, ClearOutput, DeduplicateIds, OverwriteCells, OverwriteKernelspec)

from course.lecturer.rebuild import RebuildSubmission, repair_hook  # noqa: E402

c.RebuildSubmission.release_root = os.path.join(HERE, "release")
c.Autograde.sanitize_preprocessors = [
    RebuildSubmission, ClearOutput, DeduplicateIds, OverwriteKernelspec, OverwriteCells, CheckCellMetadata]
c.Autograde.pre_convert_hook = repair_hook(os.path.join(HERE, "release"))

# Lessons build widgets and one figure; two minutes per cell is ample on a slow machine.
c.Execute.timeout = 120
# Grading kernels talk over Unix sockets, as on the hub (hub/jupyterhub_config.py): nothing to
# eavesdrop on, and no "Kernel is running over TCP without encryption" on the lecturer's screen.
# nbclient starts its kernel manager with this config but without a connection file, so
# jupyter_client's default socket prefix would be the relative 'kernel-ipc', which the kernel (run
# in the notebook's folder) and the client (run here) resolve differently: give an absolute one,
# per process. Windows has no Unix sockets and keeps TCP on localhost.
if os.name != "nt":
    import tempfile

    c.KernelManager.transport = "ipc"
    c.KernelManager.ip = os.path.join(tempfile.gettempdir(), f"ouders-zien-{os.getpid()}-kernel")

# What learners see in an empty reflection cell after release: the course's placeholder, the line a lesson says may
# stay (every reader of a reflection drops it). One source: course/messages.py.
from course.messages import REFLECTION_PLACEHOLDER  # noqa: E402

c.ClearSolutions.text_stub = REFLECTION_PLACEHOLDER

# Feedback is a page in plain Dutch (course/lecturer/feedback_page.py): per item the question, the learner's
# answer and points, for a reflection the rubric levels and the remark; no code, no answer key (the
# hidden tests are stripped first, so the page can go to learners without spoiling the quiz). The
# exporter is configured by its own class name: GenerateFeedback sets HTMLExporter.template_name to
# nbgrader's English 'feedback' unless given (nbgrader/converters/generate_feedback.py), and
# traitlets lets a subclass's own config win over its parent's.
from nbgrader.preprocessors import ClearHiddenTests, GetGrades  # noqa: E402

from course.lecturer.feedback_page import TEMPLATES, FeedbackExporter, FeedbackPage  # noqa: E402

c.GenerateFeedback.exporter_class = FeedbackExporter
c.GenerateFeedback.preprocessors = [GetGrades, ClearHiddenTests, FeedbackPage]
c.FeedbackExporter.template_name = "ouders_zien_feedback"
c.FeedbackExporter.extra_template_basedirs = [str(TEMPLATES)]

# Learner text is data in the lecturer's browser too (course/lecturer/lecturer_view.py; issue 17). The
# formgrader renders a submission with `HTMLExporter(config=self.config)`, this file's config
# (nbgrader/server_extensions/formgrader/formgrader.py), and generate_feedback makes its HTMLExporter
# from the same config (nbgrader/converters/base.py, `exporter_class(parent=self, config=...)`): a
# preprocessor in HTMLExporter.preprocessors runs in both, before the template. nbconvert's own
# switches would not do: HTMLExporter.sanitize_html is ignored for Markdown cells there (the
# formgrade and feedback templates, formgrade/index.html.j2 and feedback/index.html.j2 under
# nbgrader/server_extensions/formgrader/templates/, redefine the markdowncell block as
# `cell.source | markdown2html` without clean_html), and on outputs its clean_html
# (nbconvert/filters/strings.py) escapes <figure> and <img>, so the course's figures would show as
# markup; nbconvert.preprocessors.sanitize.SanitizeHTML runs bleach over Markdown *source*, which
# turns the lessons' "> quote" blocks into "&gt; quote" and doubles the reflection's escapes.
from course.lecturer.lecturer_view import LecturerView  # noqa: E402

c.HTMLExporter.preprocessors = [LecturerView]
