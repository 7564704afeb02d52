"""The admin site: Django's, plus a second sign-in step (TOTP) for moderators and superusers."""

from __future__ import annotations

import base64
import hashlib
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
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
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

# A set-up link proves more than the password: it reaches the person's mailbox, or is handed over
# by a superuser (manage.py two_factor_link). It is valid for an hour, for one set-up.
ENROLMENT_SALT = "newsroom.two-factor-enrolment"
ENROLMENT_MAX_AGE = 60 * 60
BACKUP_CODES = 10


def requires_second_factor(user) -> bool:
    """With REQUIRE_2FA on, superusers and the TWO_FACTOR_GROUPS must verify a code."""
    if not settings.REQUIRE_2FA or not user.is_authenticated:
        return False
    return user.is_superuser or user.groups.filter(name__in=settings.TWO_FACTOR_GROUPS).exists()


def is_verified(user) -> bool:
    return bool(getattr(user, "is_verified", lambda: False)())


def second_factor_done(user) -> bool:
    """Whether the user may see what the admin shows: verified, or not asked for a code."""
    return is_verified(user) or not requires_second_factor(user)


def _key_digest(device) -> str:
    # The token is signed, not encrypted: it names the device's key by a digest only.
    return hashlib.sha256(device.key.encode()).hexdigest()[:24]


def new_enrolment(user):
    """A fresh unconfirmed authenticator device for the user; earlier unconfirmed ones and
    their links stop working."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, confirmed=False, name="Authenticator app")


def enrolment_path(device) -> str:
    token = signing.dumps(
        {"user": device.user_id, "device": device.pk, "key": _key_digest(device)},
        salt=ENROLMENT_SALT,
    )
    return f"{reverse('admin:two_factor')}?{urlencode({'enrol': token})}"


def enrolment_url(device) -> str:
    return settings.SITE_URL + enrolment_path(device)


def enrolment_device(user, token: str | None):
    """The unconfirmed device a valid set-up link names for this user, or None."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if not token:
        return None
    try:
        data = signing.loads(token, salt=ENROLMENT_SALT, max_age=ENROLMENT_MAX_AGE)
        device = TOTPDevice.objects.get(pk=data["device"], user=user, confirmed=False)
    except (signing.BadSignature, TOTPDevice.DoesNotExist, KeyError, TypeError, ValueError):
        return None
    if data.get("user") != user.pk or data.get("key") != _key_digest(device):
        return None
    return device


def new_backup_codes(user) -> list[str]:
    """Replace the user's backup codes (django-otp's static device) with new ones."""
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

    device, _ = StaticDevice.objects.get_or_create(user=user, defaults={"name": "Backup codes"})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def mask_email(address: str) -> str:
    name, _, domain = address.partition("@")
    return f"{name[:1]}…@{domain}"


class TokenForm(forms.Form):
    token = forms.CharField(
        label="Six-digit code, or a backup code",
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )

    def __init__(self, device, *args, backup=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device
        self.backup = backup
        self.verified_device = None

    def clean_token(self) -> str:
        token = self.cleaned_data["token"].replace(" ", "").lower()
        # A backup code is letters and digits; the app's code six digits. Each device counts
        # its own failures and refuses codes for a while after several.
        device = self.backup if self.backup and not token.isdigit() else self.device
        if not device.verify_token(token):
            raise forms.ValidationError(
                "This code is wrong or has expired. Enter the code your app shows now, or one "
                "of your backup codes; after several wrong codes, wait a minute before trying "
                "again.",
                code="invalid_token",
            )
        self.verified_device = device
        return token


class NewsroomAdminSite(admin.AdminSite):
    # The site's own name, read at each request (SITE_NAME may differ per deployment).
    @property
    def site_header(self) -> str:
        return f"{settings.SITE_NAME} administration"

    @property
    def site_title(self) -> str:
        return f"{settings.SITE_NAME} admin"

    index_title = "Editorial desk"
    # The app list beside every page took 276 px of a 1280 px laptop screen, squeezing the
    # story list's titles; the home page and the breadcrumbs lead to the same places.
    enable_nav_sidebar = False

    def admin_view(self, view, cacheable=False):
        protected = super().admin_view(view, cacheable)
        if getattr(view, "__name__", "") == "logout":
            # Someone stuck at the second step must still be able to sign out.
            return protected

        def inner(request, *args, **kwargs):
            if not second_factor_done(request.user):
                url = reverse("admin:two_factor", current_app=self.name)
                query = urlencode({REDIRECT_FIELD_NAME: request.get_full_path()})
                return HttpResponseRedirect(f"{url}?{query}")
            return protected(request, *args, **kwargs)

        return update_wrapper(inner, protected)

    def get_urls(self):
        two_factor = never_cache(csrf_protect(self.two_factor_view))
        backup_codes = never_cache(csrf_protect(self.backup_codes_view))
        return [
            path("two-factor/", two_factor, name="two_factor"),
            path("two-factor/backup-codes/", backup_codes, name="two_factor_backup_codes"),
            *super().get_urls(),
        ]

    def _context(self, request, **extra) -> dict:
        return {
            **self.each_context(request),
            "required": requires_second_factor(request.user),
            # Nothing of the admin shows before the second step is done.
            "is_nav_sidebar_enabled": False,
            "available_apps": [],
            **extra,
        }

    def two_factor_view(self, request: HttpRequest) -> HttpResponse:
        """Enter the current code; or set up an authenticator app from a one-time link."""
        from django_otp.plugins.otp_static.models import StaticDevice
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
        token = request.POST.get("enrol") or request.GET.get("enrol")
        enrolling = enrolment_device(request.user, token)
        if is_verified(request.user) and enrolling is None:
            return HttpResponseRedirect(next_url)

        device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
        if device is None and enrolling is None:
            return self._enrolment_link_view(request, next_url, bool(token))
        setting_up = enrolling is not None
        device = enrolling or device
        backup = None if setting_up else StaticDevice.objects.filter(user=request.user).first()
        form = TokenForm(device, request.POST or None, backup=backup)
        if request.method == "POST" and form.is_valid():
            if not setting_up:
                django_otp.login(request, form.verified_device)
                return HttpResponseRedirect(next_url)
            TOTPDevice.objects.filter(user=request.user, confirmed=True).delete()
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            django_otp.login(request, device)
            return self._backup_codes_page(request, new_backup_codes(request.user), next_url)

        context = self._context(
            request,
            title="Set up two-factor sign-in" if setting_up else "Enter your sign-in code",
            form=form,
            setting_up=setting_up,
            next=next_url,
            enrol=token if setting_up else "",
        )
        if setting_up:
            image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
            # Generated here from the device's own URL: no user input reaches the markup.
            context["qr_code"] = mark_safe(image.to_string(encoding="unicode"))  # noqa: S308
            context["secret"] = base64.b32encode(device.bin_key).decode()
        return TemplateResponse(request, "admin/two_factor.html", context)

    def _enrolment_link_view(self, request, next_url: str, stale_link: bool) -> HttpResponse:
        """No authenticator yet: the password alone does not show a secret. Email a link."""
        user = request.user
        sent = False
        if request.method == "POST" and "send" in request.POST and user.email:
            # One email a minute, so the button cannot flood a mailbox.
            if cache.add(f"two-factor-link:{user.pk}", True, 60):
                device = new_enrolment(user)
                send_mail(
                    f"Set up two-factor sign-in for {settings.SITE_NAME}",
                    "Someone signed in with your password and asked to set up two-factor "
                    "sign-in. If it was you, open this link in the same browser within an "
                    f"hour:\n\n{enrolment_url(device)}\n\nIf it was not you, change your "
                    "password now and tell a superuser.",
                    None,
                    [user.email],
                    fail_silently=True,
                )
            sent = True
        context = self._context(
            request,
            title="Set up two-factor sign-in",
            needs_link=True,
            sent=sent,
            stale_link=stale_link,
            email=mask_email(user.email) if user.email else "",
            next=next_url,
        )
        return TemplateResponse(request, "admin/two_factor.html", context)

    def _backup_codes_page(self, request, codes: list[str], next_url: str) -> HttpResponse:
        context = self._context(request, title="Your backup codes", codes=codes, next=next_url)
        return TemplateResponse(request, "admin/two_factor_backup_codes.html", context)

    def backup_codes_view(self, request: HttpRequest) -> HttpResponse:
        """New backup codes, or a new authenticator app (a lost phone), once verified."""
        if not self.has_permission(request):
            return redirect_to_login(
                request.get_full_path(), reverse("admin:login", current_app=self.name)
            )
        if not is_verified(request.user):
            url = reverse("admin:two_factor", current_app=self.name)
            return HttpResponseRedirect(f"{url}?{urlencode({REDIRECT_FIELD_NAME: request.path})}")
        index = reverse("admin:index", current_app=self.name)
        if request.method == "POST" and "new_app" in request.POST:
            # Verified in this session (a backup code, after a lost phone): that is the proof.
            return HttpResponseRedirect(enrolment_path(new_enrolment(request.user)))
        if request.method == "POST":
            return self._backup_codes_page(request, new_backup_codes(request.user), index)
        from django_otp.plugins.otp_static.models import StaticToken

        left = StaticToken.objects.filter(device__user=request.user).count()
        context = self._context(request, title="Backup codes", left=left, next=index)
        return TemplateResponse(request, "admin/two_factor_backup_codes.html", context)
