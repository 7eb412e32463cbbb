from django.urls import path

from zongzhi.utilities.views import model_urls

from . import views
from .models import CourtApplication, Demand, Litigation, Payment, PaymentPlan, Reconsideration, ServiceRecord

app_name = "enforcement"
urlpatterns = [
    path("payments/awaiting/", views.AwaitingPaymentView.as_view(), name="awaiting_payment"),
    path("cases/<int:case_pk>/service/", views.ServeView.as_view(), name="case_serve"),
    path("cases/<int:case_pk>/payment/", views.PayView.as_view(), name="case_pay"),
    path("cases/<int:case_pk>/plan/", views.PlanView.as_view(), name="case_plan"),
    path("cases/<int:case_pk>/demand/", views.DemandView.as_view(), name="case_demand"),
    path("cases/<int:case_pk>/court/", views.CourtView.as_view(), name="case_court"),
    path("cases/<int:case_pk>/reconsideration/", views.ReconsiderationView.as_view(), name="case_reconsideration"),
    path("cases/<int:case_pk>/litigation/", views.LitigationView.as_view(), name="case_litigation"),
    path("service/<int:pk>/complete/", views.CompleteNoticeView.as_view(), name="servicerecord_complete"),
    path("payments/<int:pk>/handover/", views.HandoverView.as_view(), name="payment_handover"),
    path("plans/<int:pk>/decide/", views.PlanDecisionView.as_view(), name="paymentplan_decide"),
    path("court/<int:pk>/outcome/", views.CourtOutcomeView.as_view(), name="courtapplication_outcome"),
    path("reconsiderations/<int:pk>/outcome/", views.ReviewOutcomeView.as_view(model=Reconsideration),
         name="reconsideration_outcome"),
    path("litigations/<int:pk>/outcome/", views.ReviewOutcomeView.as_view(model=Litigation),
         name="litigation_outcome"),
    *model_urls(Payment, "payments/", list_view=views.PaymentListView, detail=views.detail(Payment)),
    *model_urls(ServiceRecord, "service/", list_view=views.ServiceRecordListView,
                detail=views.detail(ServiceRecord)),
    *model_urls(PaymentPlan, "plans/", list_view=views.PaymentPlanListView, detail=views.detail(PaymentPlan)),
    *model_urls(Demand, "demands/", list_view=views.DemandListView, detail=views.detail(Demand)),
    *model_urls(CourtApplication, "court/", list_view=views.CourtApplicationListView,
                detail=views.detail(CourtApplication)),
    *model_urls(Reconsideration, "reconsiderations/", list_view=views.ReconsiderationListView,
                detail=views.detail(Reconsideration)),
    *model_urls(Litigation, "litigations/", list_view=views.LitigationListView, detail=views.detail(Litigation)),
]
