"""The blind panel's sheet and scoring (course/panel.py): the sheet shows every auto-graded item and
no key; scoring uses the course's judge, per reader and per item."""

from __future__ import annotations

import json

from course import panel
from course.item_checks import course_items

LESSON = "02_ouderschap_en_opvoederschap"


def test_the_sheet_holds_every_item_and_no_key_file_content():
    rows = [r for r in course_items() if r[0] == LESSON]
    text = panel.sheet([LESSON])
    assert all(f"### {item['id']} " in text for _, item, _ in rows)
    assert "reflectie" not in [line.split()[1] for line in text.splitlines() if line.startswith("### ")]
    assert "sleutel" not in text.lower() and "key" not in text.lower()


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
