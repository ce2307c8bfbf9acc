from django.urls import path

from . import views

app_name = "organisations"

urlpatterns = [
    path("", views.forbund_home, name="home"),
    path("medlemmar/", views.member_list, name="members"),
    path("medlemmar/ny/", views.member_edit, name="member_add"),
    path("medlemmar/<int:member>/", views.member_edit, name="member_edit"),
    path("personer/", views.people, name="people"),
    path("personer/ny/", views.person_add, name="person_add"),
    path("personer/<int:membership>/", views.person_edit, name="person_edit"),
]
