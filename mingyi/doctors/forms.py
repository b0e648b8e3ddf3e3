from django import forms

from mingyi.departments.models import Department
from mingyi.doctors.models import DoctorTitle, HospitalGrade


class DoctorApplyForm(forms.Form):
    name = forms.CharField(label="姓名", max_length=32)
    title = forms.ChoiceField(label="职称", choices=DoctorTitle.choices)
    department = forms.ModelChoiceField(
        label="科室", queryset=Department.objects.exclude(parent=None).select_related("parent")
    )
    hospital_name = forms.CharField(label="执业医院", max_length=100)
    hospital_grade = forms.ChoiceField(label="医院等级", choices=HospitalGrade.choices)
    practising_certificate_no = forms.CharField(label="执业证书编号", max_length=40)
    qualification_certificate_no = forms.CharField(label="资格证书编号", max_length=40)
    document = forms.FileField(label="证书照片或扫描件", required=False)


class CredentialDecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("verify", "通过认证"), ("reject", "驳回")])
    reason = forms.CharField(label="驳回理由", required=False, max_length=500)
