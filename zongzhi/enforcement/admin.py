from django.contrib import admin

from .models import CourtApplication, Demand, Litigation, Payment, PaymentPlan, Reconsideration, ServiceRecord


class CaseRecordAdmin(admin.ModelAdmin):
    raw_id_fields = ["case"]
    search_fields = ["case__number"]


@admin.register(ServiceRecord)
class ServiceRecordAdmin(CaseRecordAdmin):
    list_display = ["case", "document", "method", "served_on", "state"]
    list_filter = ["method", "state"]


@admin.register(Payment)
class PaymentAdmin(CaseRecordAdmin):
    list_display = ["case", "payer", "amount", "paid_on", "channel"]
    list_filter = ["channel"]


@admin.register(PaymentPlan)
class PaymentPlanAdmin(CaseRecordAdmin):
    list_display = ["case", "kind", "status", "requested_on"]
    list_filter = ["kind", "status"]


@admin.register(Demand)
class DemandAdmin(CaseRecordAdmin):
    list_display = ["case", "number", "issued_on", "served_on"]


@admin.register(CourtApplication)
class CourtApplicationAdmin(CaseRecordAdmin):
    list_display = ["case", "court", "filed_on", "outcome"]
    list_filter = ["outcome"]


@admin.register(Reconsideration)
class ReconsiderationAdmin(CaseRecordAdmin):
    list_display = ["case", "body", "filed_on", "outcome"]
    list_filter = ["outcome"]


@admin.register(Litigation)
class LitigationAdmin(CaseRecordAdmin):
    list_display = ["case", "court", "filed_on", "outcome"]
    list_filter = ["outcome"]
