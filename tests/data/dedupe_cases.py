"""Hand-made per-document CSL items mirroring the fixtures' notes, shared by the dedupe/catalog/library tests."""

from __future__ import annotations

from typing import Any

A = "000_a.txt"
B = "001_b.txt"


def cite(doc: str, *notes: int, locator: str | None = None, label: str | None = None) -> list[dict[str, Any]]:
    out = []
    for n in notes:
        c: dict[str, Any] = {"document": doc, "note": n}
        if locator:
            c["locator"] = locator
        if label:
            c["label"] = label
        out.append(c)
    return out


def book(id_: str, doc: str, notes: list[int], family: str, title: str, given: str | None = None,
         **fields: Any) -> dict[str, Any]:
    person: dict[str, str] = {"family": family}
    if given:
        person["given"] = given
    item: dict[str, Any] = {"id": id_, "type": fields.pop("type", "book"), "title": title, "author": [person]}
    year = fields.pop("year", None)
    if year:
        item["issued"] = {"date-parts": [[year]]}
    item.update(fields)
    item["custom"] = {"cited_in": cite(doc, *notes)}
    return item


def archival(id_: str, doc: str, note: int, archive: str, fond: str, opis: str, delo: str, leaves: str,
             title: str | None = None, date: list[int] | None = None) -> dict[str, Any]:
    item: dict[str, Any] = {"id": id_, "type": "manuscript", "archive": archive,
                            "archive_location": f"F. {fond}, Op. {opis}, D. {delo}"}
    if title:
        item["title"] = title
    if date:
        item["issued"] = {"date-parts": [date]}
    item["custom"] = {"cited_in": cite(doc, note, locator=leaves, label="folio"),
                      "archival": {"archive": archive, "fond": fond, "opis": opis, "delo": delo}}
    return item


def frus(id_: str, doc: str, note: int, title: str, date: list[int], page: str,
         container: str = "Foreign Relations of the United States, 1955–1957") -> dict[str, Any]:
    return {"id": id_, "type": "document", "title": title, "container-title": container,
            "volume": "XXIII", "page": page, "issued": {"date-parts": [date]},
            "custom": {"cited_in": cite(doc, note)}}


def items() -> list[dict[str, Any]]:
    """Per-document items as extract produces them: one per work *within* a document."""
    return [
        # O'Byran (typo in A's full note) / O'Bryan (A's short form, B's full note)
        book("obyran2009growth", A, [26], "O’Byran", "The Growth Idea: Purpose and Prosperity in Postwar Japan",
             "Scott", year=2009, publisher="University of Hawai’i Press", **{"publisher-place": "Honolulu"}),
        book("obryangrowth", A, [49], "O'Bryan", "The Growth Idea"),
        book("obryan2009growth", B, [12], "O'Bryan", "The Growth Idea", "Scott", year=2009,
             publisher="University of Hawaii Press", **{"publisher-place": "Honolulu"}),
        # Khrushchev's memoirs: Vol. 1 with and without volume, and Vol. 2 kept apart
        book("khrushchev2005memoirs", A, [12, 13, 15, 16, 77], "Khrushchev",
             "Memoirs of Nikita Khrushchev", "Nikita", year=2005, volume="1",
             **{"volume-title": "Commissar, 1918–1945", "publisher": "Pennsylvania State University Press",
                "publisher-place": "University Park, PA"}),
        book("khrushchevmemoirs", B, [3], "Khrushchev", "Memoirs", volume="1"),
        book("khrushchev2005memoirsb", B, [4], "Khrushchev", "Memoirs of Nikita Khrushchev", "N.", year=2005),
        book("khrushchev2006memoirs", B, [9], "Khrushchev", "Memoirs of Nikita Khrushchev", "Nikita",
             year=2006, volume="2", **{"volume-title": "Reformer, 1945–1964"}),
        # Hasegawa: one work in two spellings of the publisher and place, two other works apart
        book("hasegawa1998northern", A, [14], "Hasegawa",
             "The Northern Territories Dispute and Russo-Japanese Relations", "Tsuyoshi", year=1998,
             publisher="University of California", **{"publisher-place": "Berkeley"}),
        book("hasegawa1998northernb", B, [7], "Hasegawa",
             "The Northern Territories Dispute and Russo-Japanese Relations: Between War and Peace, 1697–1985",
             "T.", year=1998, publisher="University of California, International and Area Studies",
             **{"publisher-place": "Berkeley, CA"}),
        book("hasegawa2005racing", B, [8], "Hasegawa",
             "Racing the Enemy: Stalin, Truman, and the Surrender of Japan", "Tsuyoshi", year=2005,
             publisher="Harvard University Press", **{"publisher-place": "Cambridge, MA"}),
        book("hasegawa2007end", B, [20], "Hasegawa", "The End of the Pacific War: Reappraisals", "Tsuyoshi",
             year=2007, publisher="Stanford University Press", **{"publisher-place": "Stanford, CA"}),
        # two articles in one journal issue, and an author written family-name first
        book("zubok2013lost", A, [6], "Zubok", "Lost in a Triangle: U.S.-Soviet Back-Channel Documents",
             "Vladislav", year=2013, type="article-journal", volume="15", issue="2", page="51–71",
             **{"container-title": "Journal of Cold War Studies"}),
        book("shinji2013soviet", A, [33], "Yokote", "Soviet Repatriation Policy, U.S. Occupation Authorities",
             "Shinji", year=2013, type="article-journal", volume="15", issue="2", page="30–50",
             **{"container-title": "Journal of Cold War Studies"}),
        book("yokote2013soviet", B, [40], "Shinji", "Soviet Repatriation Policy, U.S. Occupation Authorities",
             "Yokote", year=2013, type="article-journal", volume="15", issue="2", page="30–50",
             **{"container-title": "Journal of Cold War Studies"}),
        # FRUS: two documents in one volume apart; one telegram cited in both documents (FRUS abbreviated)
        frus("frus1", A, 23, "Memorandum of Conversation, Secretary Dulles' Residence", [1956, 5, 19], "175–178"),
        frus("frus2", A, 24, "Telegram, Department of State to the Embassy in Japan", [1955, 1, 26], "11–12"),
        frus("frus3", B, 30, "Telegram, Department of State to the Embassy in Japan", [1955, 1, 26], "11–12",
             container="FRUS, 1955–1957"),
        # RGASPI F. 84 Op. 3 D. 36: four documents in one delo, one of them described twice
        archival("r1", A, 10, "RGASPI", "84", "3", "36", "12–13", "CPSU Resolution", [1961, 1, 20]),
        archival("r2", A, 32, "RGASPI", "84", "3", "36", "23–24", "Notes from Mikoyan's preparatory discussions",
                 [1961, 8, 10]),
        archival("r3", A, 45, "RGASPI", "84", "3", "36", "68", "Transcript of Mikoyan-Idemitsu conversations",
                 [1961, 8, 16]),
        archival("r4", A, 46, "RGASPI", "84", "3", "36", "74", "Transcript of Mikoyan-Ikeda conversations",
                 [1961, 8, 16]),
        archival("r5", B, 51, "RGASPI", "84", "3", "36", "74",
                 "Record of the Mikoyan–Ikeda conversation", [1961, 8, 16]),
        archival("g1", A, 17, "GARF", "5446", "1", "659", "319–322", "Resolution signed by Bulganin and Shepilov"),
        archival("g2", A, 27, "GARF", "5446", "120", "1626", "102", "Trade agreement target list"),
        archival("g3", A, 66, "GARF", "5446", "120", "1626", "87–89", "Notes from Mikoyan-Yamamoto conversation",
                 [1961, 11, 25]),
    ]


def clusters() -> list[dict[str, Any]]:
    out = []
    for it in items():
        for c in it["custom"]["cited_in"]:
            ci = {"id": it["id"]}
            if c.get("locator"):
                ci["locator"] = c["locator"]
                ci["label"] = c["label"]
            out.append({"citationID": f"{c['document'][:-4]}-n{c['note']}-{it['id']}", "citationItems": [ci],
                        "properties": {"noteIndex": c["note"], "document": c["document"]}})
    return out
