import pytest

from bot.callbacks import (
    CardAction,
    pack,
    pack_example,
    pack_lang,
    unpack,
    unpack_example,
    unpack_lang,
)

VALID = frozenset(range(1, 78))


def test_round_trip():
    action = CardAction("go", 36, (26, 27, 30, 36), "fr", "1a2b3c4d")
    data = pack(action)
    assert data == "g:36:26,27,30,36:fr:1a2b3c4d" and len(data.encode()) <= 64
    assert unpack(data, VALID) == action
    assert unpack_lang(pack_lang("ar")) == "ar"


@pytest.mark.parametrize(
    "data",
    [
        None,
        "",
        "g:99:1:en:1a2b3c4d",
        "g:36:26,200:en:1a2b3c4d",
        "g:36:26:xx:1a2b3c4d",
        "z:36:26:en:1a2b3c4d",
        "g:36:26:en:NOTHEX!!",
        "g:36:1,2,3,4,5:en:1a2b3c4d",
        "é" * 40,
        "g:36:26:en:1a2b3c4d:extra",
    ],
)
def test_malformed_or_stale_data_is_none(data):
    assert unpack(data, VALID) is None


def test_too_long_data_is_refused_when_packing():
    with pytest.raises(ValueError):
        pack(CardAction("go", 1, (1,), "en", "x" * 80))


def test_example_buttons():
    assert unpack_example(pack_example("zh", 2)) == ("zh", 2)
    for data in ("x:zh:4", "x:xx:1", "x:zh:0", "x:zh:1:", None):
        assert unpack_example(data) is None
