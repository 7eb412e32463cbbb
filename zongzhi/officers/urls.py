app_name = "officers"
urlpatterns = []
