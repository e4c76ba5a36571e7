"""nbgrader in a learner's server on the class hub: the learner is the hub user (and the Unix account
of the same name), the exchange is the class's, and a hand-in is the lecturer's to read alone."""

import os

c = get_config()  # noqa: F821

c.CourseDirectory.course_id = "ouders-zien"
c.CourseDirectory.student_id = os.environ.get("JUPYTERHUB_USER", "")
c.Exchange.root = os.environ["OUDERS_ZIEN_EXCHANGE"]
# A hand-in is readable by the lecturer's group only, not by classmates who learn its name.
c.ExchangeFactory.submit = "course.lecturer.exchange_guard.PrivateSubmit"
