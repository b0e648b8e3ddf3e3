from django.urls import path

from mingyi.departments import views

app_name = "departments"
urlpatterns = [path("department/<slug:slug>/", views.department_detail, name="detail")]
