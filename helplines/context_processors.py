from django.conf import settings


def quick_exit(request):
    """The neutral site the quick exit leads to, or "" where the newsroom switched it off."""
    return {"QUICK_EXIT_URL": settings.QUICK_EXIT_URL if settings.QUICK_EXIT else ""}
