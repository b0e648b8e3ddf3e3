from django.apps import AppConfig


class QuestionsConfig(AppConfig):
    name = "mingyi.questions"
    verbose_name = "问答"
