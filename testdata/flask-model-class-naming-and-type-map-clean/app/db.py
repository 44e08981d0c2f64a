from flask_sqlalchemy import SQLAlchemy

from app.types import AppModel

db = SQLAlchemy(model_class=AppModel, disable_autonaming=True)
