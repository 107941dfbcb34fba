"""The generated training corpus: reproducible, complete, truthful and renderable."""

from __future__ import annotations

import email
import hashlib
import os
import random
import subprocess
import sys
from collections import Counter, defaultdict
from email import policy
from email.message import EmailMessage

import pytest

from rejoinder.classifier.corpus import (
    phrases_extra,
    phrases_more,
    phrases_negative,
    phrases_other,
    phrases_rejection,
)
from rejoinder.classifier.corpus.generate import (
    DEFAULT_OUTPUT,
    PLANS,
    generate_records,
    render_jsonl,
    stats_table,
)
from rejoinder.classifier.corpus.records import (
    INDIRECT_REJECTIONS,
    CorpusFormatError,
    CorpusRecord,
    corpus_bytes,
    corpus_sha256,
    eml_charset,
    load_corpus,
    record_to_eml,
)
from rejoinder.classifier.corpus.spin import TemplateError, expand, slots_used


@pytest.fixture(scope="module")
def records() -> list[CorpusRecord]:
    return load_corpus()


def _haystack(record: CorpusRecord) -> str:
    return "\n".join((record.subject, record.from_name, record.body))


def _parse(raw: bytes) -> EmailMessage:
    message = email.message_from_bytes(raw, policy=policy.default)
    assert isinstance(message, EmailMessage)
    return message


# --- reproducibility ----------------------------------------------------------------------


def test_regenerating_gives_byte_identical_jsonl() -> None:
    assert render_jsonl(generate_records()) == corpus_bytes()


def test_generation_does_not_depend_on_hash_randomisation() -> None:
    # A set or dict iteration order leaking into the output would show up here.
    env = dict(os.environ, PYTHONHASHSEED="12345")
    result = subprocess.run(
        [sys.executable, "-m", "rejoinder.classifier.corpus.generate", "--check"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_corpus_sha256_is_the_hash_of_the_packaged_file() -> None:
    assert corpus_sha256() == hashlib.sha256(corpus_bytes()).hexdigest()


def test_a_different_seed_gives_a_different_corpus() -> None:
    assert render_jsonl(generate_records(seed="another-seed")) != corpus_bytes()


# --- size and composition ----------------------------------------------------------------


def test_has_at_least_3600_records(records: list[CorpusRecord]) -> None:
    assert len(records) >= 3600


def test_jsonl_stays_under_8_megabytes() -> None:
    assert len(corpus_bytes()) < 8_000_000


def test_label_shares_match_the_plan(records: list[CorpusRecord]) -> None:
    # The shares of the plainly worded families (indirect ones count at a reduced weight).
    for_label = [r for r in records if r.category not in INDIRECT_REJECTIONS]
    shares = {k: v / len(for_label) for k, v in Counter(r.label for r in for_label).items()}
    assert 0.35 <= shares["rejection"] <= 0.45
    assert 0.03 <= shares["position_closed"] <= 0.07
    assert 0.50 <= shares["not_rejection"] <= 0.60


def test_every_planned_category_is_present_in_both_splits(records: list[CorpusRecord]) -> None:
    splits: dict[str, set[str]] = defaultdict(set)
    for record in records:
        splits[record.category].add(record.split)
    assert set(splits) == {plan.category for plan in PLANS}
    assert all(found == {"train", "test"} for found in splits.values()), splits


def test_split_is_about_eighty_twenty_in_every_category(records: list[CorpusRecord]) -> None:
    per_category: dict[str, Counter[str]] = defaultdict(Counter)
    for record in records:
        per_category[record.category][record.split] += 1
    for category, counts in per_category.items():
        share = counts["test"] / (counts["test"] + counts["train"])
        assert 0.15 <= share <= 0.25, (category, counts)


def test_indirect_families_are_planned_rejections_with_a_stage(
    records: list[CorpusRecord],
) -> None:
    assert {plan.category for plan in PLANS} >= INDIRECT_REJECTIONS
    indirect = [r for r in records if r.category in INDIRECT_REJECTIONS]
    assert {r.label for r in indirect} == {"rejection"}
    assert {r.stage for r in indirect} == {"application", "interview", "unknown"}


def test_no_rejection_reads_as_internal_mail(records: list[CorpusRecord]) -> None:
    # The personal domains stand in for public providers; the envelope rule does not
    # know them, so a shared one would turn a corpus rejection into "internal mail".
    from rejoinder.classifier.features import not_for_a_candidate
    from rejoinder.classifier.message import ParsedMessage, parse_message

    for record in records:
        if record.label == "rejection":
            parsed = parse_message(record_to_eml(record))
            assert isinstance(parsed, ParsedMessage)
            assert not_for_a_candidate(parsed) is None, record.id


def test_all_rejection_stages_occur_in_both_splits(records: list[CorpusRecord]) -> None:
    seen = {(r.stage, r.split) for r in records if r.label == "rejection"}
    for stage in ("application", "interview", "unknown"):
        assert {(stage, "train"), (stage, "test")} <= seen


def test_labels_and_stages_are_valid(records: list[CorpusRecord]) -> None:
    for record in records:
        assert record.label in {"rejection", "not_rejection", "position_closed"}
        if record.label == "rejection":
            assert record.stage in {"application", "interview", "unknown"}
            assert record.category.startswith("rejection_")
        else:
            assert record.stage is None
        if record.label == "position_closed":
            assert record.category.startswith("position_closed_")


def test_ids_are_unique(records: list[CorpusRecord]) -> None:
    assert len({r.id for r in records}) == len(records)


def test_no_two_records_share_a_body(records: list[CorpusRecord]) -> None:
    assert len({r.body for r in records}) == len(records)


def test_html_variants_are_all_present(records: list[CorpusRecord]) -> None:
    kinds = Counter(
        "plain" if r.body_html is None else "html_only" if r.html_only else "alternative"
        for r in records
    )
    assert min(kinds["plain"], kinds["html_only"], kinds["alternative"]) >= 100


def test_non_ascii_text_is_present(records: list[CorpusRecord]) -> None:
    assert sum(1 for r in records if not r.body.isascii()) >= 200


def test_readme_count_tables_match_the_corpus(records: list[CorpusRecord]) -> None:
    readme = DEFAULT_OUTPUT.with_name("README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- stats:begin", 1)[1].split("<!-- stats:end -->", 1)[0]
    assert block.split("-->", 1)[1].strip() == stats_table(records)


# --- ground truth -------------------------------------------------------------------------


def test_ground_truth_occurs_in_the_text(records: list[CorpusRecord]) -> None:
    for record in records:
        text = _haystack(record)
        for value in (record.company, record.role, record.contact_name):
            if value is not None:
                assert value in text, (record.id, value)


def test_ground_truth_is_only_set_on_rejections_and_closed_positions(
    records: list[CorpusRecord],
) -> None:
    for record in records:
        if record.label == "not_rejection":
            assert (record.company, record.role, record.contact_name) == (None, None, None)


def test_ground_truth_is_mostly_available_for_positives(records: list[CorpusRecord]) -> None:
    positives = [r for r in records if r.label != "not_rejection"]
    assert sum(r.company is not None for r in positives) / len(positives) > 0.6
    assert sum(r.role is not None for r in positives) / len(positives) > 0.6
    assert sum(r.contact_name is not None for r in positives) / len(positives) > 0.4
    # ...and genuinely absent sometimes, as in ATS mail signed by a team.
    assert any(r.contact_name is None for r in positives)


def test_contact_name_is_a_single_first_name(records: list[CorpusRecord]) -> None:
    for record in records:
        if record.contact_name is not None:
            assert " " not in record.contact_name
            assert record.contact_name != record.to_addr.split("@")[0]


# --- rendering as RFC 822 -----------------------------------------------------------------


def _sample(records: list[CorpusRecord], per_category: int = 12) -> list[CorpusRecord]:
    taken: Counter[str] = Counter()
    chosen = []
    for record in records:
        if taken[record.category] < per_category:
            taken[record.category] += 1
            chosen.append(record)
    return chosen


def test_eml_round_trips_subject_sender_and_body(records: list[CorpusRecord]) -> None:
    for record in _sample(records):
        message = _parse(record_to_eml(record))
        # CPython may fold a long subject as "Subject:\r\n value"; unfolding keeps the space.
        assert str(message["subject"]).strip() == record.subject, record.id
        sender = message["from"].addresses[0]
        assert (sender.display_name, sender.addr_spec) == (record.from_name, record.from_addr)
        assert message["to"].addresses[0].addr_spec == record.to_addr
        wanted = "html" if record.html_only else "plain"
        part = message.get_body(preferencelist=(wanted,))
        assert part is not None, record.id
        content = part.get_content().replace("\r\n", "\n")
        expected = record.body_html if record.html_only else record.body
        assert expected is not None
        assert content.rstrip("\n") == expected.rstrip("\n"), record.id


def test_eml_structure_follows_the_html_flags(records: list[CorpusRecord]) -> None:
    for record in _sample(records):
        message = _parse(record_to_eml(record))
        types = [part.get_content_type() for part in message.walk()]
        if record.body_html is None:
            assert types == ["text/plain"]
        elif record.html_only:
            assert types == ["text/html"]
        else:
            assert types == ["multipart/alternative", "text/plain", "text/html"]


def test_eml_carries_extra_headers_date_and_message_id(records: list[CorpusRecord]) -> None:
    with_headers = [r for r in records if r.headers][:40]
    assert with_headers
    for record in with_headers:
        message = _parse(record_to_eml(record))
        for name, value in record.headers.items():
            assert str(message[name]).strip() == value
        assert message["date"].datetime is not None
        assert record.id in str(message["message-id"])


def test_eml_uses_the_requested_message_id(records: list[CorpusRecord]) -> None:
    raw = record_to_eml(records[0], message_id="<fixed@test.example>")
    assert str(_parse(raw)["message-id"]).strip() == "<fixed@test.example>"


def test_eml_is_deterministic(records: list[CorpusRecord]) -> None:
    assert record_to_eml(records[7]) == record_to_eml(records[7])


def test_legacy_charsets_are_used_and_non_ascii_survives(records: list[CorpusRecord]) -> None:
    charsets = Counter(eml_charset(r) for r in records)
    assert charsets["iso-8859-1"] > 0
    assert charsets["windows-1252"] > 0
    accented = [r for r in records if eml_charset(r) != "utf-8" and not r.body.isascii()]
    accented += [r for r in records if eml_charset(r) == "utf-8" and not r.body.isascii()][:20]
    assert accented
    for record in accented[:60]:
        message = _parse(record_to_eml(record))
        part = message.get_body(preferencelist=("plain", "html"))
        assert part is not None
        assert part.get_content_charset() == eml_charset(record)
        text = part.get_content()
        for char in {c for c in record.body if not c.isascii()}:
            assert char in text, (record.id, char)


# --- loading -------------------------------------------------------------------------------


def test_a_malformed_line_is_reported_with_its_line_number(records: list[CorpusRecord]) -> None:
    good = records[0].to_json()
    with pytest.raises(CorpusFormatError, match="line 3"):
        CorpusRecord.from_json(good.replace('"label": "', '"label": "x'), 3)
    with pytest.raises(CorpusFormatError, match="not JSON"):
        CorpusRecord.from_json("{oops", 1)
    with pytest.raises(CorpusFormatError, match="expected keys"):
        CorpusRecord.from_json('{"id": "x"}', 1)


def test_json_round_trip_preserves_records(records: list[CorpusRecord]) -> None:
    for record in records[:50]:
        assert CorpusRecord.from_json(record.to_json()) == record


# --- phrase banks ----------------------------------------------------------------------------


def _all_templates() -> list[str]:
    templates: list[str] = []
    for module in (phrases_rejection, phrases_negative, phrases_other, phrases_extra, phrases_more):
        for value in vars(module).values():
            banks = value.values() if isinstance(value, dict) else [value]
            for bank in banks:
                if isinstance(bank, tuple) and all(isinstance(t, str) for t in bank):
                    templates.extend(bank)
    return templates


def test_every_phrase_bank_entry_expands() -> None:
    templates = _all_templates()
    assert len(templates) > 500
    slots = {name: f"[{name}]" for t in templates for name in slots_used(t)}
    rng = random.Random(0)
    for template in templates:
        for _ in range(3):
            text = expand(template, rng, slots)
            assert not set("{}") & set(text), template


def test_expansion_rejects_unknown_slots_and_unbalanced_braces() -> None:
    rng = random.Random(0)
    with pytest.raises(TemplateError, match="unknown slot"):
        expand("Hello <nobody>", rng, {})
    with pytest.raises(TemplateError, match="unbalanced"):
        expand("Hello {there", rng, {})


def test_application_stage_openers_never_mention_a_conversation() -> None:
    talk_words = ("interview", "speak", "spoke", "meet", "met ", "call", "conversation", "panel")
    for template in phrases_rejection.OPEN_APPLICATION:
        assert not any(word in template.lower() for word in talk_words), template


def test_unknown_stage_openers_mention_neither_application_nor_interview() -> None:
    for template in phrases_rejection.OPEN_UNKNOWN:
        lowered = template.lower()
        assert "interview" not in lowered, template
        assert "appl" not in lowered, template


def test_interview_stage_openers_all_refer_to_contact_with_the_candidate() -> None:
    contact_words = (
        "interview", "speak", "meet", "met", "call", "conversation", "chat", "visit",
        "panel", "assessment", "take-home", "onsite", "presentation", "coming in", "insights",
    )  # fmt: skip
    for template in phrases_rejection.OPEN_INTERVIEW:
        assert any(word in template.lower() for word in contact_words), template


def test_test_records_are_written_from_held_out_bank_entries() -> None:
    from rejoinder.classifier.corpus.names import NameForge
    from rejoinder.classifier.corpus.scene import Scene, held_out_template

    entries = tuple(f"Sentence number {i}." for i in range(40))
    reserved = {t for t in entries if held_out_template(t)}
    assert 0 < len(reserved) < len(entries) / 2
    for held_out in (False, True):
        rng = random.Random(7)
        scene = Scene(rng, NameForge(rng, held_out=held_out))
        drawn = {scene.say(entries) for _ in range(200)}
        drawn |= set(scene.say_some(entries, 3))
        assert (drawn <= reserved) if held_out else not (drawn & reserved)


def test_split_is_decided_per_category_before_building(records: list[CorpusRecord]) -> None:
    # The split depends on ids only: 20 % of each category, as the README describes.
    per_category: dict[str, Counter[str]] = defaultdict(Counter)
    for record in records:
        per_category[record.category][record.split] += 1
    for counts in per_category.values():
        total = counts["train"] + counts["test"]
        assert counts["test"] == max(1, round(total * 0.2))
