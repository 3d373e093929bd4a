from celery import shared_task

from apps.messaging import services
from apps.messaging.backends import PermanentGatewayError, TemporaryGatewayError

MAX_RETRIES = 6


@shared_task(bind=True, max_retries=MAX_RETRIES, acks_late=True)
def send_message(self, message_id: int) -> None:
    """Send one message; gateway hiccups are retried after 30 s, 1 min, 2 min… up to 30 min."""
    try:
        services.deliver(message_id)
    except PermanentGatewayError:
        return  # recorded as failed; retrying cannot help
    except TemporaryGatewayError as error:
        if self.request.retries >= self.max_retries:
            services.give_up(message_id, error)
            return
        raise self.retry(exc=error, countdown=min(30 * 2**self.request.retries, 1800)) from error
