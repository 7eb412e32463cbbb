from django.contrib import admin

from .models import ConflictOfInterest, Draw, Finding, Inspection, InspectionItem, InspectionPlan, JointInspection

for model in (InspectionItem, InspectionPlan, Inspection, Finding, Draw, JointInspection, ConflictOfInterest):
    admin.site.register(model)
