from sqlalchemy import Column, ForeignKey, Integer, String
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class Department(Base):
    __tablename__ = "departments"

    id = Column(Integer, primary_key=True)
    name = Column(String(80), nullable=False)
    # Departments and employees point at each other: one key is added after both tables exist.
    head_id = Column(Integer, ForeignKey("employees.id", use_alter=True, name="fk_departments_head_id"))  # expect: foreign-key-missing-from-database


class Employee(Base):
    __tablename__ = "employees"

    id = Column(Integer, primary_key=True)
    department_id = Column(Integer, ForeignKey("departments.id"), nullable=False)
