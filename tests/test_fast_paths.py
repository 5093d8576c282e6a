"""The vectorised fast paths agree with the libraries they stand in front of."""

from __future__ import annotations

import email_validator
import numpy as np
import phonenumbers
from hypothesis import given, settings
from hypothesis import strategies as st

from abmresearch.quality import rules

_SEPARATORS = st.sampled_from(["", " ", "-", ".", "(", ")", " - "])


@st.composite
def phone_notations(draw: st.DrawFn) -> str:
    prefix = draw(st.sampled_from(["", "+7", "8", "7", "+ 7", "+7 ", "8 "]))
    digits = draw(st.text(alphabet="0123456789", min_size=10, max_size=10))
    out = prefix
    for digit in digits:
        out += draw(_SEPARATORS) + digit
    return out.strip()


def _library_says_valid(value: str) -> bool:
    try:
        number = phonenumbers.parse(value, "RU")
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_valid_number(number) and (
        phonenumbers.region_code_for_number(number) == "RU"
    )


@settings(max_examples=600, deadline=None)
@given(phone_notations())
def test_phone_fast_path_agrees_with_phonenumbers(value: str) -> None:
    fast = bool(rules._fast_phones(np.array([value], dtype=object))[0])
    if fast:
        assert _library_says_valid(value), value
    # And the full check (fast path + library) is the library's verdict.
    assert (rules.phone_problem.__wrapped__(value) is None) == _library_says_valid(value) or (
        len(list(phonenumbers.PhoneNumberMatcher(value, "RU"))) > 1
    )


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(["495", "499", "812", "383", "916", "903", "800", "701", "727", "333"]),
    st.text(alphabet="0123456789", min_size=7, max_size=7),
)
def test_phone_fast_path_on_real_prefixes(code: str, rest: str) -> None:
    value = f"+7 ({code}) {rest[:3]}-{rest[3:5]}-{rest[5:]}"
    fast = bool(rules._fast_phones(np.array([value], dtype=object))[0])
    assert fast == _library_says_valid(value)


_LOCAL = st.text(alphabet="abcxyz019._+-", min_size=1, max_size=20)
_LABEL = st.text(alphabet="abcz09-", min_size=1, max_size=12)


@settings(max_examples=600, deadline=None)
@given(
    _LOCAL,
    st.lists(_LABEL, min_size=1, max_size=3),
    st.sampled_from(["ru", "com", "org", "test", "local", "c", "онлайн", "рф"]),
)
def test_email_fast_path_only_accepts_what_email_validator_accepts(
    local: str, labels: list[str], tld: str
) -> None:
    value = f"{local}@{'.'.join(labels)}.{tld}"
    fast = bool(rules._fast_emails(np.array([value], dtype=object))[0])
    if fast:
        email_validator.validate_email(value, check_deliverability=False)
