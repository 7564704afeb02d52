from django.urls import path

from helplines import views

app_name = "helplines"

urlpatterns = [
    path("staying-safe/", views.StayingSafeView.as_view(), name="staying_safe"),
]
