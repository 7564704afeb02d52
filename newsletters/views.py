"""Readers' pages: subscribe, confirm, manage and unsubscribe, without an account.

Token pages are never cached and never indexed; a token that does not check out gets a clear
refusal (400), never someone else's subscriptions.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import FormView, TemplateView

from newsletters import services
from newsletters.forms import FrequencyForm, SubscribeForm
from newsletters.models import Frequency, Subscription
from newsletters.selections import selection_from
from newsletters.tokens import (
    subscriber_to_manage,
    subscription_to_confirm,
    subscription_to_unsubscribe,
)
from newsroom.security import client_ip
from stories.views import PageMetaMixin

RATE_LIMITED = (
    "We have had too many subscription requests for this address or from your connection in "
    "the last hour. Please try again later."
)


def private(response: HttpResponse) -> HttpResponse:
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def refused(request: HttpRequest, what: str = "link") -> HttpResponse:
    return private(render(request, "newsletters/invalid_link.html", {"what": what}, status=400))


def csrf_failed(request: HttpRequest) -> bool:
    return CsrfViewMiddleware(lambda r: None).process_view(request, None, (), {}) is not None


@method_decorator(csrf_exempt, name="dispatch")
class SubscribeView(PageMetaMixin, FormView):
    """GET: the form. POST: ask for confirmation. Finder parameters make it an alert.

    The short forms on cached pages (home, digests, footer) carry no CSRF token: their POST
    shows this form again, filled in, and only a POST with a valid token subscribes.
    """

    template_name = "newsletters/subscribe.html"
    form_class = SubscribeForm
    meta_title = "Subscribe"
    meta_description = "The weekly digest, or alerts about any selection of stories, by email."

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.selection = selection_from(request.GET)
        self.is_alert = self.selection.asked

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["alert"] = self.is_alert
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            selection=self.selection,
            is_alert=self.is_alert,
            action=self.request.get_full_path(),
        )
        return context

    def post(self, request, *args, **kwargs):
        if csrf_failed(request):
            form = self.get_form_class()(
                initial={"email": str(request.POST.get("email", ""))[:254]}, alert=self.is_alert
            )
            return self.render_to_response(self.get_context_data(form=form, prefilled=True))
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        if self.is_alert and (not self.selection.params and self.selection.errors):
            form.add_error(None, "None of this selection's filters exist any more: choose again.")
            return self.form_invalid(form)
        frequency = form.cleaned_data.get("frequency") or Frequency.WEEKLY
        try:
            services.subscription_request(
                email=form.cleaned_data["email"],
                client=client_ip(self.request),
                kind=Subscription.Kind.ALERT if self.is_alert else Subscription.Kind.DIGEST,
                query=self.selection.query if self.is_alert else "",
                name=self.selection.name if self.is_alert else "",
                frequency=frequency if self.is_alert else Frequency.WEEKLY,
            )
        except services.RateLimited:
            form.add_error(None, RATE_LIMITED)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        context = self.get_context_data(form=form, email=form.cleaned_data["email"])
        context["frequency"] = dict(Frequency.choices)[frequency].lower()
        return private(render(self.request, "newsletters/subscribe_sent.html", context))


class PrivacyView(PageMetaMixin, TemplateView):
    template_name = "newsletters/privacy.html"
    meta_title = "Email subscriptions and your privacy"


class ConfirmView(View):
    def get(self, request, token):
        subscription = subscription_to_confirm(token)
        if subscription is None or subscription.is_expired():
            return refused(request, "confirmation link")
        return private(render(request, "newsletters/confirm.html", {"subscription": subscription}))

    def post(self, request, token):
        subscription = subscription_to_confirm(token)
        if subscription is None or not services.subscription_confirm(subscription=subscription):
            return refused(request, "confirmation link")
        return private(
            render(
                request,
                "newsletters/confirmed.html",
                {
                    "subscription": subscription,
                    "manage_url": subscription.subscriber.get_absolute_url(),
                },
            )
        )


class ManageView(View):
    """Everything one address subscribes to; change, remove, or delete it all."""

    def get(self, request, token):
        subscriber = subscriber_to_manage(token)
        if subscriber is None:
            return refused(request, "subscription management link")
        context = {
            "subscriber": subscriber,
            "subscriptions": subscriber.subscriptions.all(),
            "frequencies": Frequency.choices,
            "done": request.GET.get("done", "")[:20],
        }
        return private(render(request, "newsletters/manage.html", context))

    def post(self, request, token):
        subscriber = subscriber_to_manage(token)
        if subscriber is None:
            return refused(request, "subscription management link")
        action = request.POST.get("action")
        if action == "delete_all":
            services.subscriber_delete(subscriber=subscriber)
            return private(render(request, "newsletters/deleted.html"))
        # Only this address's own subscriptions can be named.
        subscription = subscriber.subscriptions.filter(
            pk=_int(request.POST.get("subscription"))
        ).first()
        if subscription is None:
            return redirect(request.path)
        if action == "remove":
            services.subscription_remove(subscription=subscription)
            if not type(subscriber).objects.filter(pk=subscriber.pk).exists():
                return private(render(request, "newsletters/deleted.html"))
            return redirect(f"{request.path}?done=removed")
        form = FrequencyForm(request.POST)
        if action == "change" and form.is_valid():
            services.subscription_change(
                subscription=subscription, frequency=form.cleaned_data["frequency"]
            )
            return redirect(f"{request.path}?done=changed")
        return redirect(request.path)


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@method_decorator(csrf_exempt, name="dispatch")
class UnsubscribeView(View):
    """RFC 8058 one-click: a bare POST with the signed token unsubscribes; no cookie needed."""

    def get(self, request, token):
        subscription = subscription_to_unsubscribe(token)
        if subscription is None:
            return refused(request, "unsubscribe link")
        return private(
            render(request, "newsletters/unsubscribe.html", {"subscription": subscription})
        )

    def post(self, request, token):
        subscription = subscription_to_unsubscribe(token)
        if subscription is None:
            return refused(request, "unsubscribe link")
        name = str(subscription)
        services.subscription_remove(subscription=subscription)
        return private(render(request, "newsletters/unsubscribed.html", {"name": name}))
