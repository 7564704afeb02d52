from __future__ import annotations

from django import forms
from django.core.validators import validate_email

from newsletters.models import Frequency

EMAIL_HELP = "One address; nothing else is needed. We send a link to confirm it first."


def validate_plain_address(value: str) -> None:
    if not value.isascii():
        raise forms.ValidationError(
            "Enter the address in plain letters (a-z, digits, dots): addresses with accents or "
            "other scripts cannot be used yet.",
            code="internationalised",
        )
    if len(value) > 254:
        raise forms.ValidationError("This address is too long to be real.", code="too_long")
    validate_email(value)


class SubscribeForm(forms.Form):
    email = forms.CharField(
        label="Email address",
        max_length=254,
        help_text=EMAIL_HELP,
        error_messages={
            "required": "Enter your email address.",
            "max_length": "This address is too long to be real (254 characters at most).",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    frequency = forms.ChoiceField(
        label="How often",
        choices=Frequency.choices,
        initial=Frequency.DAILY,
        widget=forms.RadioSelect,
        help_text="Immediately: one email per new story. Daily or weekly: one email listing them.",
    )

    def __init__(self, *args, alert: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not alert:
            del self.fields["frequency"]

    def clean_email(self) -> str:
        value = self.cleaned_data["email"].strip()
        try:
            validate_plain_address(value)
        except forms.ValidationError as error:
            if error.code == "invalid":
                raise forms.ValidationError(
                    "Enter a valid email address, like name@example.org.", code="invalid"
                ) from None
            raise
        local, _, domain = value.rpartition("@")
        return f"{local}@{domain.lower()}"


class FrequencyForm(forms.Form):
    frequency = forms.ChoiceField(choices=Frequency.choices)
