import secrets


def make_slug() -> str:
    return secrets.token_urlsafe(8)
