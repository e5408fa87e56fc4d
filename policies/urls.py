app_name = "policies"

urlpatterns = []
