from django.db import migrations

from mingyi.departments.tree import tree_ensure


def create_tree(apps, schema_editor):
    tree_ensure(apps.get_model("departments", "Department"), apps.get_model("departments", "DepartmentAlias"))


class Migration(migrations.Migration):
    dependencies = [("departments", "0001_initial")]
    operations = [migrations.RunPython(create_tree, migrations.RunPython.noop)]
