app_name = "discretion"
urlpatterns = []
