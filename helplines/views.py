from __future__ import annotations

from django.views.generic import TemplateView

from stories.views import PageMetaMixin


class StayingSafeView(PageMetaMixin, TemplateView):
    template_name = "helplines/staying_safe.html"
    meta_title = "Staying safe while you read"
    meta_description = (
        "How the quick exit works, what it does not do, and how to clear your browsing history."
    )
