import pytest

from bot.callbacks import (
    MAX_BYTES,
    CardAction,
    Signer,
    pack,
    pack_example,
    pack_lang,
    unpack,
    unpack_example,
    unpack_lang,
)

VALID = frozenset(range(1, 78))
SIGNER = Signer.from_salt(bytes(range(32)))
OTHER = Signer.from_salt(bytes(range(1, 33)))
DOC_ID = "gb11-wp-2425"  # what a later change adds to card actions: a document id of 12 characters


def test_round_trip():
    action = CardAction("go", 36, (26, 27, 30, 36), "fr", "1a2b3c4d")
    data = pack(action, SIGNER)
    body, mac = data.rsplit(":", 1)
    assert body == "g:36:26,27,30,36:fr:1a2b3c4d" and len(mac) == 11
    assert unpack(data, VALID, SIGNER) == action
    assert unpack_lang(pack_lang("ar", SIGNER), SIGNER) == "ar"
    assert unpack_example(pack_example("zh", 2, SIGNER), SIGNER) == ("zh", 2)


def test_the_key_is_not_in_a_repr():
    assert SIGNER.key.hex() not in repr(SIGNER)


@pytest.mark.parametrize(
    "body",
    [
        "g:99:1:en:1a2b3c4d",
        "g:36:26,200:en:1a2b3c4d",
        "g:36:26:xx:1a2b3c4d",
        "z:36:26:en:1a2b3c4d",
        "g:36:26:en:NOTHEX!!",
        "g:36:1,2,3,4,5:en:1a2b3c4d",
        "é" * 20,
        "g:36:26:en:1a2b3c4d:extra",
    ],
)
def test_malformed_or_stale_data_is_none_even_when_signed(body):
    assert unpack(SIGNER.sign(body), VALID, SIGNER) is None


@pytest.mark.parametrize("data", [None, "", "é" * 40, "x" * 65, ":", "g:36:26:en:1a2b3c4d"])
def test_malformed_or_unsigned_data_is_none(data):
    assert unpack(data, VALID, SIGNER) is None
    assert unpack_lang(data, SIGNER) is None
    assert unpack_example(data, SIGNER) is None


def test_a_rewritten_owner_tag_or_another_salt_does_not_verify():
    data = pack(CardAction("more", 36, (36, 26), "en", "1a2b3c4d"), SIGNER)
    body, mac = data.rsplit(":", 1)
    forged = f"{body.replace('1a2b3c4d', 'ffffffff')}:{mac}"
    assert unpack(forged, VALID, SIGNER) is None
    resigned = pack(CardAction("more", 36, (36, 26), "en", "ffffffff"), OTHER)
    assert unpack(resigned, VALID, SIGNER) is None
    assert unpack(data, VALID, OTHER) is None
    assert unpack_lang(pack_lang("fr", OTHER), SIGNER) is None
    assert unpack_example(pack_example("fr", 1, OTHER), SIGNER) is None
    # A MAC is bound to its kind of button: a language's cannot be moved onto an example.
    lang_mac = pack_lang("fr", SIGNER).rsplit(":", 1)[1]
    assert unpack_example(f"x:fr:1:{lang_mac}", SIGNER) is None


def test_the_longest_data_fits_with_room_for_a_document_id():
    longest = CardAction("down", 9999, (9999, 9998, 9997, 9996), "zh", "f" * 8)
    data = pack(longest, SIGNER)
    assert len(data.encode()) == 50
    body = data.rsplit(":", 1)[0]
    assert len(SIGNER.sign(f"{body}:{DOC_ID}").encode()) <= MAX_BYTES
    for lang in ("ar", "zh"):
        assert len(pack_lang(lang, SIGNER).encode()) <= MAX_BYTES
        assert len(pack_example(lang, 3, SIGNER).encode()) <= MAX_BYTES


def test_too_long_data_is_refused_when_packing():
    with pytest.raises(ValueError):
        pack(CardAction("go", 1, (1,), "en", "x" * 80), SIGNER)
    with pytest.raises(ValueError):
        SIGNER.sign("g:9999:9999,9999,9999,9999:fr:1a2b3c4d:" + "d" * 14)


def test_example_buttons():
    for body in ("x:zh:4", "x:xx:1", "x:zh:0", "x:zh:1:"):
        assert unpack_example(SIGNER.sign(body), SIGNER) is None
