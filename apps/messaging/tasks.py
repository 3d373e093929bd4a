from celery import shared_task

from apps.messaging import services
from apps.messaging.backends import PermanentGatewayError, TemporaryGatewayError

MAX_RETRIES = 6
# Below the broker's visibility timeout (settings.py), or Redis would hand a waiting retry to a
# second worker and the SMS would go out twice.
MAX_RETRY_DELAY = 15 * 60


@shared_task(bind=True, max_retries=MAX_RETRIES, acks_late=True)
def send_message(self, message_id: int) -> None:
    """Send one message; gateway hiccups are retried after 30 s, 1 min, 2 min… up to 15 min."""
    try:
        services.deliver(message_id)
    except PermanentGatewayError:
        return  # recorded as failed; retrying cannot help
    except TemporaryGatewayError as error:
        if self.request.retries >= self.max_retries:
            services.give_up(message_id, error)
            return
        delay = min(30 * 2**self.request.retries, MAX_RETRY_DELAY)
        raise self.retry(exc=error, countdown=delay) from error


@shared_task
def resume_stalled_messages() -> int:
    """Beat, every minute: messages whose sender died mid-send are sent by another worker."""
    return services.resume_stalled()
