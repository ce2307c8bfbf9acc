from django.urls import path

from .views import forbund, jobs, search, start

app_name = "organisations"

urlpatterns = [
    path("", forbund.forbund_home, name="home"),
    path("sok/", search.search_page, name="search"),
    path("medlemmar/", forbund.member_list, name="members"),
    path("medlemmar/ny/", forbund.member_edit, name="member_add"),
    path("medlemmar/<int:member>/", forbund.member_edit, name="member_edit"),
    path("personer/", forbund.people, name="people"),
    path("personer/ny/", forbund.person_add, name="person_add"),
    path(
        "personer/inbjudningar/<int:invitation>/",
        forbund.invitation_detail,
        name="invitation",
    ),
    path("personer/<int:membership>/", forbund.person_edit, name="person_edit"),
    # Background jobs (core/jobs.py): progress page, status for the page's poll, the file.
    path("jobb/<uuid:job>/", jobs.job_page, name="job"),
    path("jobb/<uuid:job>/status/", jobs.job_status, name="job_status"),
    path("jobb/<uuid:job>/fil/", jobs.job_file, name="job_file"),
]

# The audit log is core's model but needs the förbund scoping that lives here; its URL keeps
# core's namespace (core:audit_log) so links and the navigation entry stay as they were.
audit_urlpatterns = ([path("logg/", start.audit_log, name="audit_log")], "core")
