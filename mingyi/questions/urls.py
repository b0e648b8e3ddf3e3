from django.urls import path

from mingyi.questions import review_views, views, workspace_views

app_name = "questions"
urlpatterns = [
    path("q/<int:pk>/", views.question_detail, name="detail"),
    path("ask/", views.ask, name="ask"),
    path("ask/track/<str:token>/", views.ask_track, name="track"),
    path("workspace/", workspace_views.workspace, name="workspace"),
    path("workspace/answer/<int:pk>/", workspace_views.answer_edit, name="answer"),
    path("review/", review_views.review_queue, name="review"),
    path("review/answer/<int:pk>/", review_views.review_answer, name="review_answer"),
    path("review/question/<int:pk>/", review_views.moderate_question, name="moderate"),
]
