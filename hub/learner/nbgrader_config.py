"""nbgrader in a learner's server on the class hub: the learner is the hub user, not the OS user
(every server runs as the same OS user here), and the exchange is the class's."""

import os

c = get_config()  # noqa: F821

c.CourseDirectory.course_id = "ouders-zien"
c.CourseDirectory.student_id = os.environ.get("JUPYTERHUB_USER", "")
c.Exchange.root = os.environ["OUDERS_ZIEN_EXCHANGE"]
