from types import SimpleNamespace

import pytest

from bot.callbacks import (
    MAX_BYTES,
    CardAction,
    Signer,
    doc_code,
    pack,
    pack_example,
    pack_lang,
    unpack,
    unpack_example,
    unpack_lang,
)

DOC = "gb11-work-programme"  # longer than the data has room for: it travels as a code
SECOND = "gb99-secretary"
# What ``unpack`` reads of a library: its documents' ids and paragraph numbers.
VALID = SimpleNamespace(
    documents=[
        SimpleNamespace(id=DOC, numbers=tuple(range(1, 78))),
        SimpleNamespace(id=SECOND, numbers=(1, 2, 3, 4)),
    ]
)
SIGNER = Signer.from_salt(bytes(range(32)))
OTHER = Signer.from_salt(bytes(range(1, 33)))


def test_round_trip():
    action = CardAction("go", 36, (26, 27, 30, 36), "fr", "1a2b3c4d", DOC)
    data = pack(action, SIGNER)
    body, mac = data.rsplit(":", 1)
    assert body == f"g:36:26,27,30,36:fr:1a2b3c4d:{doc_code(DOC)}" and len(mac) == 11
    assert unpack(data, VALID, SIGNER) == action
    second = CardAction("up", 4, (4, 3), "en", "1a2b3c4d", SECOND)
    assert unpack(pack(second, SIGNER), VALID, SIGNER) == second
    assert unpack_lang(pack_lang("ar", SIGNER), SIGNER) == "ar"
    assert unpack_example(pack_example("zh", 2, SIGNER), SIGNER) == ("zh", 2)


def test_the_key_is_not_in_a_repr():
    assert SIGNER.key.hex() not in repr(SIGNER)


@pytest.mark.parametrize(
    "body",
    [
        "g:99:1:en:1a2b3c4d:{doc}",
        "g:36:26,200:en:1a2b3c4d:{doc}",
        "g:36:26:xx:1a2b3c4d:{doc}",
        "z:36:26:en:1a2b3c4d:{doc}",
        "g:36:26:en:NOTHEX!!:{doc}",
        "g:36:1,2,3,4,5:en:1a2b3c4d:{doc}",
        "é" * 20,
        "g:36:26:en:1a2b3c4d:{doc}:extra",
        "g:36:26:en:1a2b3c4d",  # a button made before documents were named
        "g:36:26:en:1a2b3c4d:0badc0de",  # a document the library no longer holds
        "g:36:26:en:1a2b3c4d:{second}",  # a number this document does not have
        "g:3:3,36:en:1a2b3c4d:{second}",
    ],
)
def test_malformed_or_stale_data_is_none_even_when_signed(body):
    body = body.format(doc=doc_code(DOC), second=doc_code(SECOND))
    assert unpack(SIGNER.sign(body), VALID, SIGNER) is None


@pytest.mark.parametrize("data", [None, "", "é" * 40, "x" * 65, ":", "g:36:26:en:1a2b3c4d"])
def test_malformed_or_unsigned_data_is_none(data):
    assert unpack(data, VALID, SIGNER) is None
    assert unpack_lang(data, SIGNER) is None
    assert unpack_example(data, SIGNER) is None


def test_a_rewritten_owner_tag_or_another_salt_does_not_verify():
    data = pack(CardAction("more", 36, (36, 26), "en", "1a2b3c4d", DOC), SIGNER)
    body, mac = data.rsplit(":", 1)
    forged = f"{body.replace('1a2b3c4d', 'ffffffff')}:{mac}"
    assert unpack(forged, VALID, SIGNER) is None
    moved = f"{body.replace(doc_code(DOC), doc_code(SECOND))}:{mac}"
    assert unpack(moved, VALID, SIGNER) is None
    resigned = pack(CardAction("more", 36, (36, 26), "en", "ffffffff", DOC), OTHER)
    assert unpack(resigned, VALID, SIGNER) is None
    assert unpack(data, VALID, OTHER) is None
    assert unpack_lang(pack_lang("fr", OTHER), SIGNER) is None
    assert unpack_example(pack_example("fr", 1, OTHER), SIGNER) is None
    # A MAC is bound to its kind of button: a language's cannot be moved onto an example.
    lang_mac = pack_lang("fr", SIGNER).rsplit(":", 1)[1]
    assert unpack_example(f"x:fr:1:{lang_mac}", SIGNER) is None


def test_the_longest_data_fits_whatever_the_document_id():
    longest = CardAction("down", 9999, (9999, 9998, 9997, 9996), "zh", "f" * 8, "d" * 200)
    data = pack(longest, SIGNER)
    assert len(data.encode()) == 59 <= MAX_BYTES
    for lang in ("ar", "zh"):
        assert len(pack_lang(lang, SIGNER).encode()) <= MAX_BYTES
        assert len(pack_example(lang, 3, SIGNER).encode()) <= MAX_BYTES


def test_too_long_data_is_refused_when_packing():
    with pytest.raises(ValueError):
        pack(CardAction("go", 1, (1,), "en", "x" * 80, DOC), SIGNER)
    with pytest.raises(ValueError):
        SIGNER.sign("g:9999:9999,9999,9999,9999:fr:1a2b3c4d:" + "d" * 14)


def test_example_buttons():
    for body in ("x:zh:4", "x:xx:1", "x:zh:0", "x:zh:1:"):
        assert unpack_example(SIGNER.sign(body), SIGNER) is None
