from django.contrib import admin

from .models import CollectiveDiscussion, LegalReview, Transfer

admin.site.register(LegalReview)
admin.site.register(CollectiveDiscussion)
admin.site.register(Transfer)
