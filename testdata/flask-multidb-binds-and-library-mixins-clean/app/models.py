from coaster.sqlalchemy import TimestampMixin, UuidMixin
from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()


class Account(UuidMixin, TimestampMixin, db.Model):
    """The mixins, from an installed package, add `uuid`, `created_at` and `updated_at`."""

    __tablename__ = "account"

    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(254), nullable=False, unique=True)


class LoginSession(db.Model):
    __tablename__ = "login_session"

    id = db.Column(db.Integer, primary_key=True)
    account_id = db.Column(db.Integer, db.ForeignKey("account.id"), nullable=False)
    user_agent = db.Column(db.String(120))


class Place(db.Model):
    """Lives in the geonames database, migrated by upgrade_geonames()."""

    __bind_key__ = "geonames"
    __tablename__ = "place"

    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.Unicode(200), nullable=False)
