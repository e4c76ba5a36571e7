"""JupyterLab's Dutch interface for learners: a language pack for the locale nl_NL.

It holds the community pack's translations (jupyterlab-language-pack-nl-NL, BSD-3-Clause, see
course/data/jupyterlab_nl/) plus the strings a learner meets that the community pack leaves in English (the
restart dialog, the menus Uitvoeren and Kernel). JupyterLab finds it through the entry point
``jupyterlab.languagepack`` / ``nl_NL`` in pyproject.toml and reads every .json file below this folder
(jupyterlab_server.translation_utils.get_language_pack). Written by ``python -m course.authoring.language_pack``;
edit course/data/jupyterlab_nl/cursus.yaml, not the generated file.
"""
