from celery import shared_task

from apps.accounts import services


@shared_task
def clear_expired_sessions() -> int:
    return services.delete_expired_sessions()
