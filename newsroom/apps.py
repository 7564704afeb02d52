from django.contrib.admin.apps import AdminConfig


class NewsroomAdminConfig(AdminConfig):
    """Django's admin, served by NewsroomAdminSite: every admin.site.register() lands there."""

    default_site = "newsroom.admin.NewsroomAdminSite"
