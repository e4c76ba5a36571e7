"""The answer store: restore, atomic writes, corrupt files, read-only grading."""

from __future__ import annotations

import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from course import store as store_mod
from course.store import LOCK_NAME, STORE_NAME, AnswerStore


def test_missing_file_means_nothing_answered(tmp_path):
    s = AnswerStore.in_folder(tmp_path)
    assert s.get("q1") is None
    assert s.answers() == {}
    assert s.notices == []
    assert not (tmp_path / STORE_NAME).exists()  # reading never creates the file


def test_every_change_is_on_disk_and_restored_by_a_new_store(tmp_path, store):
    store.set("q1", "b")
    store.set("q2", {"s1": "rol"})
    on_disk = json.loads((tmp_path / STORE_NAME).read_text(encoding="utf-8"))
    assert on_disk == {"format": 1, "answers": {"q1": "b", "q2": {"s1": "rol"}}}
    restarted = AnswerStore.in_folder(tmp_path)  # what a kernel restart amounts to
    assert restarted.get("q1") == "b"
    assert restarted.get("q2") == {"s1": "rol"}


def test_two_store_objects_do_not_undo_each_others_answers(tmp_path):
    old = AnswerStore.in_folder(tmp_path)  # e.g. widgets from before the setup cell ran again
    new = AnswerStore.in_folder(tmp_path)
    new.set("q1", "a")
    old.set("q2", "c")
    assert AnswerStore.in_folder(tmp_path).answers() == {"q1": "a", "q2": "c"}


def test_non_json_values_are_refused_before_the_file_is_touched(tmp_path, store):
    store.set("q1", "a")
    before = (tmp_path / STORE_NAME).read_bytes()
    with pytest.raises(TypeError):
        store.set("q2", object())
    assert (tmp_path / STORE_NAME).read_bytes() == before


@pytest.mark.parametrize("bad_id", ["", None, 3])
def test_bad_item_ids_are_refused(store, bad_id):
    with pytest.raises(ValueError, match="item_id"):
        store.set(bad_id, "a")


def test_crash_during_write_keeps_the_previous_file_intact(tmp_path, store, monkeypatch):
    store.set("q1", "a")
    before = (tmp_path / STORE_NAME).read_bytes()

    real_dump = json.dump

    def dump_then_crash(obj, fh, **kw):
        fh.write('{"format": 1, "answers": {"q1": "b", "q2"')  # half a document reaches the temp file
        raise KeyboardInterrupt("power cut")  # not an Exception: nothing may swallow it

    monkeypatch.setattr(store_mod.json, "dump", dump_then_crash)
    with pytest.raises(KeyboardInterrupt):
        store.set("q2", "c")
    monkeypatch.setattr(store_mod.json, "dump", real_dump)

    assert (tmp_path / STORE_NAME).read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [LOCK_NAME, STORE_NAME]  # the temp file is cleaned up
    assert AnswerStore.in_folder(tmp_path).answers() == {"q1": "a"}


def test_crash_before_rename_leaves_old_file_and_a_stray_temp_is_ignored(tmp_path, store, monkeypatch):
    store.set("q1", "a")

    def no_rename(src, dst):
        raise OSError("crash before rename")

    monkeypatch.setattr(store_mod.os, "replace", no_rename)
    with pytest.raises(OSError):
        store.set("q1", "b")
    monkeypatch.undo()
    # A real crash would leave its temp file behind; loading must not care.
    (tmp_path / ".antwoorden-leftover.tmp").write_text("{half", encoding="utf-8")
    assert AnswerStore.in_folder(tmp_path).get("q1") == "a"


def test_write_goes_through_fsync_and_rename(tmp_path, store, monkeypatch):
    calls = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(store_mod.os, "fsync", lambda fd: (calls.append("fsync"), real_fsync(fd)))
    monkeypatch.setattr(store_mod.os, "replace", lambda a, b: (calls.append("replace"), real_replace(a, b)))
    store.set("q1", "a")
    assert calls.index("fsync") < calls.index("replace")


@pytest.mark.parametrize(
    "content",
    [b"{not json", b"\xff\xfe\x00", b"[]", b'{"answers": []}', b'{"format": 99, "answers": {}}', b""],
    ids=["broken-json", "not-utf8", "a-list", "answers-not-a-dict", "unknown-format", "empty"],
)
def test_corrupt_file_is_set_aside_with_a_dutch_notice(tmp_path, content):
    (tmp_path / STORE_NAME).write_bytes(content)
    s = AnswerStore.in_folder(tmp_path)
    assert s.answers() == {}
    aside = list(tmp_path.glob("antwoorden.beschadigd-*.json"))
    assert len(aside) == 1 and aside[0].read_bytes() == content  # kept byte for byte
    assert not (tmp_path / STORE_NAME).exists()
    assert len(s.notices) == 1
    assert "beschadigd" in s.notices[0] and aside[0].name in s.notices[0]
    s.set("q1", "a")  # a fresh file is started; the old one stays aside
    assert aside[0].read_bytes() == content
    assert AnswerStore.in_folder(tmp_path).get("q1") == "a"


def test_two_corrupt_files_in_one_second_both_survive(tmp_path, monkeypatch):
    monkeypatch.setattr(store_mod.time, "strftime", lambda fmt: "20260101-120000")
    for content in (b"{one", b"{two"):
        (tmp_path / STORE_NAME).write_bytes(content)
        AnswerStore.in_folder(tmp_path)
    kept = sorted(p.read_bytes() for p in tmp_path.glob("antwoorden.beschadigd-*.json"))
    assert kept == [b"{one", b"{two"]


def test_while_grading_the_store_is_read_only_and_leaves_a_corrupt_file_alone(tmp_path, monkeypatch):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    (tmp_path / STORE_NAME).write_bytes(b"{broken")
    s = AnswerStore.in_folder(tmp_path)
    assert s.read_only
    assert s.answers() == {}
    assert "niet beantwoord" in s.notices[0]
    s.set("q1", "a")
    assert (tmp_path / STORE_NAME).read_bytes() == b"{broken"
    assert list(tmp_path.iterdir()) == [tmp_path / STORE_NAME]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text() | st.floats(allow_nan=False, allow_infinity=False),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(answers=st.dictionaries(st.text(min_size=1, max_size=20), json_values, min_size=1, max_size=5))
def test_any_json_answers_survive_a_restart(tmp_path, answers):
    folder = tmp_path / str(abs(hash(json.dumps(answers, sort_keys=True))))
    folder.mkdir(exist_ok=True)
    store = AnswerStore.in_folder(folder)
    for item_id, value in answers.items():
        store.set(item_id, value)
    assert AnswerStore.in_folder(folder).answers() == answers


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_answer_file_is_readable_by_the_lecturer_and_keeps_its_mode(tmp_path, store):
    store.set("q1", "a")
    path = tmp_path / STORE_NAME
    assert path.stat().st_mode & 0o777 == 0o644  # mkstemp alone would give 0600
    path.chmod(0o640)
    store.set("q1", "b")
    assert path.stat().st_mode & 0o777 == 0o640
