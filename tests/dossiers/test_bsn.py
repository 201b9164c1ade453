import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from inburgering.bsn import TEST_BSN_BEREIK, elfproef, maskeer, valideer_bsn


@pytest.mark.parametrize("bsn", ["111222333", "123456782", "999990019"])
def test_known_valid_bsns_pass(bsn):
    assert elfproef(bsn)
    valideer_bsn(bsn)


@pytest.mark.parametrize(
    ("bsn", "code"),
    [
        ("111222334", "bsn_elfproef"),
        ("12345678", "bsn_lengte"),
        ("1234567890", "bsn_lengte"),
        ("12345678a", "bsn_cijfers"),
        ("000000000", "bsn_elfproef"),
    ],
)
def test_invalid_bsns_get_a_specific_dutch_error(bsn, code):
    with pytest.raises(ValidationError) as info:
        valideer_bsn(bsn)
    assert info.value.code == code
    assert "BSN" in info.value.messages[0]


@given(
    st.sampled_from([n for n in TEST_BSN_BEREIK if elfproef(str(n))]),
    st.integers(0, 8),
    st.integers(1, 9),
)
def test_changing_one_digit_always_breaks_the_elfproef(bsn, positie, verschil):
    digits = list(str(bsn))
    digits[positie] = str((int(digits[positie]) + verschil) % 10)
    assert not elfproef("".join(digits))


def test_masking_shows_only_the_last_three_digits():
    assert maskeer("999990019") == "******019"
