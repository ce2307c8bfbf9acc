from django.urls import path

from . import views

app_name = "catalogue"

# Under /f/<forbund>/ (the förbund's editorial pages).
urlpatterns = [
    path("katalog/", views.manage, name="manage"),
    path("katalog/ny/", views.edit, name="add"),
    path("katalog/<slug:entry>/", views.edit, name="edit"),
]

# Public, without login: /katalog/…
public_urlpatterns = [
    path("", views.catalogue, name="public"),
    path("<slug:forbund>/", views.forbund_catalogue, name="public_forbund"),
    path("<slug:forbund>/<slug:entry>/", views.entry, name="public_entry"),
]
