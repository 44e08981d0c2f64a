"""Legacy declarative base, kept for the quality-analysis models."""
from sqlalchemy.orm import declarative_base

Base = declarative_base()
