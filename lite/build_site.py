"""Build the browser edition of the course: a static JupyterLite site (``make site`` -> ``_site/``).

    python lite/build_site.py [--out _site] [--pyodide site|cdn]

JupyterLab runs in the browser with a Pyodide kernel; the lessons, the ``course`` wheel, ipywidgets
and matplotlib come with the site. Everything is fetched from the package registries only (PyPI,
npm) and pinned in pyproject.toml (``[tool.ouders-zien.site]``):

- the build tools (jupyterlite-core, the Pyodide kernel, the widgets' JupyterLab extension) in their own
  venv, plus the course's wheel without its dependencies (for its Dutch language pack), (``make site`` makes ``.venv-site``), so that nothing of
  the course's own JupyterLab (nbgrader's lecturer tools) enters the site;
- Pyodide's core and its official ``pyodide-lock.json`` from npm's ``pyodide`` package;
- the WebAssembly packages (numpy, matplotlib, ...): npm's ``pyodide`` holds the core only and PyPI
  has no Emscripten wheels of them, so they come from a PyPI distribution that bundles the official
  Pyodide files (``pyodide_packages`` in the pins). Every file is checked against the official lock
  of the same Pyodide version (sha256) before it enters the site, and the site's lock is the official
  one cut down to the files present (every dependency must be among them);
- pure-Python wheels for the kernel's ``%pip`` (piplite): ipywidgets and its comm, the course, and
  PyYAML's pure-Python part (PyYAML has no wheel for Pyodide on PyPI; its sdist's ``yaml`` package
  is wheeled as ``PyYAML-<v>+pure``).

``--pyodide cdn`` leaves Pyodide out and lets the kernel load it from the official CDN (a smaller
site; needs the internet at run time). The default, ``site``, serves it from the site itself: no
third party at run time, and the site works offline (open it through a web server on https or
localhost: JupyterLite keeps the learner's files through a service worker, which browsers allow
only there).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

if sys.version_info < (3, 11):
    sys.exit("make site heeft Python 3.11 of nieuwer nodig (tomllib)")
import tomllib

sys.path.insert(0, str(Path(__file__).resolve().parent))
from verify_lock import sha256  # noqa: E402  (the same check the finished site gets)

REPO = Path(__file__).resolve().parents[1]
CACHE = REPO / ".cache" / "site"
CDN = "https://cdn.jsdelivr.net/pyodide/v{version}/full/pyodide.js"
# The first cell of every lesson in the site installs the course into the Pyodide kernel from the
# site's own index (piplite); the course's desktop dependencies (JupyterLab, nbgrader) are not
# needed there, hence --no-deps for the course itself. Hidden: the learner sees only its result. Only
# in Pyodide: the same notebook downloaded and opened on a laptop (or graded) installs nothing.
# matplotlib is loaded here because the course imports it inside functions, where Pyodide's scan of a
# cell's imports cannot see it (seen: lesson 06's profile, drawn live, 'No module named matplotlib').
INSTALL_CELL = (
    "# Deze cel zet de cursus klaar in je browser. Je hoeft hier niets te doen.\n"  # shown when collapsed
    "import sys\n"
    'if sys.platform == "emscripten":\n'
    "    %pip install -q ipywidgets pyyaml matplotlib\n"
    "    %pip install -q --no-deps ouders-zien"
)


def pins() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["ouders-zien"]["site"]


def run(*cmd: str | Path, cwd: Path | None = None) -> None:
    subprocess.run([str(c) for c in cmd], check=True, cwd=cwd)


def npm_pyodide(version: str) -> Path:
    """Unpack npm's ``pyodide@version`` (npm checks the registry's integrity hash) and return it."""
    target = CACHE / f"pyodide-{version}"
    if not (target / "package" / "pyodide-lock.json").is_file():
        (CACHE / "npm").mkdir(parents=True, exist_ok=True)
        run("npm", "pack", "--silent", f"pyodide@{version}", cwd=CACHE / "npm")
        shutil.rmtree(target, ignore_errors=True)
        with tarfile.open(CACHE / "npm" / f"pyodide-{version}.tgz") as tgz:
            tgz.extractall(target, filter="data")
    return target / "package"


def pypi_download(pip: Path, requirement: str, *options: str) -> Path:
    """Download one distribution (no dependencies) into the cache and return its file."""
    folder = CACHE / "pypi" / re.sub(r"[^A-Za-z0-9_.-]+", "_", requirement)
    if not folder.is_dir() or not any(folder.iterdir()):
        folder.mkdir(parents=True, exist_ok=True)
        run(pip, "download", "-q", "--no-deps", *options, requirement, "-d", folder)
    return next(folder.iterdir())


def pure_pyyaml(pip: Path, version: str, out: Path) -> Path:
    """Wheel the pure-Python ``yaml`` package of PyYAML's sdist (no libyaml: PyYAML falls back to it)."""
    wheel = out / f"pyyaml-{version}+pure-py3-none-any.whl"
    if wheel.exists():
        return wheel
    sdist = pypi_download(pip, f"pyyaml=={version}", "--no-binary=:all:")
    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(sdist) as tar:
            tar.extractall(tmp, filter="data")
        src = next(Path(tmp).glob("*/lib/yaml"))
        project = Path(tmp) / "pure"
        shutil.copytree(src, project / "src" / "yaml")
        shutil.copy2(next(Path(tmp).glob("*/LICENSE")), project / "LICENSE")
        (project / "setup.py").write_text(
            "from setuptools import setup\n"
            f"setup(name='PyYAML', version='{version}+pure', license='MIT', package_dir={{'': 'src'}},\n"
            "      packages=['yaml'], description='PyYAML, pure-Python part only (for Pyodide)')\n",
            encoding="utf-8",
        )
        run(pip, "wheel", "-q", "--no-deps", project, "-w", out)
    return wheel


def stage_pyodide(pip: Path, p: dict, target: Path) -> tuple[int, Path]:
    """Put Pyodide's core and the checked package files in ``target``; return (packages, official lock)."""
    core = npm_pyodide(p["pyodide"])
    official_lock = core / "pyodide-lock.json"
    official = json.loads(official_lock.read_text(encoding="utf-8"))
    target.mkdir(parents=True)
    for name in (
        "pyodide.mjs",
        "pyodide.js",
        "pyodide.asm.js",
        "pyodide.asm.wasm",
        "python_stdlib.zip",
        "package.json",
    ):
        shutil.copy2(core / name, target / name)
    bundle = pypi_download(pip, p["pyodide_packages"])
    by_file = {entry["file_name"]: (name, entry) for name, entry in official["packages"].items()}
    keep, problems = {}, []
    with zipfile.ZipFile(bundle) as archive:
        for info in archive.infolist():
            base = info.filename.rsplit("/", 1)[-1]
            if base not in by_file:
                continue
            (target / base).write_bytes(archive.read(info))
            name, entry = by_file[base]
            if sha256(target / base) != entry["sha256"]:
                problems.append(f"{base}: sha256 differs from the official Pyodide {p['pyodide']} lock")
                (target / base).unlink()
                continue
            keep[name] = entry
    norm = lambda n: re.sub(r"[-_.]+", "-", n).lower()  # noqa: E731
    kept = {norm(n) for n in keep}
    missing = sorted({d for e in keep.values() for d in e.get("depends", []) if norm(d) not in kept})
    if problems or missing or not keep:
        sys.exit("Pyodide-pakketten afgekeurd:\n" + "\n".join(problems + [f"ontbreekt: {m}" for m in missing]))
    official["packages"] = keep
    (target / "pyodide-lock.json").write_text(json.dumps(official, indent=1, sort_keys=True), encoding="utf-8")
    return len(keep), official_lock


def lesson_contents(target: Path) -> None:
    """Copy the learner's lessons, each with the hidden install cell first."""
    shutil.copytree(REPO / "notebooks", target, ignore=shutil.ignore_patterns("antwoorden*", ".*", "__pycache__"))
    for path in sorted(target.glob("*/*.ipynb")):
        notebook = json.loads(path.read_text(encoding="utf-8"))
        cell = {
            "cell_type": "code",
            "execution_count": None,
            "id": "ouders-zien-installeren",
            "outputs": [],
            "metadata": {"jupyter": {"source_hidden": True}, "tags": ["ouders-zien-site"]},
            "source": INSTALL_CELL,
        }
        notebook["cells"].insert(0, cell)
        path.write_text(json.dumps(notebook, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def lite_config(pyodide_mode: str, version: str) -> dict:
    """jupyter-lite.json: the kernel installs only from the site (no PyPI at run time); with ``cdn``,
    Pyodide comes from its official CDN instead of the site."""
    kernel: dict = {"disablePyPIFallback": True}
    if pyodide_mode == "cdn":
        kernel["pyodideUrl"] = CDN.format(version=version)
    # exposeAppInBrowser: window.jupyterapp, which the browser test reads cell models through (as
    # --LabApp.expose_app_in_browser does for the desktop tests); nothing the learner sees changes.
    return {
        "jupyter-lite-schema-version": 0,
        "jupyter-config-data": {
            "appName": "Ouders zien",
            "exposeAppInBrowser": True,
            "litePluginSettings": {"@jupyterlite/pyodide-kernel-extension:kernel": kernel},
            "disabledExtensions": learner_disabled(),
        },
    }


def learner_disabled() -> list[str]:
    """The plugins the learner's JupyterLab switches off (jupyter-settings/learner/labconfig/page_config.json: the
    command palette, the debugger, the kernel-status texts …), as JupyterLite's list (jupyter-lite.json's
    ``disabledExtensions``, https://jupyterlite.readthedocs.io/en/stable/howto/configure/config_files.html). The
    Launcher stays: the site opens with no lesson, and the Launcher is its first page (seventh walk: the browser
    edition left the learner page config out)."""
    page = json.loads((REPO / "jupyter-settings" / "learner" / "labconfig" / "page_config.json").read_text("utf-8"))
    return sorted(name for name, off in page["disabledExtensions"].items() if off and name not in LITE_KEEPS)


LITE_KEEPS = {"@jupyterlab/launcher-extension:plugin"}


def build(out: Path, pyodide_mode: str, venv: Path) -> None:
    p = pins()
    pip, jupyter = venv / "bin" / "pip", venv / "bin" / "jupyter"
    work = Path(tempfile.mkdtemp(prefix="ouders-zien-site-"))
    try:
        lite = work / "lite"
        (lite / "pypi").mkdir(parents=True)
        if pyodide_mode == "site":
            count, _ = stage_pyodide(pip, p, lite / "static" / "pyodide")
            print(f"Pyodide {p['pyodide']}: {count} pakketten, gecontroleerd tegen de officiële lock")
        for requirement in p["wheels"]:
            shutil.copy2(pypi_download(pip, requirement, "--only-binary=:all:"), lite / "pypi")
        pure_pyyaml(pip, p["pyyaml"], lite / "pypi")
        run(pip, "wheel", "-q", "--no-deps", REPO, "-w", lite / "pypi")
        # The Dutch interface: the course's own nl_NL language pack (course/learner/jupyterlab_nl/), which
        # jupyterlite's translation addon finds in the build venv through its entry point. Only the pack's
        # entry point is used there; the course's dependencies stay out of the build venv (--no-deps).
        run(pip, "uninstall", "-q", "-y", "jupyterlab-language-pack-nl-NL")
        course_wheel = next((lite / "pypi").glob("ouders_zien-*.whl"))
        run(pip, "install", "-q", "--no-deps", "--force-reinstall", course_wheel)
        lesson_contents(work / "contents")
        shutil.copy2(REPO / "jupyter-settings" / "ouders-zien.json", lite / "overrides.json")
        (lite / "jupyter-lite.json").write_text(
            json.dumps(lite_config(pyodide_mode, p["pyodide"]), indent=2), encoding="utf-8"
        )
        shutil.rmtree(out, ignore_errors=True)
        run(
            jupyter,
            "lite",
            "build",
            "--lite-dir",
            lite,
            "--contents",
            work / "contents",
            "--output-dir",
            out.resolve(),
            "--no-sourcemaps",
            cwd=lite,
        )
        if pyodide_mode == "site":
            run(
                sys.executable,
                REPO / "lite" / "verify_lock.py",
                "--official",
                npm_pyodide(p["pyodide"]) / "pyodide-lock.json",
                out / "static" / "pyodide",
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    size = sum(f.stat().st_size for f in out.rglob("*") if f.is_file())
    print(f"Site klaar: {out} ({size / 1e6:.0f} MB). Open lab/index.html via een webserver (https of localhost).")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Bouw de browserversie van de cursus (JupyterLite).")
    parser.add_argument("--out", type=Path, default=REPO / "_site")
    parser.add_argument(
        "--pyodide",
        choices=("site", "cdn"),
        default="site",
        help="site: Pyodide in de site zelf (offline, geen derde partij); cdn: van de officiële CDN",
    )
    parser.add_argument("--venv", type=Path, default=REPO / ".venv-site")
    args = parser.parse_args(argv)
    build(args.out.resolve(), args.pyodide, args.venv.resolve())
    return 0


if __name__ == "__main__":
    sys.exit(main())
