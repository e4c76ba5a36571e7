"""The 'village' figure of lesson 01: drawn from course/data/village.yaml, checked on load."""

from __future__ import annotations

import copy

import matplotlib.pyplot as plt
import pytest
import yaml
from matplotlib.colors import to_hex

from course.content import ContentError
from course.figures import export as figures
from course.figures import village

TEXTS = {"title": "Het dorp"}
OKABE_ITO = {"#e69f00", "#0072b2", "#009e73", "#cc79a7", "#56b4e9"}


@pytest.fixture
def raw():
    return yaml.safe_load(village.VILLAGE_PATH.read_text(encoding="utf-8"))


def write(tmp_path, data):
    path = tmp_path / "village.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_one_label_per_node_and_one_line_per_edge(raw):
    fig = village.draw_village(TEXTS)
    ax = fig.axes[0]
    labels = {
        t.get_gid()[len("node:") :]: " ".join(t.get_text().split())
        for t in ax.texts
        if (t.get_gid() or "").startswith("node:")
    }
    assert labels == {n["id"]: n["label"] for n in raw["nodes"]}
    assert len([t for t in ax.texts if (t.get_gid() or "").startswith("node:")]) == len(raw["nodes"])
    assert sorted(line.get_gid() for line in ax.get_lines()) == sorted(
        f"edge:{e['between'][0]}-{e['between'][1]}" for e in raw["edges"]
    )
    edge_labels = [t.get_text() for t in ax.texts if (t.get_gid() or "").startswith("bond:")]
    assert sorted(edge_labels) == sorted(e["label"] for e in raw["edges"])
    assert ax.get_title() == TEXTS["title"]
    plt.close(fig)


def test_lines_join_the_nodes_of_their_edge_and_the_child_is_in_the_centre(raw):
    data = village.load_village()
    pos = village.positions(data["nodes"])
    child = next(n["id"] for n in raw["nodes"] if n["group"] == "kind")
    assert pos[child] == (0.0, 0.0)
    fig = village.draw_village(TEXTS)
    for line, edge in zip(fig.axes[0].get_lines(), raw["edges"]):
        a, b = edge["between"]
        assert list(zip(line.get_xdata(), line.get_ydata())) == [pos[a], pos[b]]
    plt.close(fig)


def test_groups_have_colour_blind_safe_colours_and_distinct_markers_in_the_legend(raw):
    fig = village.draw_village(TEXTS)
    legend = fig.axes[0].get_legend()
    assert [t.get_text() for t in legend.get_texts()] == [g["label"] for g in raw["groups"]]
    handles = legend.legend_handles if hasattr(legend, "legend_handles") else legend.legendHandles
    assert {to_hex(h.get_color()) for h in handles} <= OKABE_ITO
    assert len({h.get_marker() for h in handles}) == len(handles)
    plt.close(fig)


def test_registered_as_a_drawer():
    fig = figures.draw({"draw": "village", "texts": TEXTS})
    assert len(fig.axes[0].get_lines()) == len(village.load_village()["edges"])
    plt.close(fig)


def test_an_edge_with_an_unknown_node_id_names_file_field_and_id(tmp_path, raw):
    data = copy.deepcopy(raw)
    data["edges"][2]["between"] = ["ouders", "buurvrouw"]
    path = write(tmp_path, data)
    with pytest.raises(ContentError, match=r"edges\[2\]\.between: unknown node id 'buurvrouw'") as err:
        village.load_village(path)
    assert str(err.value).startswith(str(path))
    with pytest.raises(ContentError, match="buurvrouw"):
        village.draw_village(TEXTS, path)


def test_a_duplicate_node_id_raises(tmp_path, raw):
    data = copy.deepcopy(raw)
    data["nodes"].append({"id": "ouders", "label": "Nog een keer ouders", "group": "ouders"})
    path = write(tmp_path, data)
    n = len(data["nodes"]) - 1
    with pytest.raises(ContentError, match=rf"nodes\[{n}\]\.id: duplicate node id 'ouders'"):
        village.load_village(path)


@pytest.mark.parametrize(
    "break_it, expect",
    [
        (lambda d: d["nodes"][1].pop("group"), r"nodes\[1\]: missing field 'group'"),
        (lambda d: d["edges"][0].pop("label"), r"edges\[0\]: missing field 'label'"),
        (lambda d: d["nodes"][1].update(group="kerk"), r"nodes\[1\]\.group: unknown group 'kerk'"),
        (lambda d: d["edges"][0].update(between=["kind"]), r"edges\[0\]\.between: expected two different"),
        (lambda d: d["nodes"][1].update(group="kind"), r"exactly one node must have group 'kind'"),
        (lambda d: d.pop("edges"), r"edges: missing or empty list"),
        (lambda d: d["edges"][0].update(at=1.5), r"edges\[0\]\.at: a number between 0 and 1"),
    ],
    ids=["no-group", "no-edge-label", "unknown-group", "one-end", "two-children", "no-edges", "label-off-line"],
)
def test_broken_village_files_get_an_error_naming_the_field(tmp_path, raw, break_it, expect):
    data = copy.deepcopy(raw)
    break_it(data)
    with pytest.raises(ContentError, match=expect):
        village.load_village(write(tmp_path, data))


def test_parents_are_tied_to_other_parents_not_only_to_professionals(raw):
    """The oproep's village has "onderlinge verbondenheid" and "sociale steun" among the adults around children;
    fidelity readings 24-29 noted a village without a tie between families. A bond joins the child's parents to
    other parents, and the figure's alt text names every bond."""
    parents = [n["id"] for n in raw["nodes"] if n["group"] == "ouders" and "ouders" in n["label"].lower()]
    assert len(parents) >= 2, parents
    assert any(set(e["between"]) <= set(parents) for e in raw["edges"]), "no bond between two families"
    from course.content import load_lesson

    alt = " ".join(load_lesson("01_waarom_ouders")["blocks"]["dorp"]["alt"].split())
    labels = {"overgang school-bso": "overgang van school naar bso"}
    for edge in raw["edges"]:
        label = labels.get(edge["label"], edge["label"])
        assert label in alt, f"the alt text does not name the bond {edge['label']!r}"


def test_no_two_labels_of_the_village_overlap():
    """With seven people on the ring the labels near the parents crowded ("brengen en halen" over "houvast"):
    no two texts of the figure (bond labels with their white box, people's names) may overlap."""
    fig = village.draw_village(TEXTS)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    ax = fig.axes[0]
    boxes = [(t.get_text(), (t.get_bbox_patch() or t).get_window_extent(renderer)) for t in ax.texts]
    clashes = [(a, b) for i, (a, box_a) in enumerate(boxes) for b, box_b in boxes[i + 1 :] if box_a.overlaps(box_b)]
    plt.close(fig)
    assert not clashes, clashes


def test_a_bonds_label_sits_on_its_own_line_only():
    """Tenth walk (lesson 01): labels stood where two lines cross ("leren" on the line from the parents to the bso,
    "elkaar kennen" on the child's line), so a learner could not tell which bond they named. No bond's label (its
    white box) touches another bond's line."""
    fig = village.draw_village(TEXTS)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    ax = fig.axes[0]
    lines = {line.get_gid()[len("edge:") :]: line for line in ax.lines if (line.get_gid() or "").startswith("edge:")}
    labels = [t for t in ax.texts if (t.get_gid() or "").startswith("bond:")]
    assert len(labels) == len(lines) == len(village.load_village()["edges"])
    touching = []
    for text in labels:
        box = text.get_bbox_patch().get_window_extent(renderer)
        for bond, line in lines.items():
            if bond != text.get_gid()[len("bond:") :]:
                path = line.get_path().transformed(line.get_transform())
                if path.intersects_bbox(box, filled=False):
                    touching.append((text.get_text(), bond))
    for text in [t for t in ax.texts if (t.get_gid() or "").startswith("node:")]:  # a name: only its own lines
        box, person = text.get_window_extent(renderer), text.get_gid()[len("node:") :]
        for bond, line in lines.items():
            if person not in bond.split("-") and line.get_path().transformed(line.get_transform()).intersects_bbox(
                box, filled=False
            ):
                touching.append((text.get_text(), bond))
    plt.close(fig)
    assert not touching, touching
