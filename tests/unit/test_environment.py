"""environment.yml (Binder) agrees with pyproject.toml, the one place of dependency bounds."""

from __future__ import annotations

import re
import sys

import pytest
import yaml
from conftest import REPO

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    tomllib = pytest.importorskip("tomli")

SPEC = re.compile(r"^\s*([A-Za-z0-9_.\-]+)\s*(>=\s*([0-9][0-9.]*))?\s*$")


def parse(spec: str) -> tuple[str, str | None]:
    m = SPEC.match(spec)
    assert m, f"cannot read dependency {spec!r}: write it as name>=version"
    return m.group(1).lower().replace("_", "-"), m.group(3)


def pyproject() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def pyproject_deps(*extras: str) -> dict[str, str | None]:
    data = pyproject()["project"]
    specs = data["dependencies"] + [s for extra in extras for s in data["optional-dependencies"][extra]]
    return dict(parse(s) for s in specs)


def environment_deps() -> dict[str, str | None]:
    env = yaml.safe_load((REPO / "environment.yml").read_text(encoding="utf-8"))
    out = {}
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            out.update(parse(s) for s in dep["pip"])
        else:
            name, bound = parse(dep.replace("=", ">=", 1) if re.match(r"^python=", dep) else dep)
            if name not in {"python", "pip"}:
                out[name] = bound
    return out


def test_every_dependency_has_a_lower_bound():
    for name, bound in pyproject_deps(*pyproject()["project"]["optional-dependencies"]).items():
        assert bound, f"{name} in pyproject.toml has no lower bound"


def test_environment_yml_agrees_with_pyproject():
    """Binder is a learner's way in: it holds the learner set, the [project] dependencies."""
    assert environment_deps() == pyproject_deps()


# Tools a learner's lessons never use: the tests' and the lecturer's (issue 23: installs that fit the reader).
NOT_FOR_LEARNERS = {
    "pytest",
    "nbval",
    "playwright",
    "hypothesis",
    "jupyterhub",
    "oauthenticator",
    "psycopg2-binary",
    "ruff",
    "mypy",
}


def test_the_learner_set_holds_no_test_or_lecturer_tools():
    extras = pyproject()["project"]["optional-dependencies"]
    assert set(extras) == {"test", "docent"}
    assert not NOT_FOR_LEARNERS & set(pyproject_deps()), "a learner's install would carry test or lecturer tools"
    assert {"jupyterhub", "oauthenticator", "psycopg2-binary"} <= set(pyproject_deps("docent"))
    assert {"pytest", "nbval", "playwright", "ruff", "mypy"} <= set(pyproject_deps("test"))


def make_rule(target: str) -> tuple[list[str], list[str]]:
    """The prerequisites and recipe lines of one Makefile rule (variables as written)."""
    lines = (REPO / "Makefile").read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        if line.startswith(f"{target}:"):
            recipe = []
            for body in lines[i + 1 :]:
                if not body.startswith("\t"):
                    break
                recipe.append(body.strip())
            return line.split(":", 1)[1].split(), recipe
    raise AssertionError(f"no rule for {target} in the Makefile")


def test_make_lab_installs_the_learner_set_and_make_test_everything():
    lab, _ = make_rule("lab")
    assert lab == ["$(LEARNER)"]
    _, learner = make_rule("$(LEARNER)")
    installs = [r for r in learner if "pip install" in r and "--upgrade pip" not in r]
    assert installs == ["$(BIN)/python -m pip install --quiet -e ."]
    _, everything = make_rule("$(STAMP)")
    assert any(r.endswith('-e ".[test,docent]"') for r in everything)
    test, _ = make_rule("test")
    lint, lint_recipe = make_rule("lint")
    assert "lint" in test and lint == ["$(STAMP)"]
    assert any("ruff check" in r for r in lint_recipe) and any("mypy" in r for r in lint_recipe)


def test_environment_yml_is_binder_ready():
    assert not (REPO / "binder").exists() and not (REPO / ".binder").exists(), "a binder/ folder hides environment.yml"
    env = yaml.safe_load((REPO / "environment.yml").read_text(encoding="utf-8"))
    assert env["channels"] == ["conda-forge"]
    assert any(isinstance(d, str) and d.startswith("python=3.11") for d in env["dependencies"])
    post = (REPO / "postBuild").read_text(encoding="utf-8")
    assert "pip install --no-deps ." in post


def test_parse_refuses_a_pin_without_lower_bound_form():
    with pytest.raises(AssertionError):
        parse("jupyterlab==4.2")


def test_the_slow_optional_iri_checker_is_left_out_of_the_course_environment():
    """jsonschema's rfc3987-syntax builds a grammar at import (~1.6 s on every Jupyter server and
    nbgrader command); `make` and Binder's postBuild remove it, and this environment has it not."""
    import subprocess
    import sys

    assert "pip uninstall --quiet --yes rfc3987-syntax" in (REPO / "Makefile").read_text(encoding="utf-8")
    assert "pip uninstall --yes rfc3987-syntax" in (REPO / "postBuild").read_text(encoding="utf-8")
    code = "import sys, jsonschema; print('rfc3987_syntax' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_a_non_editable_install_finds_its_data_and_needs_no_repository(tmp_path):
    """Binder runs `pip install .`: the package must carry its data and reach into no repo folder."""
    import os
    import subprocess
    import sys

    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", str(REPO), "-t", str(target)],
        check=True,
        capture_output=True,
    )
    code = (
        "import course, pathlib, tempfile; from course.figures.export import export; from course.learner.lesson import Lesson; "
        "print(course.__file__); print(len(export(pathlib.Path('figs')))); "
        "print(Lesson('05_praktijkvoorbeeld', tempfile.mkdtemp()).block('zelfcontrole').text())"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True, check=True
    )
    where, figures, selfcheck = out.stdout.split("\n", 2)
    assert where.startswith(str(target)) and int(figures) >= 3 and "toetsvragen" in selfcheck
