from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "apps.operations"

    def ready(self):
        # Connects the Celery signals that carry the request id into tasks and count their runs,
        # in the web processes (which publish) and the workers (which run) alike.
        from apps.operations import task_signals  # noqa: F401
