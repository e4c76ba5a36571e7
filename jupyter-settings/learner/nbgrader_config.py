"""nbgrader's config for a learner's own laptop (`make lab`, `ouders-zien start`): nothing to set.

The learner's server loads nbgrader's server extension (it comes with the course's environment); without a config
file on the config path it printed "[NbGrader | WARNING] No nbgrader_config.py file found" in the learner's console
window (issue 24, fourth walk). The hub's learners get hub/learner/nbgrader_config.py, which comes first.
"""
