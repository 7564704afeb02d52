"""The admin site: Django's, plus a second sign-in step (TOTP) for moderators and superusers."""

from __future__ import annotations

import base64
from functools import update_wrapper
from urllib.parse import urlencode

import django_otp
import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.validators import EMPTY_VALUES
from django.db import connections
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect

# --- Related fields: a crafted id is a form error, not a server error --------------------------


def acceptable_key(queryset, field_name: str | None, value) -> bool:
    """Whether the value can be looked up as the key of the queryset's model at all.

    Django's choice fields catch some bad values but not all: "abc" reaches the database when the
    autocomplete widget redisplays the form, and an integer beyond 64 bits overflows SQLite.
    """
    if isinstance(value, queryset.model):
        return True
    opts = queryset.model._meta
    field = opts.get_field(field_name) if field_name else opts.pk
    try:
        key = field.to_python(value)
    except ValidationError:
        return False
    try:
        low, high = connections[queryset.db].ops.integer_field_range(field.get_internal_type())
    except KeyError:
        return True  # not an integer column
    return isinstance(key, int) and low <= key <= high


class CheckedModelChoiceField(forms.ModelChoiceField):
    def to_python(self, value):
        if value not in self.empty_values and not acceptable_key(
            self.queryset, self.to_field_name, value
        ):
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return super().to_python(value)


class CheckedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        for key in value if isinstance(value, (list, tuple)) else []:
            if not acceptable_key(self.queryset, self.to_field_name, key):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": key},
                )
        return super()._check_values(value)


class CheckedAutocompleteMixin:
    """Redisplay only the selected values that can be keys: the rest the form already refused."""

    def optgroups(self, name, value, attr=None):
        remote = self.field.remote_field
        queryset = remote.model._default_manager.using(self.db)
        field_name = getattr(remote, "field_name", None)
        value = [v for v in value if v in EMPTY_VALUES or acceptable_key(queryset, field_name, v)]
        return super().optgroups(name, value, attr)


class CheckedAutocompleteSelect(CheckedAutocompleteMixin, AutocompleteSelect):
    pass


class CheckedAutocompleteSelectMultiple(CheckedAutocompleteMixin, AutocompleteSelectMultiple):
    pass


class CheckedRelatedFieldsMixin:
    """For every admin and inline: ids typed or crafted into related fields get a form error."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", CheckedModelChoiceField)
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = CheckedAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", CheckedModelMultipleChoiceField)
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = CheckedAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


# --- Two-factor sign-in -------------------------------------------------------------------------


def requires_second_factor(user) -> bool:
    """With REQUIRE_2FA on, superusers and the TWO_FACTOR_GROUPS must verify a code."""
    if not settings.REQUIRE_2FA or not user.is_authenticated:
        return False
    return user.is_superuser or user.groups.filter(name__in=settings.TWO_FACTOR_GROUPS).exists()


def is_verified(user) -> bool:
    return bool(getattr(user, "is_verified", lambda: False)())


class TokenForm(forms.Form):
    token = forms.CharField(
        label="Six-digit code",
        max_length=8,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def __init__(self, device, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_token(self) -> str:
        token = self.cleaned_data["token"].replace(" ", "")
        # verify_token also counts failures and refuses codes for a while after several.
        if not self.device.verify_token(token):
            raise forms.ValidationError(
                "This code is wrong or has expired. Enter the code your app shows now; "
                "after several wrong codes, wait a minute before trying again.",
                code="invalid_token",
            )
        return token


class NewsroomAdminSite(admin.AdminSite):
    def admin_view(self, view, cacheable=False):
        protected = super().admin_view(view, cacheable)
        if getattr(view, "__name__", "") == "logout":
            # Someone stuck at the second step must still be able to sign out.
            return protected

        def inner(request, *args, **kwargs):
            if requires_second_factor(request.user) and not is_verified(request.user):
                url = reverse("admin:two_factor", current_app=self.name)
                query = urlencode({REDIRECT_FIELD_NAME: request.get_full_path()})
                return HttpResponseRedirect(f"{url}?{query}")
            return protected(request, *args, **kwargs)

        return update_wrapper(inner, protected)

    def get_urls(self):
        two_factor = never_cache(csrf_protect(self.two_factor_view))
        return [path("two-factor/", two_factor, name="two_factor"), *super().get_urls()]

    def two_factor_view(self, request: HttpRequest) -> HttpResponse:
        """Set up an authenticator app (first time) or enter its current code."""
        from django_otp.plugins.otp_totp.models import TOTPDevice

        if not self.has_permission(request):
            return redirect_to_login(
                request.get_full_path(), reverse("admin:login", current_app=self.name)
            )
        next_url = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME)
        if not url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            next_url = reverse("admin:index", current_app=self.name)
        if is_verified(request.user):
            return HttpResponseRedirect(next_url)

        device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
        setting_up = device is None
        if setting_up:
            device, _ = TOTPDevice.objects.get_or_create(
                user=request.user, confirmed=False, defaults={"name": "Authenticator app"}
            )
        form = TokenForm(device, request.POST or None)
        if request.method == "POST" and form.is_valid():
            if setting_up:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
            django_otp.login(request, device)
            return HttpResponseRedirect(next_url)

        context = {
            **self.each_context(request),
            "title": "Set up two-factor sign-in" if setting_up else "Enter your sign-in code",
            "form": form,
            "setting_up": setting_up,
            "next": next_url,
            "required": requires_second_factor(request.user),
            # Nothing of the admin shows before the second step is done.
            "is_nav_sidebar_enabled": False,
            "available_apps": [],
        }
        if setting_up:
            image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
            # Generated here from the device's own URL: no user input reaches the markup.
            context["qr_code"] = mark_safe(image.to_string(encoding="unicode"))  # noqa: S308
            context["secret"] = base64.b32encode(device.bin_key).decode()
        return TemplateResponse(request, "admin/two_factor.html", context)
