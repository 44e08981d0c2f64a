"""Regional tax tables. Declared on the legacy Base; no migration creates these tables."""
from sqlalchemy import Column, Integer, Numeric, String

from app.models.base import Base


class RegionalTaxRate(Base):  # expect: metadata-not-migrated
    __tablename__ = "regional_tax_rates"

    id = Column(Integer, primary_key=True)
    region = Column(String(50), nullable=False)
    rate = Column(Numeric(5, 2), nullable=False)


class MunicipalSurcharge(Base):  # expect: metadata-not-migrated
    __tablename__ = "municipal_surcharges"

    id = Column(Integer, primary_key=True)
    municipality = Column(String(100), nullable=False)
    rate = Column(Numeric(5, 2), nullable=False)
