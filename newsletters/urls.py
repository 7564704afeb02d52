from django.urls import include, path

from newsletters import views

app_name = "newsletters"

urlpatterns = [
    path("subscribe/", views.SubscribeView.as_view(), name="subscribe"),
    path("subscribe/privacy/", views.PrivacyView.as_view(), name="privacy"),
    path("subscribe/confirm/<str:token>/", views.ConfirmView.as_view(), name="confirm"),
    path("subscriptions/<str:token>/", views.ManageView.as_view(), name="manage"),
    path("unsubscribe/<str:token>/", views.UnsubscribeView.as_view(), name="unsubscribe"),
    # The provider's tracking webhooks: /newsletters/anymail/<provider>/tracking/
    path("newsletters/anymail/", include("anymail.urls")),
]
