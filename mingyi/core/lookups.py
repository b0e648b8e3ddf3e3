"""`field__any=[...]`: what `field__in=[...]` selects, sent to PostgreSQL as one array
parameter (`field = ANY(%s)`) instead of one parameter per value.

Search reads the titles of its ~200 candidates by id on every query. As an IN list of
200 parameters that took 3.3 ms at 1M questions on PostgreSQL: 1 ms of it building the
parameters in the ORM, 0.8 ms more in the database. As one array: 1.5 ms. Other
databases get the IN list."""

from django.core.exceptions import EmptyResultSet
from django.db.models import Field
from django.db.models.lookups import In


@Field.register_lookup
class AnyOf(In):
    lookup_name = "any"

    def as_postgresql(self, compiler, connection):
        if not self.rhs_is_direct_value():  # a subquery: IN (SELECT …) as usual
            return super().as_sql(compiler, connection)
        lhs, lhs_params = self.process_lhs(compiler, connection)
        field = self.lhs.output_field
        values = [
            field.get_db_prep_value(value, connection, prepared=True)
            for value in dict.fromkeys(self.rhs)
            if value is not None  # NULL is never equal to anything
        ]
        if not values:
            raise EmptyResultSet
        return f"{lhs} = ANY(%s)", (*lhs_params, values)
