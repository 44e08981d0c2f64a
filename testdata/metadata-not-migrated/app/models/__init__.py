from app.models.base import Base
from app.models.user import User
from app.models.quality_analysis import ExpertProfile, QualityScore
