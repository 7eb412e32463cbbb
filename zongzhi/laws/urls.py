app_name = "laws"
urlpatterns = []
