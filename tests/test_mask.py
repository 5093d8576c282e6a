"""Masking personal data in shared reports."""

from __future__ import annotations

import pytest

from abmresearch.report.mask import mask_email, mask_phone, mask_text, mask_value


@pytest.mark.parametrize(
    ("field", "value", "masked"),
    [
        ("email", "ivan.petrov@mail.ru", "iv***@mail.ru"),
        ("phone", "+7 916 123-45-67", "+* *** ***-**-67"),
        ("last_name", "Петров", "П*****"),
        ("last_name", "Салтыков-Щедрин", "С*******-Щ*****"),
        ("inn", "7707083893", "7707083893"),  # a company's ИНН is not personal
    ],
)
def test_mask_value(field: str, value: str, masked: str) -> None:
    assert mask_value(field, value) == masked


def test_mask_text_hides_every_case_form_and_contacts() -> None:
    text = (
        "Благодарность вручили Екатерине Олеговне Кузнецовой (ООО «Ромашка»), "
        "e-mail e.kuz@romashka.ru, тел. 8 (916) 123-45-67."
    )
    masked = mask_text(text, ["Кузнецова", "Екатерина", "Олеговна"])
    assert "Кузнецов" not in masked and "Екатерин" not in masked and "Олеговн" not in masked
    assert "ООО «Ромашка»" in masked and "Благодарность" in masked
    assert "e.kuz@" not in masked and "123-45" not in masked
    assert mask_email("no-at-sign") == "n*-a*-s***"
    assert mask_phone("—") == "—"
