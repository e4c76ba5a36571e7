"""An accessibility audit with axe-core (npm, installed by `make axe` into .venv/axe) in a Playwright page.

Not a test module. :func:`audit_outputs` checks every output area of the open notebook, one at a
time after scrolling it into view (JupyterLab does not lay out cells off screen, and axe skips
what has no layout), against the WCAG 2.0/2.1/2.2 A and AA rules. :func:`audit_page` checks the
rest of the page: JupyterLab's own interface, reported but not the course's to fix.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
AXE = REPO / ".venv" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING = ("serious", "critical")
OUTPUTS = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output"

RUN = """async ([target, tags]) => {
    const result = await window.axe.run(target, {runOnly: {type: "tag", values: tags},
                                                 resultTypes: ["violations", "passes"]});
    return {
        passes: result.passes.reduce((n, rule) => n + rule.nodes.length, 0),
        violations: result.violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map(n => ({target: n.target.join(" "), html: n.html.slice(0, 200)})),
        })),
    };
}"""


@dataclass
class Findings:
    """What axe found: violations per rule id, and how many checks passed (0: nothing was audited)."""

    passes: int = 0
    violations: dict[str, dict[str, Any]] = field(default_factory=dict)

    def add(self, result: dict[str, Any]) -> None:
        self.passes += result["passes"]
        for v in result["violations"]:
            known = self.violations.setdefault(v["id"], {**v, "nodes": []})
            known["nodes"].extend(v["nodes"])

    def blocking(self) -> dict[str, dict[str, Any]]:
        return {rule: v for rule, v in self.violations.items() if v["impact"] in BLOCKING}

    def summary(self) -> str:
        if not self.violations:
            return "geen schendingen"
        return "; ".join(f"{rule} ({v['impact']}, {len(v['nodes'])}×)" for rule, v in sorted(self.violations.items()))

    def report(self) -> str:
        lines = []
        for rule, v in sorted(self.violations.items()):
            lines.append(f"{rule} [{v['impact']}] {v['help']}")
            lines += [f"    {n['target']}: {n['html']}" for n in v["nodes"][:5]]
        return "\n".join(lines)


def axe_script() -> Path:
    found = Path(os.environ.get("OUDERS_ZIEN_AXE", AXE))
    if not found.exists():
        pytest.fail(f"axe-core not found at {found}: run `make axe` (npm), which `make test` does")
    return found


def _inject(page: Any) -> None:
    if not page.evaluate("() => !!window.axe"):
        page.add_script_tag(path=str(axe_script()))


def audit_outputs(page: Any) -> tuple[Findings, int]:
    """Audit every output area of the open notebook; return the findings and the number of outputs."""
    _inject(page)
    outputs = page.locator(OUTPUTS)
    count = outputs.count()
    findings = Findings()
    for i in range(count):
        output = outputs.nth(i)
        output.scroll_into_view_if_needed()
        findings.add(page.evaluate(RUN, [output.element_handle(), WCAG_AA]))
    return findings, count


def audit_page(page: Any) -> Findings:
    """Audit the page without the notebook's output areas (JupyterLab's own interface)."""
    _inject(page)
    findings = Findings()
    findings.add(page.evaluate(RUN, [{"exclude": [[OUTPUTS]]}, WCAG_AA]))
    return findings
