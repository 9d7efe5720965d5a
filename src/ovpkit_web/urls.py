"""The site's addresses. Office pages live under /offices/<slug>/."""

from django.contrib.auth import views as auth_views
from django.urls import include, path

from ovpkit_web.api import api
from ovpkit_web.views import data, history, jobs, office, public
from ovpkit_web.views import evaluation as ev
from ovpkit_web.views import monitoring as mon
from ovpkit_web.views import questionnaire as q

urlpatterns = [
    path("", public.home, name="home"),
    path("knowledge/", public.criteria, name="criteria"),
    path("knowledge/search/", public.knowledge_search, name="search"),
    path("knowledge/criteria/<int:number>/", public.criterion, name="criterion"),
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="ovpkit_web/login.html", redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
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
    path("api/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]
