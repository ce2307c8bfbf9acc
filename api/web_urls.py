from django.urls import path

from . import web

app_name = "apinycklar"

urlpatterns = [
    path("api-nycklar/", web.tokens, name="list"),
]
