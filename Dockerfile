FROM python:3.11-slim

# The code runs from /app (not installed as a package), so Celery and gunicorn import it from there.
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PYTHONPATH=/app \
    MEDIA_ROOT=/app/media
WORKDIR /app

RUN useradd --create-home --uid 1000 trackchild

# Exactly the locked releases, each checked against its hash; the runtime lock has no test
# tools. face-recognition comes from its own lock because its metadata names dlib, which pip
# would compile from source, whereas the prebuilt dlib-bin wheel already provides it.
COPY requirements.lock requirements-nodeps.lock ./
RUN pip install --require-hashes --no-deps -r requirements.lock -r requirements-nodeps.lock

COPY . .
# Settings need a key and a database URL to load; neither is used while building assets.
RUN pybabel compile --domain django --directory locale \
    && SECRET_KEY=$(python -c "import secrets; print(secrets.token_urlsafe(50))") \
       DATABASE_URL=postgres://build@localhost/build DJANGO_DEBUG=false \
       python manage.py collectstatic --noinput

# The media volume takes this folder's owner when first mounted, so the portal can write photos.
RUN install --directory --owner trackchild --group trackchild --mode 0750 "$MEDIA_ROOT"

USER trackchild
EXPOSE 8000
CMD ["gunicorn", "trackchild.wsgi:application", "--bind", "0.0.0.0:8000"]
