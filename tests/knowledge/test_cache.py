"""The knowledge cache (knowledge.snapshot, knowledge.shelf): parsed files and the built index are reused while
nothing changed, only what changed is parsed again, a damaged cache is built again, and answers do not change."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
import yaml

from knowledge.base import KnowledgeBase, LoadReport
from knowledge.errors import DocumentError
from knowledge.loading import DEFAULT_SAMPLES
from knowledge.synonyms import DEFAULT_SYNONYMS
from tests.directives import directive, write

DATA = Path(__file__).parent.parent / "data"
QUESTIONS = [case["q"] for case in yaml.safe_load((DATA / "qa_dev.yaml").read_text(encoding="utf-8"))["cases"]]


def library(folder: Path) -> Path:
    """A small library: the two samples and three plans of a commune."""
    folder.mkdir(parents=True)
    for name in os.listdir(DEFAULT_SAMPLES):
        shutil.copy(DEFAULT_SAMPLES / name, folder / name)
    write(folder / "rac.txt", directive("12/KH-UBND", "05/03/2026", "rac"))
    write(folder / "bhyt.md", directive("15/KH-UBND", "06/03/2026", "bhyt", report_by="15/7/2026"))
    write(folder / "giong.txt", directive("18/KH-UBND", "07/03/2026", "giong"))
    return folder


def load(folder: Path, cache: Path, synonyms: list[Path] | None = None) -> tuple[KnowledgeBase, list[str]]:
    """The knowledge of `folder` through `cache`, and the names of the files parsed to get it."""
    parsed: list[str] = []

    def seen(report: LoadReport) -> None:
        parsed.append(Path(report.path).name)

    knowledge = KnowledgeBase.load([folder], synonyms=synonyms or [DEFAULT_SYNONYMS], cache=cache, on_file=seen)
    return knowledge, sorted(parsed)


def snapshots(cache: Path) -> list[str]:
    return sorted(path.name for path in cache.iterdir() if path.is_dir() and path.name != "documents")


def touch(path: Path, text: str) -> None:
    """Rewrite a file and move its time on, as an editor saving it would."""
    before = path.stat().st_mtime_ns
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before + 5_000_000_000, before + 5_000_000_000))


def answers(knowledge: KnowledgeBase, questions: list[str]) -> list[dict[str, object]]:
    return [knowledge.ask(question).to_json() for question in questions]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return library(tmp_path / "van-ban")


def test_a_second_load_parses_nothing_and_opens_the_same_snapshot(folder: Path, tmp_path: Path) -> None:
    cache = tmp_path / "index"
    first, parsed = load(folder, cache)
    assert len(parsed) == 5 and len(first.documents) == 5
    again, parsed_again = load(folder, cache)
    assert parsed_again == [] and len(snapshots(cache)) == 1
    assert answers(again, QUESTIONS) == answers(first, QUESTIONS)


def test_answers_from_the_cache_equal_answers_from_documents_parsed_in_memory(folder: Path, tmp_path: Path) -> None:
    fresh = KnowledgeBase.load([folder])
    load(folder, tmp_path / "index")
    reopened, _ = load(folder, tmp_path / "index")
    questions = [*QUESTIONS, "hạn báo cáo thu gom rác", "tỷ lệ tham gia bảo hiểm y tế hộ gia đình",
                 "mỗi hộ được nhận bao nhiêu cây giống", "ai ký kế hoạch 18/KH-UBND", "giá vàng hôm nay"]
    assert answers(reopened, questions) == answers(fresh, questions)
    assert reopened.deadlines() == fresh.deadlines() and reopened.targets() == fresh.targets()
    assert reopened.assignments() == fresh.assignments()
    assert reopened.targets("xa hoi") == fresh.targets("xa hoi") and reopened.targets("xa hoi")
    assert [document.info for document in reopened.documents] == [document.info for document in fresh.documents]
    document, expected = reopened.document("15/KH-UBND"), fresh.document("15/KH-UBND")
    assert document is not None and expected is not None and document.passages == expected.passages


def test_a_changed_file_alone_is_parsed_again_and_its_new_text_answers(folder: Path, tmp_path: Path) -> None:
    cache = tmp_path / "index"
    load(folder, cache)
    touch(folder / "giong.txt", directive("18/KH-UBND", "07/03/2026", "giong").replace("30 cây", "45 cây"))
    knowledge, parsed = load(folder, cache)
    assert parsed == ["giong.txt"]
    assert "45 cây" in knowledge.ask("mỗi hộ được nhận bao nhiêu cây giống").to_json()["answer"]


def test_an_added_file_alone_is_parsed_and_a_removed_one_is_gone(folder: Path, tmp_path: Path) -> None:
    cache = tmp_path / "index"
    load(folder, cache)
    write(folder / "moi.txt", directive("21/KH-UBND", "09/03/2026", "bhyt", issuer="XÃ AN PHÚ"))
    added, parsed = load(folder, cache)
    assert parsed == ["moi.txt"] and "21/KH-UBND" in {info.key for info in added.answerer.store.infos}
    (folder / "rac.txt").unlink()
    removed, parsed = load(folder, cache)
    assert parsed == [] and {info.key for info in removed.answerer.store.infos} >= {"21/KH-UBND", "15/KH-UBND"}
    assert "12/KH-UBND" not in {deadline.document for deadline in removed.deadlines()}
    assert removed.document("12/KH-UBND") is None


def test_changed_synonyms_rebuild_the_index_without_parsing_again(folder: Path, tmp_path: Path) -> None:
    cache = tmp_path / "index"
    extra = tmp_path / "them.yaml"
    extra.write_text("abbreviations:\n  PLR: phân loại rác\n", encoding="utf-8")
    before, _ = load(folder, cache, [DEFAULT_SYNONYMS])
    after, parsed = load(folder, cache, [DEFAULT_SYNONYMS, extra])
    assert parsed == [] and len(snapshots(cache)) == 2
    assert "plr" in after.index.vocabulary and "plr" not in before.index.vocabulary
    assert "60%" in after.ask("tỷ lệ hộ PLR tại nguồn").to_json()["answer"]


def test_a_document_s_own_abbreviations_are_understood_after_a_reload(tmp_path: Path) -> None:
    folder = tmp_path / "van-ban"
    text = directive("12/KH-UBND", "05/03/2026", "rac").replace(
        "Hộ gia đình phân loại", "Nuôi trồng thủy sản (sau đây gọi là NTTS) được hỗ trợ. Hộ gia đình phân loại")
    write(folder / "rac.txt", text)
    fresh = KnowledgeBase.load([folder])
    load(folder, tmp_path / "index")
    reopened, _ = load(folder, tmp_path / "index")
    assert answers(reopened, ["hỗ trợ NTTS"]) == answers(fresh, ["hỗ trợ NTTS"])


@pytest.mark.parametrize("damage", ["truncated array", "no manifest", "garbled manifest", "missing file",
                                    "garbled documents"])
def test_a_damaged_cache_is_built_again_and_answers_the_same(folder: Path, tmp_path: Path, damage: str) -> None:
    cache = tmp_path / "index"
    first, _ = load(folder, cache)
    expected = answers(first, QUESTIONS[:8])
    [snapshot] = [cache / name for name in snapshots(cache)]
    if damage == "truncated array":
        target = snapshot / "body.ids.npy"
        target.write_bytes(target.read_bytes()[:-40])
    elif damage == "no manifest":
        (snapshot / "manifest.json").unlink()
    elif damage == "garbled manifest":
        (snapshot / "manifest.json").write_text("{not json", encoding="utf-8")
    elif damage == "missing file":
        (snapshot / "texts.bin").unlink()
    else:
        manifest = json.loads((snapshot / "manifest.json").read_text(encoding="utf-8"))
        (snapshot / "meta.pickle").write_bytes(b"\x80\x05garbage" + b"\0" * (manifest["files"]["meta.pickle"] - 10))
    rebuilt, parsed = load(folder, cache)
    assert parsed == []  # the parsed files were fine: only the index is built again
    assert answers(rebuilt, QUESTIONS[:8]) == expected


def test_a_garbled_parsed_file_is_parsed_again(folder: Path, tmp_path: Path) -> None:
    cache = tmp_path / "index"
    fresh, _ = load(folder, cache)
    [entry] = [entry for entry in (cache / "documents").rglob("*.pickle") if b"18/KH-UBND" in entry.read_bytes()]
    entry.write_bytes(b"garbage")
    reused, parsed = load(folder, cache)  # the index is whole: the document is read again when it is asked for
    document, expected = reused.document("18/KH-UBND"), fresh.document("18/KH-UBND")
    assert parsed == [] and document is not None and expected is not None and document.passages == expected.passages
    entry.write_bytes(b"garbage")
    touch(folder / "rac.txt", (folder / "rac.txt").read_text(encoding="utf-8") + "\n")
    rebuilt, parsed = load(folder, cache)
    assert parsed == ["giong.txt", "rac.txt"] and len(rebuilt.documents) == 5


def test_an_unreadable_file_is_reported_again_from_the_cache_and_the_others_load(folder: Path, tmp_path: Path) -> None:
    (folder / "hong.docx").write_bytes(b"PK\x03\x04 not really a zip")
    cache = tmp_path / "index"
    first, parsed = load(folder, cache)
    again, parsed_again = load(folder, cache)
    assert "hong.docx" in parsed and parsed_again == []
    assert [Path(problem.path).name for problem in again.problems] == ["hong.docx"] == \
        [Path(problem.path).name for problem in first.problems]
    assert again.problems[0].reason == first.problems[0].reason and len(again.documents) == 5


def test_a_cache_that_cannot_be_written_still_loads_the_documents(folder: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "tep"
    blocker.write_text("not a folder", encoding="utf-8")
    knowledge, parsed = load(folder, blocker / "index")
    assert len(parsed) == 5 and len(knowledge.documents) == 5 and knowledge.ask("chỉ tiêu BHYT").found


def test_duplicates_are_left_out_the_same_way_from_the_cache(tmp_path: Path) -> None:
    folder = tmp_path / "van-ban"
    write(folder / "ke-hoach-12.txt", directive("12/KH-UBND", "05/03/2026"))
    write(folder / "Kế hoạch 12 (bản Word).docx", directive("12/KH-UBND", "05/03/2026"))
    load(folder, tmp_path / "index")
    knowledge, _ = load(folder, tmp_path / "index")
    assert [Path(document.info.path).name for document in knowledge.documents] == ["Kế hoạch 12 (bản Word).docx"]
    assert [Path(duplicate.path).name for duplicate in knowledge.duplicates] == ["ke-hoach-12.txt"]


def test_many_files_are_parsed_by_worker_processes_into_the_same_knowledge(tmp_path: Path) -> None:
    folder = tmp_path / "van-ban"
    for number in range(20):
        write(folder / f"kh-{number}.txt", directive(f"{number + 30}/KH-UBND", f"{number % 27 + 1:02d}/03/2026",
                                                     ("rac", "bhyt", "giong")[number % 3], issuer=f"XÃ SỐ {number}"))
    parsed: list[str] = []
    pooled = KnowledgeBase.load([folder], cache=tmp_path / "index", workers=2,
                                on_file=lambda report: parsed.append(report.path))
    assert len(parsed) == 20
    fresh = KnowledgeBase.load([folder])
    questions = ["hạn báo cáo thu gom rác", "tỷ lệ tham gia bảo hiểm y tế", "ai ký kế hoạch 35/KH-UBND"]
    assert answers(pooled, questions) == answers(fresh, questions) and pooled.deadlines() == fresh.deadlines()


def test_a_document_number_two_documents_carry_is_asked_about_without_error(tmp_path: Path) -> None:
    folder = tmp_path / "van-ban"  # two communes number their plans alike: the number names both documents
    write(folder / "an-binh.txt", directive("12/KH-UBND", "05/03/2026", "rac"))
    write(folder / "an-phu.txt", directive("12/KH-UBND", "06/03/2026", "giong", issuer="XÃ AN PHÚ"))
    load(folder, tmp_path / "index")
    knowledge, _ = load(folder, tmp_path / "index")
    assert len(knowledge.documents) == 2
    answer = knowledge.ask("kế hoạch 12/KH-UBND giao ai báo cáo kết quả")
    assert answer.best is not None and answer.best.source.document == "12/KH-UBND"


def test_only_the_snapshots_used_last_are_kept(folder: Path, tmp_path: Path) -> None:
    cache = tmp_path / "index"
    (cache / "ghi-chu").mkdir(parents=True)  # not the cache's own: left alone
    for number in range(5):
        extra = tmp_path / f"them-{number}.yaml"
        extra.write_text(f"abbreviations:\n  PL{number}: phân loại rác\n", encoding="utf-8")
        load(folder, cache, [DEFAULT_SYNONYMS, extra])
    assert len(snapshots(cache)) == 4  # the three used last, and the folder that is not a snapshot
    assert (cache / "ghi-chu").is_dir()


def test_a_missing_synonym_file_is_named_as_without_a_cache(folder: Path, tmp_path: Path) -> None:
    missing = tmp_path / "khong-co.yaml"
    for cache in (None, tmp_path / "index"):
        with pytest.raises(DocumentError, match=r"khong-co\.yaml: không đọc được tệp từ đồng nghĩa"):
            KnowledgeBase.load([folder], synonyms=[DEFAULT_SYNONYMS, missing], cache=cache)
