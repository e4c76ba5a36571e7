"""The blind panel's sheet and scoring (course/authoring/panel.py): the sheet shows every auto-graded item and
no key; scoring uses the course's judge, per reader and per item."""

from __future__ import annotations

import json
import re

from course.authoring import panel
from course.authoring.item_checks import course_items, plain

LESSON = "02_ouderschap_en_opvoederschap"


def test_the_sheet_holds_every_item_and_no_key_file_content():
    rows = [r for r in course_items() if r[0] == LESSON]
    text = panel.sheet([LESSON])
    heads = [line.split()[1] for line in text.splitlines() if line.startswith("### ")]
    assert heads == [f"v{n}" for n in range(1, len(rows) + 1)]
    assert all(plain(item["prompt"]) in text for _, item, _ in rows)
    assert "sleutel" not in text.lower() and "key" not in text.lower()


def test_the_sheet_shows_no_course_id_a_learner_never_sees():
    """Ids tell: 't_toets_mildheid' names an item's topic, category 'rol' its label."""
    text = panel.sheet()
    shown = set(re.findall(r"`([^`]+)`", text)) | {
        line.split()[1] for line in text.splitlines() if line.startswith("### ")
    }
    ids = set()
    for _, item, _ in course_items():
        ids.add(item["id"])
        ids |= {e["id"] for part in ("statements", "steps", "categories") for e in item.get(part, [])}
    ids = {i for i in ids if not re.fullmatch(r"[vus][0-9]+|[A-Z]", i)}  # already neutral
    assert len(ids) > 50
    assert not shown & ids, f"course ids on the sheet: {sorted(shown & ids)}"


def _as_sheet_names(item, key):
    """The key written the way a reader of the sheet answers."""
    names = {part: {v: k for k, v in m.items()} for part, m in panel._aliases(item).items()}
    if item["type"] == "order":
        return [names["steps"][s] for s in key]
    if item["type"] in ("categorise", "match"):
        return {names["statements"][s]: names["categories"][c] for s, c in key.items()}
    return key


def test_a_reader_answering_in_the_sheets_names_is_scored_by_the_key():
    rows = panel._rows(None)
    perfect = {name: _as_sheet_names(item, key) for name, item, key in rows}
    result = panel.score({"kent": perfect})
    assert result["kent"]["aandeel"] == 1.0
    order = next((name, item, key) for name, item, key in rows if item["type"] == "order")
    swapped = dict(perfect, **{order[0]: [perfect[order[0]][1], perfect[order[0]][0], *perfect[order[0]][2:]]})
    assert panel.score({"bijna": swapped})["bijna"]["items"][order[1]["id"]] < float(order[1]["points"])


def test_a_reader_with_the_keys_scores_all_and_a_silent_reader_nothing(tmp_path, capsys):
    rows = [r for r in course_items() if r[0] == LESSON]
    keys = {item["id"]: key for _, item, key in rows}
    wrong_shape = {iid: 12345 for iid in keys}
    result = panel.score({"kent": keys, "leeg": {}, "vreemd": wrong_shape}, [LESSON])
    most = sum(float(item["points"]) for _, item, _ in rows)
    assert result["kent"]["punten"] == most and result["kent"]["aandeel"] == 1.0
    assert result["leeg"]["punten"] == 0 and result["vreemd"]["punten"] == 0
    (tmp_path / "a.json").write_text(json.dumps({"kent": keys}))
    assert panel.main(["score", str(tmp_path / "a.json"), LESSON]) == 0
    assert f"kent: {most:.1f} van {most:.0f} (100%)" in capsys.readouterr().out
    (tmp_path / "kapot.json").write_text("{niet")
    assert panel.main(["score", str(tmp_path / "kapot.json")]) == 2


def test_a_panel_record_prints_the_mean_per_kind_of_reader(tmp_path, capsys):
    rows = panel._rows([LESSON])
    perfect = {name: _as_sheet_names(item, key) for name, item, key in rows}
    record = {
        "lessen": [LESSON],
        "commit": "x",
        "lezers": {
            "v1": {"soort": "voorbereid", "antwoorden": perfect},
            "t1": {"soort": "toetsslim", "antwoorden": {}},
            "t2": {"soort": "toetsslim", "antwoorden": perfect},
        },
    }
    (tmp_path / "r.json").write_text(json.dumps(record))
    assert panel.main(["score", str(tmp_path / "r.json")]) == 0
    out = capsys.readouterr().out
    assert "voorbereid (1 lezers): gemiddeld 100%" in out and "toetsslim (2 lezers): gemiddeld 50%" in out
    record["lezers"]["t3"] = {"soort": "gok", "antwoorden": {}}
    (tmp_path / "r.json").write_text(json.dumps(record))
    assert panel.main(["score", str(tmp_path / "r.json")]) == 2
    assert "lezer 't3'" in capsys.readouterr().err


def test_a_sheet_in_parts_holds_every_item_once_with_the_whole_sheets_numbers(capsys):
    whole = re.findall(r"^### (v\d+) ", panel.sheet(), re.M)
    parts = [re.findall(r"^### (v\d+) ", panel.sheet(part=(k, 3)), re.M) for k in (1, 2, 3)]
    assert [v for p in parts for v in p] == whole and all(parts)
    assert max(len(panel.sheet(part=(k, 2))) for k in (1, 2)) < 30_000  # a helper's tool shows it whole
    assert panel.main(["blad", "--deel", "3/2"]) == 2
    assert "bestaat niet" in capsys.readouterr().err
