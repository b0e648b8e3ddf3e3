from django import forms

from mingyi.departments.models import Department


class AskForm(forms.Form):
    title = forms.CharField(label="标题(可不填)", max_length=100, required=False)
    text = forms.CharField(
        label="您的问题",
        max_length=2000,
        widget=forms.Textarea(
            attrs={"rows": 6, "placeholder": "描述症状、持续多久、年龄性别、用过什么药…"}
        ),
    )
    department = forms.ModelChoiceField(
        label="科室(可不选,我们会根据描述推荐)",
        queryset=Department.objects.exclude(parent=None).select_related("parent"),
        required=False,
    )


class AnswerForm(forms.Form):
    body = forms.CharField(
        label="回答",
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text="分段书写;不承诺疗效,不推荐具体商品或机构。",
    )


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", "通过并发布"), ("return", "退回修改")])
    comment = forms.CharField(
        label="审核意见", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
