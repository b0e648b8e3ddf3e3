from django.apps import AppConfig


class SynthConfig(AppConfig):
    name = "mingyi.synth"
    verbose_name = "合成语料"
