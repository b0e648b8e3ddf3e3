from django.urls import path

from mingyi.questions import views

app_name = "questions"
urlpatterns = [path("q/<int:pk>/", views.question_detail, name="detail")]
