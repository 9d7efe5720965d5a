"""The site's addresses. Office pages live under /offices/<slug>/."""

from django.urls import include, path
from django.views.generic import RedirectView

from ovpkit_web.api import api
from ovpkit_web.views import accounts, data, history, jobs, office, public
from ovpkit_web.views import consultation as consult
from ovpkit_web.views import evaluation as ev
from ovpkit_web.views import monitoring as mon
from ovpkit_web.views import publication as pub
from ovpkit_web.views import questionnaire as q

urlpatterns = [
    path("", public.home, name="home"),
    path("knowledge/", public.criteria, name="criteria"),
    path("knowledge/search/", public.knowledge_search, name="search"),
    path("knowledge/criteria/<int:number>/", public.criterion, name="criterion"),
    # Login, logout, password change and reset, two-factor: django-allauth's pages.
    path("accounts/", include("allauth.urls")),
    path("account/", accounts.account, name="account"),
    # the old login address, kept for bookmarks
    path("login/", RedirectView.as_view(pattern_name="account_login", query_string=True)),
    path("offices/<slug:slug>/", office.dashboard, name="office"),
    path("offices/<slug:slug>/answers/", office.upload_answers, name="upload_answers"),
    path("offices/<slug:slug>/assess/", office.run_assessment, name="assess"),
    path("offices/<slug:slug>/questionnaire/", q.index, name="questionnaire"),
    path("offices/<slug:slug>/questionnaire/export/", q.export, name="questionnaire_export"),
    path("offices/<slug:slug>/questionnaire/import/", q.import_file, name="questionnaire_import"),
    path("offices/<slug:slug>/questionnaire/submit/", q.submit, name="questionnaire_submit"),
    path("offices/<slug:slug>/questionnaire/compare/", q.compare, name="questionnaire_compare"),
    path(
        "offices/<slug:slug>/questionnaire/<slug:section_id>/",
        q.section,
        name="questionnaire_section",
    ),
    path(
        "offices/<slug:slug>/assessments/<int:pk>/pdf/",
        jobs.assessment_pdf,
        name="assessment_pdf",
    ),
    path("offices/<slug:slug>/data/", data.index, name="data"),
    path("offices/<slug:slug>/data/upload/", data.upload, name="data_upload"),
    path("offices/<slug:slug>/data/files/<int:pk>/", data.data_file, name="data_file"),
    path("offices/<slug:slug>/data/files/<int:pk>/set-aside/", data.set_aside, name="set_aside"),
    path(
        "offices/<slug:slug>/data/files/<int:pk>/set-aside.csv",
        data.set_aside_csv,
        name="set_aside_csv",
    ),
    path("offices/<slug:slug>/data/diagnose/", data.run_diagnosis, name="run_diagnosis"),
    path("offices/<slug:slug>/data/diagnosis/<int:pk>/", data.diagnosis, name="diagnosis"),
    path(
        "offices/<slug:slug>/data/diagnosis/<int:pk>/page/",
        data.diagnosis_page,
        name="diagnosis_page",
    ),
    path("offices/<slug:slug>/evaluations/", ev.index, name="evaluations"),
    path("offices/<slug:slug>/evaluations/new/", ev.new, name="evaluation_new"),
    path("offices/<slug:slug>/evaluations/<int:pk>/", ev.result, name="evaluation"),
    path("offices/<slug:slug>/evaluations/<int:pk>/page/", ev.result_page, name="evaluation_page"),
    path("offices/<slug:slug>/assessments/", history.history, name="history"),
    path("offices/<slug:slug>/monitoring/", mon.index, name="monitoring"),
    path("offices/<slug:slug>/monitoring/programs/new/", mon.program_new, name="program_new"),
    path(
        "offices/<slug:slug>/monitoring/programs/<slug:key>/",
        mon.program_edit,
        name="program_edit",
    ),
    path("offices/<slug:slug>/monitoring/partners/new/", mon.partner_new, name="partner_new"),
    path("offices/<slug:slug>/monitoring/indicators/new/", mon.indicator_new, name="indicator_new"),
    path(
        "offices/<slug:slug>/monitoring/indicators/<slug:key>/",
        mon.indicator_edit,
        name="indicator_edit",
    ),
    path("offices/<slug:slug>/monitoring/budget/new/", mon.budget_new, name="budget_new"),
    path("offices/<slug:slug>/members/", accounts.members, name="members"),
    path("offices/<slug:slug>/members/<int:pk>/", accounts.member_edit, name="member_edit"),
    path(
        "offices/<slug:slug>/members/<int:pk>/remove/",
        accounts.member_remove,
        name="member_remove",
    ),
    path("offices/<slug:slug>/changes/", history.office_changes, name="changes"),
    path(
        "offices/<slug:slug>/changes/<slug:kind>/<int:pk>/",
        history.object_changes,
        name="object_changes",
    ),
    path("offices/<slug:slug>/audit/", history.audit_log, name="audit_log"),
    path("offices/<slug:slug>/monitoring/staff/new/", mon.staff_new, name="staff_new"),
    path(
        "offices/<slug:slug>/monitoring/<slug:collection>/<slug:key>/edit/",
        mon.record_edit,
        name="record_edit",
    ),
    path(
        "offices/<slug:slug>/monitoring/<slug:collection>/<slug:key>/remove/",
        mon.record_remove,
        name="record_remove",
    ),
    path(
        "offices/<slug:slug>/monitoring/indicators/<slug:key>/observations/new/",
        mon.observation_new,
        name="observation_new",
    ),
    path(
        "offices/<slug:slug>/monitoring/indicators/<slug:key>/observations/<int:number>/remove/",
        mon.observation_remove,
        name="observation_remove",
    ),
    path(
        "offices/<slug:slug>/monitoring/programs/<slug:key>/reports/", mon.program, name="program"
    ),
    path(
        "offices/<slug:slug>/monitoring/programs/<slug:key>/reports/new/",
        mon.report_new,
        name="report_new",
    ),
    path("offices/<slug:slug>/monitoring/reports/<slug:key>/", mon.report_edit, name="report_edit"),
    path("offices/<slug:slug>/jobs/<int:pk>/", jobs.job, name="job"),
    path("offices/<slug:slug>/jobs/<int:pk>/file/", jobs.job_file, name="job_file"),
    path("consultation/<slug:slug>/", consult.form, name="consultation"),
    path("consultation/<slug:slug>/thanks/", consult.thanks, name="consultation_thanks"),
    path("offices/<slug:slug>/consultation/", consult.results, name="consultation_results"),
    path(
        "offices/<slug:slug>/consultation/settings/",
        consult.settings,
        name="consultation_settings",
    ),
    path("offices/<slug:slug>/publications/", pub.index, name="publications"),
    path("offices/<slug:slug>/publications/<int:pk>/", pub.detail, name="publication"),
    path(
        "offices/<slug:slug>/publications/<int:pk>/document.json",
        pub.download,
        name="publication_download",
    ),
    path(
        "offices/<slug:slug>/publications/<int:pk>/datapackage.zip",
        pub.preview_datapackage,
        name="publication_datapackage",
    ),
    path(
        "offices/<slug:slug>/publications/<int:pk>/pages/<int:number>/",
        pub.frozen_page,
        name="publication_page",
    ),
    path(
        "offices/<slug:slug>/publications/<int:pk>/<slug:name>/",
        pub.move,
        name="publication_move",
    ),
    path("public/", pub.public_index, name="public_index"),
    path("public/export.json", pub.public_export, name="public_export"),
    path("public/<slug:slug>/", pub.public_office, name="public_office"),
    path("public/<slug:slug>/datapackage.zip", pub.public_datapackage, name="public_datapackage"),
    path("public/<slug:slug>/diagnosis/", pub.public_diagnosis, name="public_diagnosis"),
    path(
        "public/<slug:slug>/evaluations/<int:number>/",
        pub.public_evaluation,
        name="public_evaluation",
    ),
    path("api/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]
