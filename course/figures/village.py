"""The 'village' around the child (lesson 01): loaded from course/data/village.yaml and drawn.

The child stands in the centre, everyone else on an ellipse in file order (clockwise from the
top); a line per bond, labelled. Colours are Okabe-Ito and every group also has its own marker.
"""

from __future__ import annotations

import math
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Any

from course.content import DATA_DIR, ContentError, _display_path, read_yaml

if TYPE_CHECKING:  # matplotlib is imported only when the village is drawn
    from matplotlib.figure import Figure

VILLAGE_PATH = DATA_DIR / "village.yaml"
# the ring's half width (its half height is 1): wide enough that every bond's label finds a place on its own line
# (eleventh session: at 1.65 "activiteiten" could only stand on the parents' line to the jongerenwerker)
RING_X = 1.8
# group id -> (colour, marker): Okabe-Ito colours, and a shape so colour is not the only cue
STYLE = {
    "kind": ("#E69F00", "*"),
    "ouders": ("#0072B2", "o"),
    "school": ("#009E73", "s"),
    "opvang": ("#CC79A7", "D"),
    "wijk": ("#56B4E9", "^"),
}


def load_village(path: Path | None = None) -> dict[str, Any]:
    """Return {groups, nodes, edges} of the village file; ContentError names file and field."""
    path = path or VILLAGE_PATH
    where = _display_path(path)
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise ContentError(f"{where}: expected a mapping with 'groups', 'nodes' and 'edges'")
    for part in ("groups", "nodes", "edges"):
        if not isinstance(data.get(part), list) or not data[part]:
            raise ContentError(f"{where}: {part}: missing or empty list")

    def fields(part: str, n: int, entry: Any, names: tuple[str, ...]) -> None:
        for name in names:
            if not isinstance(entry, dict) or not entry.get(name):
                raise ContentError(f"{where}: {part}[{n}]: missing field {name!r}")

    groups: dict[str, str] = {}
    for n, g in enumerate(data["groups"]):
        fields("groups", n, g, ("id", "label"))
        if g["id"] not in STYLE:
            raise ContentError(f"{where}: groups[{n}].id: unknown group {g['id']!r}; known: {', '.join(STYLE)}")
        groups[g["id"]] = g["label"]
    nodes: dict[str, dict[str, Any]] = {}
    for n, node in enumerate(data["nodes"]):
        fields("nodes", n, node, ("id", "label", "group"))
        if node["id"] in nodes:
            raise ContentError(f"{where}: nodes[{n}].id: duplicate node id {node['id']!r}")
        if node["group"] not in groups:
            raise ContentError(f"{where}: nodes[{n}].group: unknown group {node['group']!r}")
        nodes[node["id"]] = node
    if sum(node["group"] == "kind" for node in nodes.values()) != 1:
        raise ContentError(f"{where}: nodes: exactly one node must have group 'kind' (the centre)")
    for n, edge in enumerate(data["edges"]):
        fields("edges", n, edge, ("between", "label"))
        pair = edge["between"]
        if not isinstance(pair, list) or len(pair) != 2 or pair[0] == pair[1]:
            raise ContentError(f"{where}: edges[{n}].between: expected two different node ids, got {pair!r}")
        for nid in pair:
            if nid not in nodes:
                raise ContentError(f"{where}: edges[{n}].between: unknown node id {nid!r}")
        at = edge.get("at", 0.5)
        if isinstance(at, bool) or not isinstance(at, (int, float)) or not 0 < at < 1:
            raise ContentError(f"{where}: edges[{n}].at: a number between 0 and 1, got {at!r}")
    return {"groups": groups, "nodes": nodes, "edges": data["edges"]}


def positions(nodes: dict[str, dict[str, Any]]) -> dict[str, tuple[float, float]]:
    """Return node id -> (x, y): the child at (0, 0), the others clockwise from the top."""
    ring = [nid for nid, node in nodes.items() if node["group"] != "kind"]
    pos = {nid: (0.0, 0.0) for nid, node in nodes.items() if node["group"] == "kind"}
    for k, nid in enumerate(ring):
        angle = math.pi / 2 - 2 * math.pi * k / len(ring)
        pos[nid] = (RING_X * math.cos(angle), math.sin(angle))
    return pos


def draw_village(texts: dict[str, str], path: Path | None = None) -> Figure:
    """Return the matplotlib Figure of the village; ``texts`` holds 'title' and 'note'."""
    from matplotlib.lines import Line2D

    from course.figures.plots import plt  # the Agg backend is chosen there

    missing = {"title"} - set(texts)
    if missing:
        raise ValueError(f"figure text is missing: {', '.join(sorted(missing))}")
    village = load_village(path)
    nodes, pos = village["nodes"], positions(village["nodes"])
    fig, ax = plt.subplots(figsize=(9, 5.9), dpi=100)  # fits under JupyterLab on a 1366x768 screen
    lines = {}
    for edge in village["edges"]:
        a, b = edge["between"]
        (xa, ya), (xb, yb) = pos[a], pos[b]
        (lines[f"{a}-{b}"],) = ax.plot(
            [xa, xb], [ya, yb], color="#555555", linewidth=1.6, zorder=1, gid=f"edge:{a}-{b}"
        )
    for nid, node in nodes.items():
        colour, marker = STYLE[node["group"]]
        x, y = pos[nid]
        centre = node["group"] == "kind"
        ax.scatter(
            [x], [y], s=900 if centre else 380, color=colour, marker=marker, edgecolors="black", linewidths=1, zorder=4
        )
        # the child's name right below its star, clear of its own lines and the others' labels
        dx, dy = (0.1, -0.12) if centre else (0.2 * x / RING_X, 0.2 * y)
        ha = "left" if centre else "center" if abs(x) < 0.1 else "left" if x > 0 else "right"
        va = "top" if y < -0.1 or centre else "bottom" if y > 0.1 else "center"
        ax.text(
            x + dx,
            y + dy,
            textwrap.fill(node["label"], 20),
            ha=ha,
            va=va,
            zorder=5,
            fontsize=11 if centre else 10,
            fontweight="bold" if centre else "normal",
            gid=f"node:{nid}",
        )
    handles = [
        Line2D(
            [],
            [],
            linestyle="",
            marker=STYLE[g][1],
            markersize=10,
            color=STYLE[g][0],
            markeredgecolor="black",
            label=label,
        )
        for g, label in village["groups"].items()
    ]
    ax.legend(
        handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.02), ncol=len(handles), fontsize=9, frameon=False
    )
    ax.set_xlim(-2.8, 2.8)
    ax.set_ylim(-1.45, 1.4)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(texts["title"], fontsize=13)
    fig.tight_layout()  # no note inside the image: the caption says it, once, below it (issue 24)
    _label_bonds(fig, ax, village, pos, lines)
    return fig


# Where on its line a bond's label may stand, from its first node (0) to its second (1): tried nearest the usual
# place first (0.6 from the child, else 0.32), the first that touches no other line, label or name wins.
PLACES = [round(0.1 + 0.05 * k, 2) for k in range(17)]


def _label_bonds(fig: Figure, ax: Any, village: dict[str, Any], pos: dict[str, Any], lines: dict[str, Any]) -> None:
    """Put each bond's label on its own line where it touches no other line, label or name (tenth walk: labels at
    crossings, "leren" on the parents' line to the bso); a bond's 'at' in the file fixes the place. The bonds with
    the fewest free places are labelled first."""
    fig.canvas.draw()  # the equal aspect and the layout settle at draw time: place the labels in the final figure
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]  # Agg (course.figures.plots)
    taken = [t.get_window_extent(renderer).expanded(1.05, 1.2) for t in ax.texts]  # the people's names
    nodes = village["nodes"]
    paths = {bond: line.get_path().transformed(line.get_transform()) for bond, line in lines.items()}
    texts: dict[str, Any] = {}
    boxes: dict[str, list[tuple[int, float, Any]]] = {}
    for edge in village["edges"]:
        a, b = edge["between"]
        (xa, ya), (xb, yb) = pos[a], pos[b]
        usual = 0.6 if nodes[a]["group"] == "kind" else 0.4 if nodes[b]["group"] == "kind" else 0.32
        text = texts[f"{a}-{b}"] = ax.text(
            0,
            0,
            edge["label"],
            fontsize=9,
            ha="center",
            va="center",
            zorder=3,
            bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none"},
            gid=f"bond:{a}-{b}",
        )
        tries = boxes[f"{a}-{b}"] = []
        for t in [edge["at"]] if "at" in edge else sorted(PLACES, key=lambda t: abs(t - usual)):
            text.set_position((xa + t * (xb - xa), ya + t * (yb - ya)))
            text.update_bbox_position_size(renderer)  # else the white box stays where the last try was
            box = text.get_bbox_patch().get_window_extent(renderer)
            lines_touched = sum(
                path.intersects_bbox(box, filled=False) for bond, path in paths.items() if bond != f"{a}-{b}"
            )
            tries.append((lines_touched, t, box))
    for bond in sorted(boxes, key=lambda bond: sum(touched == 0 for touched, _, _ in boxes[bond])):
        # the fewest touches; of equals the one nearest the usual place (tries are in that order)
        _, t, box = min(boxes[bond], key=lambda tried: tried[0] + sum(tried[2].overlaps(other) for other in taken))
        text = texts[bond]
        a, b = bond.split("-")
        (xa, ya), (xb, yb) = pos[a], pos[b]
        text.set_position((xa + t * (xb - xa), ya + t * (yb - ya)))
        text.update_bbox_position_size(renderer)
        taken.append(box)
