"""Cleaning scraped news text: page furniture goes, reporting stays, offsets stay exact."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.articles import from_text_file
from index.clean import reporting_sentences
from index.segment import paragraphs

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
