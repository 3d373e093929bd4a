"""TrackChild settings, read from the environment (see .env.example for every variable)."""

from datetime import datetime, timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from kombu import Queue

from trackchild import languages
from trackchild.example_secrets import database_password, refuse_example_secrets

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DJANGO_DEBUG is off.")
    SECRET_KEY = "insecure-development-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # modeltranslation must come before django.contrib.admin to patch its forms.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    # Django's form templates through the project's engine (FORM_RENDERER below).
    "django.forms",
    "axes",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "captcha",
    "simple_history",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "apps.core",
    "apps.directory",
    "apps.accounts",
    "apps.drives",
    "apps.audit",
    "apps.reports",
    "apps.matching",
    "apps.care",
    "apps.messaging",
    "apps.citizens",
    "apps.repatriation",
    "apps.compliance",
    "apps.grievances",
    "apps.alerts",
    "apps.pfif",
    "apps.bulk",
    "apps.api",
    "apps.dashboards",
    "apps.operations",
    "apps.outbox",
    "apps.portal",
    "apps.retention",
]

MIDDLEWARE = [
    # Request id, one log line and the latency metric for every request, including redirects.
    "apps.operations.middleware.RequestObservationMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Keeps a browser's reads on the primary for a few seconds after it changed something
    # (only when a read replica is configured).
    "apps.core.replicas.ReadYourWritesMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Logs every API call, including those refused just below.
    "apps.api.middleware.ApiCallMiddleware",
    # Refuses oversized bodies with 413 before they are read, and oversized file parts while
    # they stream in, before CSRF or any view reads the form.
    "apps.core.uploads.RequestSizeMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Before the second factor is asked for: an outlived session is simply signed out.
    "apps.accounts.middleware.SessionLifetimeMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "apps.accounts.middleware.TwoFactorMiddleware",
    # Records who made each change to a report's history.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Axes must be last so that it sees the outcome of every login attempt.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "trackchild.urls"
WSGI_APPLICATION = "trackchild.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "apps.portal.context_processors.navigation",
            ],
        },
    },
]

# Form widgets render through TEMPLATES, so that templates/django/forms/ may replace Django's
# own (the select options, apps/core/templatetags/select_options.py).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"


# --- Database: a real server when DATABASE_URL is set, otherwise embedded PostgreSQL ---
def _database() -> dict:
    url = env.str("DATABASE_URL", default="")
    if url:
        return env.db_url_config(url)
    from trackchild.embedded_postgres import start_embedded_postgres

    return start_embedded_postgres(BASE_DIR / "var" / "pgdata")


DATABASES = {"default": _database()}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Through PgBouncer in transaction pooling (docs/scaling.md), a cursor held open across
# transactions may land on another server connection: `.iterator()` then reads client-side.
DATABASE_TRANSACTION_POOLING = env.bool("DATABASE_TRANSACTION_POOLING", default=False)
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = DATABASE_TRANSACTION_POOLING
# A streaming read replica of the primary (docs/scaling.md): searches, dashboards and exports
# read there (apps.core.replicas); everything else, every write and migrations stay on the primary.
DATABASE_REPLICA_URL = env.str("DATABASE_REPLICA_URL", default="")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = {
        **env.db_url_config(DATABASE_REPLICA_URL),
        "CONN_MAX_AGE": DATABASES["default"]["CONN_MAX_AGE"],
        "CONN_HEALTH_CHECKS": True,
        "DISABLE_SERVER_SIDE_CURSORS": DATABASE_TRANSACTION_POOLING,
        # Tests read the primary's test database on the replica's server.
        "TEST": {"MIRROR": "default"},
    }
DATABASE_ROUTERS = ["apps.core.replicas.PrimaryReplicaRouter"]
# After changing something, a browser's searches, dashboards and exports read the primary for
# this long: more than the replica lags behind in normal running.
DATABASE_REPLICA_FRESH_SECONDS = env.int("DATABASE_REPLICA_FRESH_SECONDS", default=10)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Celery: Redis when REDIS_URL is set, otherwise tasks run eagerly in-process ---
REDIS_URL = env.str("REDIS_URL", default="")
# The cache holds rate-limit counters: shared through Redis when there is one.
# While Redis is down each web process counts on its own (apps.core.cache), after a short wait.
CACHES = {
    "default": {
        "BACKEND": "apps.core.cache.RedisCacheWithLocalFallback",
        "LOCATION": REDIS_URL,
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1},
    }
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
# A worker process that dies mid-task (out of memory, killed) hands its task back to the queue.
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# dlib's face models grow a process's memory; a fresh process after this many tasks returns it.
CELERY_WORKER_MAX_TASKS_PER_CHILD = env.int("CELERY_WORKER_MAX_TASKS_PER_CHILD", default=50)
# Queues by kind of work, each with its own workers, so that a large upload or a rematch never
# delays an SMS. Tasks not routed below run on "default". A worker started without -Q consumes
# all of them (the single-server shape).
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TASK_QUEUES = [Queue(name) for name in ("default", "messaging", "matching", "bulk")]
CELERY_TASK_ROUTES = {
    "apps.messaging.tasks.*": {"queue": "messaging"},
    "apps.matching.tasks.*": {"queue": "matching"},
    "apps.citizens.tasks.answer_inquiry": {"queue": "matching"},
    "apps.citizens.tasks.check_inquiries_against_report": {"queue": "matching"},
    "apps.bulk.tasks.*": {"queue": "bulk"},
    "apps.pfif.tasks.*": {"queue": "bulk"},
    "apps.retention.tasks.*": {"queue": "bulk"},
}
# (soft, hard) seconds: at the soft limit the task is told to stop, at the hard limit its process
# is killed. Sized from what each kind does: one SMS, one report's faces, one 10 MB spreadsheet.
CELERY_TASK_TIME_LIMITS = {
    "apps.messaging.tasks.send_message": (60, 90),
    "apps.matching.tasks.process_report": (240, 300),
    "apps.matching.tasks.rematch_open_reports": (240, 300),
    "apps.citizens.tasks.answer_inquiry": (240, 300),
    "apps.bulk.tasks.process_upload": (840, 900),
    "apps.pfif.tasks.import_received_file": (840, 900),
    "apps.compliance.tasks.compute_overdue_items": (540, 600),
    "apps.alerts.tasks.send_monthly_digests": (540, 600),
    # A month of the national access log, counted in three aggregate queries.
    "apps.audit.tasks.send_monthly_access_flags": (540, 600),
    # 17,000 stations' bulletins take about 90 s (docs/benchmarks.md); a rerun resumes.
    "apps.alerts.tasks.send_daily_bulletins": (540, 600),
    "apps.dashboards.tasks.refresh_dashboard_figures": (240, 300),
    # Batches commit one by one: a run cut short is resumed by the next night's.
    "apps.retention.tasks.apply_retention_rules": (840, 900),
}
CELERY_TASK_SOFT_TIME_LIMIT = 120
CELERY_TASK_TIME_LIMIT = 180
CELERY_TASK_ANNOTATIONS = {
    name: {"soft_time_limit": soft, "time_limit": hard}
    for name, (soft, hard) in CELERY_TASK_TIME_LIMITS.items()
}
# Redis hands an unacknowledged task to another worker after this long: a killed worker's task is
# redone within minutes. It must outlast the longest task (a task still running would be run
# twice) and the longest retry countdown (apps.messaging.tasks.MAX_RETRY_DELAY).
CELERY_BROKER_VISIBILITY_TIMEOUT = (
    max(hard for _, hard in CELERY_TASK_TIME_LIMITS.values()) + 5 * 60
)
# Publishing never waits long on a broker that is down: the page answers and the outbox row
# waits for the sweeper (apps.outbox). Timeouts in seconds.
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": CELERY_BROKER_VISIBILITY_TIMEOUT,
    "socket_connect_timeout": 1,
    # Connecting to publish: one quick retry, then the outbox row waits for the sweeper.
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
# Background work not done this long after its save is handed over again by the sweeper (never
# sooner than the task's hard time limit), the wait doubling with each hand-over up to the max.
OUTBOX_RETRY_AFTER_SECONDS = env.int("OUTBOX_RETRY_AFTER_SECONDS", default=3 * 60)
OUTBOX_RETRY_MAX_SECONDS = env.int("OUTBOX_RETRY_MAX_SECONDS", default=30 * 60)
OUTBOX_KEEP_DONE_DAYS = env.int("OUTBOX_KEEP_DONE_DAYS", default=7)
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {"visibility_timeout": CELERY_BROKER_VISIBILITY_TIMEOUT}
# Each worker writes a heartbeat to Redis this often; /healthz/ calls a queue down when its
# newest heartbeat is older than the max age.
WORKER_HEARTBEAT_SECONDS = env.int("WORKER_HEARTBEAT_SECONDS", default=15)
WORKER_HEARTBEAT_MAX_AGE = env.int("WORKER_HEARTBEAT_MAX_AGE", default=60)
CELERY_TIMEZONE = "Asia/Kolkata"
# A monthly job runs on its day and on the MONTHLY_JOB_RETRY_DAYS days after it, at the same
# hour: a day missed while beat or Redis was down is made up, and a run finds what an earlier
# one wrote (alert keys), so nobody gets the month's message twice.
MONTHLY_JOB_RETRY_DAYS = 2


def _from_day(day: int) -> str:
    return f"{day}-{min(day + MONTHLY_JOB_RETRY_DAYS, 31)}"


# The monthly digest to DMs and SPs goes out on this day and hour; overdue-work alerts daily.
ALERTS_DIGEST_DAY = env.int("ALERTS_DIGEST_DAY", default=1)
ALERTS_DIGEST_HOUR = env.int("ALERTS_DIGEST_HOUR", default=9)
ALERTS_OVERDUE_HOUR = env.int("ALERTS_OVERDUE_HOUR", default=10)
# The daily bulletin of new missing children to every police station, SP, State police and SCPS.
ALERTS_BULLETIN_HOUR = env.int("ALERTS_BULLETIN_HOUR", default=6)
# Retention (apps.retention, docs/operations.md#retention): how long each kind of record is
# kept before the nightly job removes or minimises it.
RETENTION_UNVERIFIED_COMPLAINT_DAYS = env.int("RETENTION_UNVERIFIED_COMPLAINT_DAYS", default=7)
RETENTION_VERIFICATION_CODE_DAYS = env.int("RETENTION_VERIFICATION_CODE_DAYS", default=2)
RETENTION_CLOSED_CASE_YEARS = env.int("RETENTION_CLOSED_CASE_YEARS", default=5)
RETENTION_ACCESS_LOG_DAYS = env.int("RETENTION_ACCESS_LOG_DAYS", default=3 * 365)
RETENTION_BATCH_SIZE = env.int("RETENTION_BATCH_SIZE", default=1000)
# The access log is partitioned by month (apps.audit.partitions): how many months ahead of this
# one the daily task prepares, so that a few weeks without beat lose nothing and block nothing.
ACCESS_LOG_MONTHS_AHEAD = env.int("ACCESS_LOG_MONTHS_AHEAD", default=3)
# The access review (apps.audit.flags, docs/operations.md#access-review): what counts as
# unusual use of the portal, and when each State's nodal officer gets the month's flags.
ACCESS_REVIEW_OUTSIDE_PER_DAY = env.int("ACCESS_REVIEW_OUTSIDE_PER_DAY", default=50)
ACCESS_REVIEW_NIGHT_SEARCHES = env.int("ACCESS_REVIEW_NIGHT_SEARCHES", default=3)
ACCESS_REVIEW_LARGE_EXPORT_ROWS = env.int("ACCESS_REVIEW_LARGE_EXPORT_ROWS", default=1000)
ACCESS_REVIEW_EMAIL_HOUR = env.int("ACCESS_REVIEW_EMAIL_HOUR", default=8)


def _time_of_day(name: str, default: str):
    text = env.str(name, default=default)
    try:
        return datetime.strptime(text, "%H:%M").time()
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a time of day as HH:MM, not {text!r}") from None


# India time (TIME_ZONE); a night that passes midnight counts for the day it began.
ACCESS_REVIEW_NIGHT_START = _time_of_day("ACCESS_REVIEW_NIGHT_START", "22:00")
ACCESS_REVIEW_NIGHT_END = _time_of_day("ACCESS_REVIEW_NIGHT_END", "06:00")
CELERY_BEAT_SCHEDULE = {
    # Hands over background work not done in time (apps.outbox); a sweep no worker took within
    # the minute is dropped, the next one does its work.
    "sweep-outbox": {
        "task": "apps.outbox.tasks.sweep_outbox",
        "schedule": timedelta(minutes=1),
        "options": {"expires": 55},
    },
    "clear-expired-sessions": {
        "task": "apps.accounts.tasks.clear_expired_sessions",
        "schedule": timedelta(hours=6),
    },
    "rematch-open-reports": {
        "task": "apps.matching.tasks.rematch_open_reports",
        "schedule": crontab(hour=2, minute=30),
    },
    # Inquiries whose 90 days are over leave the index found children look them up by.
    "end-inquiry-searches": {
        "task": "apps.citizens.tasks.end_inquiry_searches",
        "schedule": crontab(hour=2, minute=45),
    },
    # The retention rules (apps.retention): old unverified complaints, codes, closed cases'
    # photos and contacts, the access log past its legal period.
    "apply-retention-rules": {
        "task": "apps.retention.tasks.apply_retention_rules",
        "schedule": crontab(hour=1, minute=30),
    },
    "make-access-log-months": {
        "task": "apps.audit.tasks.make_access_log_months",
        "schedule": crontab(hour=1, minute=10),
    },
    "compute-overdue-items": {
        "task": "apps.compliance.tasks.compute_overdue_items",
        "schedule": crontab(hour=3, minute=15),
    },
    # Citizens' complaints unanswered past their deadline escalate within the hour.
    "escalate-complaints": {
        "task": "apps.compliance.tasks.escalate_complaints",
        "schedule": crontab(minute=20),
    },
    # Grievances unanswered past their deadline go up to the State, then the ministry.
    "escalate-grievances": {
        "task": "apps.grievances.tasks.escalate_grievances",
        "schedule": crontab(minute=25),
    },
    "send-monthly-digests": {
        "task": "apps.alerts.tasks.send_monthly_digests",
        "schedule": crontab(
            day_of_month=_from_day(ALERTS_DIGEST_DAY),
            hour=ALERTS_DIGEST_HOUR,
            minute=0,
        ),
    },
    "alert-overdue-work": {
        "task": "apps.alerts.tasks.alert_overdue_work",
        "schedule": crontab(hour=ALERTS_OVERDUE_HOUR, minute=0),
    },
    "send-daily-bulletins": {
        "task": "apps.alerts.tasks.send_daily_bulletins",
        "schedule": crontab(hour=ALERTS_BULLETIN_HOUR, minute=0),
    },
    # Each State's nodal officer gets last month's unusual use of the portal (apps.audit).
    "send-monthly-access-flags": {
        "task": "apps.audit.tasks.send_monthly_access_flags",
        "schedule": crontab(day_of_month=_from_day(1), hour=ACCESS_REVIEW_EMAIL_HOUR, minute=0),
    },
    # Messages whose sender died mid-send are taken over once their lease has run out.
    "resume-stalled-messages": {
        "task": "apps.messaging.tasks.resume_stalled_messages",
        "schedule": timedelta(minutes=1),
    },
    # Dashboards state how old their figures are; this keeps them under 15 minutes.
    "refresh-dashboard-figures": {
        "task": "apps.dashboards.tasks.refresh_dashboard_figures",
        "schedule": timedelta(minutes=5),
    },
}

# --- Accounts and authentication ---
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "portal:home"
# Argon2id first (parameters measured in apps/accounts/hashers.py, docs/security.md); PBKDF2 after
# it so that passwords hashed before still verify, and Django re-hashes them with Argon2id at the
# official's next sign-in.
PASSWORD_HASHERS = [
    "apps.accounts.hashers.MeasuredArgon2idPasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "apps.accounts.password_validation.CharacterClassValidator"},
]

# Lock an account out from one address after repeated failures; a successful login resets it.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
# The reverse proxies in front of the portal, each appending to X-Forwarded-For the address it was
# reached from: lockouts and the access log take the client's address that many entries from the
# header's end (apps.audit.services.client_address); 0 believes no header at all.
TRUSTED_PROXY_COUNT = env.int("AXES_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "apps.audit.services.client_address"
AXES_VERBOSE = False

OTP_TOTP_ISSUER = "TrackChild"

# Idle officials are signed out: the session's age is an idle limit, renewed by requests. The
# session is written only when it changes; SessionLifetimeMiddleware changes it once a tenth of
# the idle time has passed since the last renewal (apps/accounts/sessions.py).
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_MINUTES", default=30) * 60
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# However active, an official signs in again this many hours after signing in.
SESSION_MAX_HOURS = env.int("SESSION_MAX_HOURS", default=12)

EMAIL_BACKEND = env.str(
    "EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=587)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=True)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="TrackChild <noreply@localhost>")

# --- SMS: printed in development; an Indian HTTP gateway (DLT-registered templates) in production
SMS_BACKEND = env.str("SMS_BACKEND", default="apps.messaging.backends.console.ConsoleBackend")
SMS_GATEWAY_URL = env.str("SMS_GATEWAY_URL", default="")
SMS_GATEWAY_USERNAME = env.str("SMS_GATEWAY_USERNAME", default="")
SMS_GATEWAY_PASSWORD = env.str("SMS_GATEWAY_PASSWORD", default="")
SMS_GATEWAY_TIMEOUT = env.float("SMS_GATEWAY_TIMEOUT", default=10.0)
SMS_SENDER_ID = env.str("SMS_SENDER_ID", default="TRKCLD")
# The principal entity ID and each template's ID, as registered on the operator's DLT platform:
# SMS_DLT_TEMPLATE_IDS="verification_code=1107160000000000001,monthly_digest=1107..."
SMS_DLT_ENTITY_ID = env.str("SMS_DLT_ENTITY_ID", default="")
SMS_DLT_TEMPLATE_IDS = env.dict("SMS_DLT_TEMPLATE_IDS", default={})
# Shared secret the gateway sends with its delivery reports to /messaging/delivery-report/.
SMS_DLR_TOKEN = env.str("SMS_DLR_TOKEN", default="")
# Shared secret the gateway sends with the SMS phones send us (replies such as STOP) to
# /messaging/incoming/; unset, that webhook refuses every call.
SMS_INBOUND_TOKEN = env.str("SMS_INBOUND_TOKEN", default="")
# Where the gateway answers "do you have the message with this reference?" (optional): a message
# whose sender died mid-send is looked up there before it is sent again (docs/operations.md).
SMS_GATEWAY_STATUS_URL = env.str("SMS_GATEWAY_STATUS_URL", default="")
# How long a worker holds a message it is sending. Longer than send_message's hard time limit, so
# a live sender is never overtaken; a killed one's message is taken over after it.
SMS_SENDING_LEASE_SECONDS = env.int("SMS_SENDING_LEASE_SECONDS", default=120)

if not DEBUG:
    refuse_example_secrets(
        {
            "SECRET_KEY": SECRET_KEY,
            "the password in DATABASE_URL": database_password(env.str("DATABASE_URL", default="")),
            "the password in DATABASE_REPLICA_URL": database_password(DATABASE_REPLICA_URL),
            "EMAIL_HOST_PASSWORD": EMAIL_HOST_PASSWORD,
            "SMS_GATEWAY_PASSWORD": SMS_GATEWAY_PASSWORD,
            "SMS_DLR_TOKEN": SMS_DLR_TOKEN,
            "SMS_INBOUND_TOKEN": SMS_INBOUND_TOKEN,
        }
    )

# --- Alerts: links in e-mails (and the stop link in a parent's SMS) point here ---
PORTAL_URL = env.str("PORTAL_URL", default="http://127.0.0.1:8000")

# --- Khoya-Paya: a parent's inquiry is checked against children found later for this long ---
CITIZEN_INQUIRY_SEARCH_DAYS = env.int("CITIZEN_INQUIRY_SEARCH_DAYS", default=90)
# A family's request to see, correct or erase their data is answered within these days.
DATA_RIGHTS_DAYS = env.int("DATA_RIGHTS_DAYS", default=30)
# --- Repatriation of children of other countries: days allowed for each step, counted from the
# step before (the first from when the child was flagged) ---
REPATRIATION_STEP_DAYS = {
    "verification": env.int("REPATRIATION_VERIFICATION_DAYS", default=90),
    "cwc_order": env.int("REPATRIATION_CWC_ORDER_DAYS", default=30),
    "handover": env.int("REPATRIATION_HANDOVER_DAYS", default=30),
}
# A grievance (apps.grievances) is answered within these days at each level before it goes up:
# the unit responsible, then the State/UT's nodal unit, then the ministry.
GRIEVANCE_ANSWER_DAYS = env.int("GRIEVANCE_ANSWER_DAYS", default=30)
# --- Khoya-Paya's CAPTCHA (docs/citizens.md#the-captcha): the browser finds a number below this
# by SHA-256 (25,000 tries on average: a second or two on a cheap phone, while the form is typed);
# the challenge on a page is good for this long. Without JavaScript, the picture is good for
# CAPTCHA_TIMEOUT minutes: long enough to fill the form slowly.
CAPTCHA_PROOF_OF_WORK_MAX_NUMBER = env.int("CAPTCHA_PROOF_OF_WORK_MAX_NUMBER", default=50_000)
CAPTCHA_PROOF_OF_WORK_SECONDS = env.int("CAPTCHA_PROOF_OF_WORK_SECONDS", default=2 * 60 * 60)
CAPTCHA_TIMEOUT = 30
# --- Families: the stop link in their SMS works for this many days after the SMS was sent ---
FAMILY_SMS_STOP_LINK_DAYS = env.int("FAMILY_SMS_STOP_LINK_DAYS", default=365)

# --- Security: production defaults, relaxed only when DEBUG is explicitly on ---
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# X-Forwarded-Proto says the client came over HTTPS; any client can send it, so it is believed
# only when the operator says a TLS proxy in front sets it (and nothing reaches the portal past it).
BEHIND_TLS_PROXY = env.bool("BEHIND_TLS_PROXY", default=False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_TLS_PROXY else None
SECURE_REDIRECT_EXEMPT = [r"^healthz/$", r"^metrics$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

# --- REST API for machine clients (/api/v1/, docs/api.md) ---
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["apps.api.authentication.ApiKeyAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["apps.api.authentication.HasScope"],
    "DEFAULT_THROTTLE_CLASSES": ["apps.api.authentication.ClientRateThrottle"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "apps.api.errors.api_exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "TrackChild API",
    "DESCRIPTION": "CCTNS FIR exchange, child helpline intake and PFIF exchange with partner "
    "portals. See docs/api.md.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "LanguageEnum": "apps.reports.choices.Language",
        "ReportKindEnum": "apps.reports.choices.ReportKind",
        "MarkKindEnum": "apps.reports.choices.MarkKind",
    },
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # Swagger UI comes from static files (drf-spectacular-sidecar), not a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
}
# A request body above this is refused with 413 before it is read (photos travel base64).
API_MAX_REQUEST_BYTES = env.int("API_MAX_REQUEST_BYTES", default=12 * 1024 * 1024)

# --- Uploads (apps/core/uploads.py) ---
# Any other body above this is refused with 413 before it is read: the largest form is a report
# with six photos of at most 8 MB, and its fields (deploy/Caddyfile allows the same).
UPLOAD_MAX_REQUEST_BYTES = env.int("UPLOAD_MAX_REQUEST_BYTES", default=50 * 1024 * 1024)
# A file part is read no further than this (the largest file a form takes, a PFIF file): the
# form is refused with 413. Smaller limits per form (photos, documents) are the forms' own.
UPLOAD_MAX_FILE_BYTES = env.int("UPLOAD_MAX_FILE_BYTES", default=20 * 1024 * 1024)
FILE_UPLOAD_HANDLERS = [
    "apps.core.uploads.FileSizeLimitHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# Form fields other than files, and files kept in memory rather than in a temporary file.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FILES = 10

# --- Language, time, formats ---
LANGUAGE_CODE = "en"
# English and the scheduled languages whose catalogue is complete: trackchild/languages.py.
LANGUAGES = languages.SHIPPED
LANGUAGES_BIDI = languages.BIDI
LOCALE_PATHS = [BASE_DIR / "locale"]
# Place names have a column in every scheduled language, offered or not yet, so that shipping a
# language needs no migration.
MODELTRANSLATION_LANGUAGES = ("en", *languages.BY_CODE)
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
TIME_ZONE = "Asia/Kolkata"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["trackchild.formats"]

# --- The website's contact and policy pages (GIGW 3.0, apps/portal/policies.py) ---
# The address to write to about the website itself (a problem, an accessibility barrier); the
# contact and accessibility pages show it when set, and send visitors to the directory always.
PORTAL_CONTACT_EMAIL = env.str("PORTAL_CONTACT_EMAIL", default="")

# --- PFIF exchange with partner portals ---
# The domain that starts the record ids of this portal's PFIF records, and its name in them.
PFIF_DOMAIN = env.str("PFIF_DOMAIN", default="trackchild.gov.in")
PFIF_SOURCE_NAME = env.str("PFIF_SOURCE_NAME", default="TrackChild")

# --- Static and media files ---
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Children's photos live here. Nothing under it is served directly: every photo goes through a
# view that checks who is asking, so MEDIA_URL is deliberately not routed.
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        ),
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Logs and metrics (docs/operations.md) ---
# One JSON object a line for the log collector in production; readable lines in development.
LOG_FORMAT = env.str("LOG_FORMAT", default="plain" if DEBUG else "json")
if LOG_FORMAT not in ("json", "plain"):
    raise ImproperlyConfigured("LOG_FORMAT must be json or plain.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"log_context": {"()": "apps.operations.logs.LogContextFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s "
            "%(request_id)s %(task_name)s %(task_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["log_context"],
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # The embedded database narrates every start and stop at INFO.
    "loggers": {"pgserver": {"level": "WARNING"}},
}
# /metrics answers a scraper that shows this bearer token, or that calls gunicorn directly from
# one of these addresses or networks; nobody when both are empty.
METRICS_TOKEN = env.str("METRICS_TOKEN", default="")
METRICS_ALLOWED_IPS = env.list("METRICS_ALLOWED_IPS", default=[])
