"""What the lecturer's browser renders of a graded notebook: learner text as text, outputs cleaned.

The rebuild (course/lecturer/rebuild.py) already stores a reflection as text (course/learner_text.py). This
is the second line, where nbgrader renders: :class:`LecturerView` is an nbconvert preprocessor of
``HTMLExporter`` (grading/nbgrader_config.py), so it runs in the formgrader's submission page and in
the feedback HTML, also on a notebook graded before the rebuild existed or graded some other way.

- A Markdown cell that is not the course's own (its nbgrader checksum does not match: a learner's
  answer, or a cell a learner added) and not yet text becomes text (:func:`learner_text.as_text`).
- A ``text/html`` output keeps only the tags and attributes the course's own blocks write (images
  only as embedded PNG or JPEG and links only within the page, so nothing is fetched from or sent
  elsewhere), inside an element MathJax skips; anything else in it is shown as text. JavaScript,
  widget views, SVG and Markdown outputs are dropped (their text/plain stays).
"""

from __future__ import annotations

from typing import Any

from nbconvert.preprocessors import Preprocessor

from course.learner_text import CLOSE, OPEN, as_text, is_text

KEEP = {"text/plain", "image/png", "image/jpeg"}
TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "code",
    "div",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "li",
    "ol",
    "p",
    "pre",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
}
COMMON = {"class", "role", "aria-label", "aria-live", "aria-hidden", "title", "lang"}
STYLES = [
    "max-width",
    "width",
    "height",
    "margin",
    "margin-top",
    "margin-bottom",
    "padding",
    "text-align",
    "vertical-align",
    "font-weight",
    "font-style",
    "font-size",
    "color",
    "background-color",
    "border",
    "border-collapse",
    "display",
    "white-space",
]
IMAGES = ("data:image/png;base64,", "data:image/jpeg;base64,")


def _attribute(tag: str, name: str, value: str) -> bool:
    if name in COMMON or name == "style":  # style: only the properties in STYLES survive
        return True
    if tag in ("td", "th"):
        return name in ("scope", "colspan", "rowspan")
    if tag == "img":
        return name in ("alt", "width", "height") or (name == "src" and value.startswith(IMAGES))
    if tag == "a":  # the course's outputs link nowhere; an anchor within the page at most
        return name == "href" and value.startswith("#")
    return False


def clean_html(html: str) -> str:
    """Return ``html`` with only the course's tags and attributes (anything else shown as text)."""
    import bleach
    from bleach.css_sanitizer import CSSSanitizer

    cleaned = bleach.clean(
        html,
        tags=TAGS,
        attributes=_attribute,
        protocols={"data"},
        strip=False,
        strip_comments=True,
        css_sanitizer=CSSSanitizer(allowed_css_properties=STYLES),
    )
    return f"{OPEN}{cleaned}{CLOSE}"


def is_course_text(cell: Any) -> bool:
    """Return whether ``cell`` is as the course released it (nbgrader's checksum still matches)."""
    from nbgrader.utils import compute_checksum

    checksum = (cell.get("metadata", {}).get("nbgrader") or {}).get("checksum")
    try:
        return bool(checksum) and checksum == compute_checksum(cell)
    except (KeyError, TypeError, ValueError):  # nbgrader metadata without a grade id or points
        return False


# What the formgrader hands its template about the learner (nbgrader/server_extensions/formgrader/
# handlers.py, SubmissionHandler) and the template prints without escaping (formgrade_macros.html.j2).
NAME_RESOURCES = ("student", "first_name", "last_name")


class LecturerView(Preprocessor):
    """Render step of the formgrader and the feedback: learner text as text, outputs cleaned."""

    def preprocess(self, nb: Any, resources: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
        import html

        for key in NAME_RESOURCES:  # a roster name from an LMS class list is the learner's text too
            if isinstance(resources.get(key), str):
                resources[key] = html.escape(resources[key])
        return super().preprocess(nb, resources)

    def preprocess_cell(self, cell: Any, resources: dict[str, Any], index: int) -> tuple[Any, dict[str, Any]]:
        if cell.cell_type == "markdown" and not is_course_text(cell) and not is_text(cell.source):
            cell.source = as_text(cell.source)
        elif cell.cell_type == "raw":
            cell.source = ""  # the course writes no raw cells; nbconvert would pass HTML ones through
        elif cell.cell_type == "code":
            for output in cell.get("outputs", []):
                data = output.get("data")
                if data is None:
                    continue  # stream and error: text, escaped by the template
                for mime in list(data):
                    if mime == "text/html":
                        html = data[mime]
                        data[mime] = clean_html("".join(html) if isinstance(html, list) else html)
                    elif mime not in KEEP:
                        del data[mime]
        return cell, resources
