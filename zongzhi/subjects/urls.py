app_name = "subjects"
urlpatterns = []
