from sqlalchemy.types import UserDefinedType


def vector_type(dimensions):
    class Vector(UserDefinedType):
        def get_col_spec(self, **kw):
            return f"vector({dimensions})"

    return Vector()
