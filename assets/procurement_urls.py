"""Procurement lives in the assets app but is published under /procurement/."""

app_name = "procurement"

urlpatterns = []
