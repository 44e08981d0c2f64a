import os

TENANT = os.environ.get("TENANT", "acme")
