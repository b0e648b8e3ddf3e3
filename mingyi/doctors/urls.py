from django.urls import path

from mingyi.doctors import views

app_name = "doctors"
urlpatterns = [
    path("doctor/<int:pk>/", views.doctor_detail, name="detail"),
    path("doctor/apply/", views.apply, name="apply"),
    path("review/credential/<int:pk>/", views.credential_decide, name="credential_decide"),
]
