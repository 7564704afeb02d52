from django.urls import path

from organizations import views

app_name = "organizations"

urlpatterns = [
    path("", views.OrganizationIndexView.as_view(), name="organization_list"),
    path("<slug:slug>/", views.OrganizationDetailView.as_view(), name="organization_detail"),
]
