from flask import Flask
from flask_migrate import Migrate

from app.models import db

migrate = Migrate()


def create_app() -> Flask:
    app = Flask(__name__)
    app.config.from_mapping(
        SQLALCHEMY_DATABASE_URI="postgresql://intranet:intranet@localhost:5432/intranet",
        SQLALCHEMY_TRACK_MODIFICATIONS=False,
    )
    db.init_app(app)
    migrate.init_app(app, db)
    return app
