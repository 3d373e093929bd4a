FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app

RUN useradd --create-home --uid 1000 trackchild

COPY pyproject.toml README.md requirements-nodeps.txt ./
COPY trackchild trackchild
COPY apps apps
# face-recognition goes in without its dependencies: they name dlib, which pip would compile
# from source, whereas the prebuilt dlib-bin wheel already provides it.
RUN pip install . \
    && pip install --no-deps -r requirements-nodeps.txt

COPY . .
# Settings need a key and a database URL to load; neither is used while building assets.
RUN pybabel compile --domain django --directory locale \
    && SECRET_KEY=build DATABASE_URL=postgres://build@localhost/build \
       python manage.py collectstatic --noinput

USER trackchild
EXPOSE 8000
CMD ["gunicorn", "trackchild.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "4"]
