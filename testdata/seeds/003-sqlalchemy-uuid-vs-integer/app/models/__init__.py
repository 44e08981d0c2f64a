from app.models.base import Base
from app.models.user import User, UserSession
from app.models.document import Document
from app.models.query_history import QueryHistory
from app.models.usage import CostAlert, UsageEvent
from app.models.quality_analysis import ExpertProfile, QualityMetric, PromptTemplate
from app.models.subscription import Subscription, SubscriptionEvent
from app.models.faq_automation import FAQCandidate, FAQEntry
from app.models.regional_taxes import MunicipalSurcharge, RegionalTaxRate
from app.models.data_export import DataExportRequest, ExportedQuery
