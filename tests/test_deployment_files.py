"""The files an operator deploys with point at things that exist, and document every setting."""

import copy
import json
import re
import shutil
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from importlib import resources, util
from pathlib import Path

import jsonschema
import pytest
import yaml
from django.conf import settings

from apps.bulk.services import MAX_FILE_BYTES
from apps.care.documents import MAX_DOCUMENT_BYTES
from apps.core.images import MAX_PHOTO_BYTES
from apps.reports.limits import MAX_PHOTOS_PER_REPORT
from tests import dockerfile
from trackchild.celery import app as celery_app

ROOT = Path(__file__).resolve().parent.parent
APP_SERVICES = {"migrate", "load_lgd", "web", "worker", "worker_matching", "worker_bulk", "beat"}
AFTER_MIGRATE = {"worker", "worker_matching", "worker_bulk", "beat"}
MiB = 1024 * 1024


def compose_file() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def compose_services():
    return compose_file()["services"]


def caddyfile() -> str:
    """The Caddyfile without its comments."""
    return re.sub(r"^\s*#.*\n", "", (ROOT / "deploy" / "Caddyfile").read_text(), flags=re.M)


def module_file(dotted: str) -> Path:
    return ROOT / (dotted.replace(".", "/") + ".py")


def management_command_exists(name: str) -> bool:
    django_builtin = {"migrate", "collectstatic", "check"}
    return name in django_builtin or any(ROOT.glob(f"apps/*/management/commands/{name}.py"))


def compose_schema_validator() -> jsonschema.Draft202012Validator:
    # The Compose Specification's schema, as check-jsonschema vendors it for its compose hook.
    schema = resources.files("check_jsonschema.builtin_schemas.vendor") / "compose-spec.json"
    return jsonschema.Draft202012Validator(json.loads(schema.read_text()))


def test_compose_file_follows_the_compose_specification():
    validator = compose_schema_validator()
    compose = compose_file()
    assert [error.message for error in validator.iter_errors(compose)] == []
    misspelt = copy.deepcopy(compose)
    misspelt["services"]["web"]["depend_on"] = misspelt["services"]["web"].pop("depends_on")
    assert not validator.is_valid(misspelt)


def test_compose_runs_the_production_shape():
    services = compose_services()
    assert APP_SERVICES | {"proxy", "db", "redis"} == set(services)
    assert services["redis"]["image"].startswith("redis:7")
    assert "gunicorn" in services["web"]["command"]
    for name in APP_SERVICES:
        assert services[name]["image"] == "trackchild:latest", name


def test_each_service_command_points_at_something_in_the_project():
    for name in APP_SERVICES:
        command = compose_services()[name]["command"]
        program = command[0]
        if program == "gunicorn":
            module, attribute = command[1].split(":")
            assert attribute in module_file(module).read_text(), name
        elif program == "celery":
            assert module_file(command[command.index("-A") + 1] + ".celery").is_file(), name
        elif program == "python":
            assert command[1] == "manage.py"
            assert (ROOT / command[1]).is_file()
            assert management_command_exists(command[2]), name
        else:
            raise AssertionError(f"{name}: unknown program {program}")


def test_every_queue_tasks_are_sent_to_has_a_worker():
    routes = celery_app.conf.task_routes or {}
    sent_to = {celery_app.conf.task_default_queue} | {
        route["queue"] for route in routes.values() if "queue" in route
    }
    consumed = set()
    for name in AFTER_MIGRATE - {"beat"}:
        command = compose_services()[name]["command"]
        consumed |= set(command[command.index("-Q") + 1].split(","))
    assert sent_to <= consumed


def test_services_start_only_once_the_database_is_migrated_and_the_directory_loaded():
    services = compose_services()

    def waits_for(name):
        return {other: rule["condition"] for other, rule in services[name]["depends_on"].items()}

    for name in APP_SERVICES:
        assert waits_for(name)["db"] == "service_healthy", name
        assert waits_for(name)["redis"] == "service_healthy", name
    for name in AFTER_MIGRATE | {"load_lgd"}:
        assert waits_for(name)["migrate"] == "service_completed_successfully", name
    assert waits_for("web")["load_lgd"] == "service_completed_successfully"
    assert waits_for("proxy") == {"web": "service_started"}
    assert services["migrate"]["restart"] == services["load_lgd"]["restart"] == "no"


def test_the_database_password_comes_from_the_environment_never_the_file():
    services = compose_services()
    required = "${POSTGRES_PASSWORD:?"
    assert services["db"]["environment"]["POSTGRES_PASSWORD"].startswith(required)
    for name in APP_SERVICES:
        url = services[name]["environment"]["DATABASE_URL"]
        assert re.fullmatch(
            r"postgres://trackchild:\$\{POSTGRES_PASSWORD:\?[^}]*\}@db:5432/\w+", url
        )
    for name, service in services.items():
        for variable, value in service.get("environment", {}).items():
            if re.search(r"PASSWORD|SECRET|TOKEN", variable):
                assert value.startswith(f"${{{variable}:?"), (name, variable)
    assert ".env" in (ROOT / ".dockerignore").read_text().split()


def test_web_and_redis_report_their_health_and_redis_keeps_its_queue_on_a_volume():
    services = compose_services()
    assert services["web"]["healthcheck"]["test"] == ["CMD", "python", "deploy/healthcheck.py"]
    assert services["redis"]["healthcheck"]["test"] == ["CMD", "redis-cli", "ping"]
    command = services["redis"]["command"]
    assert command[0] == "redis-server"
    assert command[command.index("--appendonly") + 1] == "yes"
    volume, target = services["redis"]["volumes"][0].split(":")
    assert target == "/data"
    assert volume in compose_file()["volumes"]


class HealthEndpoint(BaseHTTPRequestHandler):
    status = 200
    hosts: list[str] = []

    def do_GET(self):
        type(self).hosts.append(self.headers["Host"])
        self.send_response(self.status)
        self.end_headers()

    def log_message(self, *args):
        """Requests are not logged: the test output stays readable."""


@pytest.mark.parametrize(("status", "exit_code"), [(200, 0), (503, 1)])
def test_web_healthcheck_passes_only_when_healthz_answers_200(status, exit_code):
    handler = type("Endpoint", (HealthEndpoint,), {"status": status, "hosts": []})
    server = HTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.handle_request, daemon=True).start()
    result = subprocess.run(
        [sys.executable, str(ROOT / "deploy" / "healthcheck.py")],
        env={
            "HEALTHCHECK_URL": f"http://127.0.0.1:{server.server_port}/healthz/",
            "ALLOWED_HOSTS": ".trackchild.example.gov.in,localhost",
        },
        capture_output=True,
        timeout=30,
        check=False,
    )
    server.server_close()
    assert result.returncode == exit_code
    assert handler.hosts == ["trackchild.example.gov.in"]


def test_web_healthcheck_fails_when_nothing_answers():
    with HTTPServer(("127.0.0.1", 0), HealthEndpoint) as closed:
        port = closed.server_port
    result = subprocess.run(
        [sys.executable, str(ROOT / "deploy" / "healthcheck.py")],
        env={"HEALTHCHECK_URL": f"http://127.0.0.1:{port}/healthz/"},
        capture_output=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 1


def test_uploaded_media_live_on_a_volume_in_a_folder_the_app_user_owns():
    services = compose_services()
    media_root = dockerfile.env()["MEDIA_ROOT"]
    for name in APP_SERVICES:
        assert services[name]["environment"]["MEDIA_ROOT"] == media_root, name
        assert f"media:{media_root}" in services[name]["volumes"], name
    (user,) = dockerfile.arguments_of("USER")
    steps = dockerfile.instructions()
    creates_media = f'install --directory --owner {user} --group {user} --mode 0750 "$MEDIA_ROOT"'
    assert steps.index(("RUN", f"useradd --create-home --uid 1000 {user}")) < steps.index(
        ("RUN", creates_media)
    )
    assert steps.index(("RUN", creates_media)) < steps.index(("USER", user))


def test_only_the_tls_proxy_is_published_and_the_portal_trusts_its_forwarded_headers():
    services = compose_services()
    for name in APP_SERVICES:
        assert "ports" not in services[name], name
        assert services[name]["environment"]["BEHIND_TLS_PROXY"] == "true", name
        assert services[name]["environment"]["AXES_PROXY_COUNT"] == "1", name
    proxy = services["proxy"]
    assert proxy["image"].startswith("caddy:2")
    assert {"80:80", "443:443"} <= set(proxy["ports"])
    assert "./deploy/Caddyfile:/etc/caddy/Caddyfile:ro" in proxy["volumes"]
    assert proxy["environment"]["SITE_ADDRESS"].startswith("${SITE_ADDRESS:?")
    assert re.search(r"^\{\$SITE_ADDRESS\} \{$", caddyfile(), re.M)
    port = services["web"]["command"][services["web"]["command"].index("--bind") + 1].split(":")[1]
    assert f"reverse_proxy web:{port}" in caddyfile()
    # Trusting no other proxy, Caddy overwrites the X-Forwarded-* headers clients send.
    assert "trusted_proxies" not in caddyfile()


def caddy_body_limits() -> dict[str, str]:
    """The max_size of each request_body block, by the matcher it applies to."""
    blocks = re.findall(r"request_body (@\w+) \{\s*max_size (\S+)\s*\}", caddyfile())
    matchers = dict(re.findall(r"^\s*(@\w+) (.+)$", caddyfile(), re.M))
    return {matchers[matcher]: size for matcher, size in blocks}


def largest_form_bytes() -> int:
    return max(MAX_PHOTOS_PER_REPORT * MAX_PHOTO_BYTES, MAX_FILE_BYTES, MAX_DOCUMENT_BYTES)


def test_proxy_accepts_the_largest_request_the_portal_accepts_and_no_more():
    limits = caddy_body_limits()
    assert set(limits) == {"path /api/*", "not path /api/*"}
    assert limits["path /api/*"] == "{$API_MAX_REQUEST_BYTES}"
    passed_to_proxy = compose_services()["proxy"]["environment"]["API_MAX_REQUEST_BYTES"]
    assert passed_to_proxy == f"${{API_MAX_REQUEST_BYTES:-{settings.API_MAX_REQUEST_BYTES}}}"
    form_limit = int(re.fullmatch(r"(\d+)MiB", limits["not path /api/*"]).group(1)) * MiB
    # Room for the form's other fields, not for another photo.
    assert largest_form_bytes() < form_limit <= largest_form_bytes() + 4 * MiB
    # The portal refuses the same bodies itself (apps/core/uploads.py).
    assert form_limit == settings.UPLOAD_MAX_REQUEST_BYTES


@pytest.mark.skipif(not shutil.which("caddy"), reason="needs Caddy (apt install caddy)")
def test_caddy_reads_the_caddyfile_as_the_tests_above_do():
    caddyfile_path = str(ROOT / "deploy" / "Caddyfile")
    adapted = subprocess.run(
        [shutil.which("caddy"), "adapt", "--adapter", "caddyfile", "--config", caddyfile_path],
        env={
            "SITE_ADDRESS": "trackchild.example.gov.in",
            "API_MAX_REQUEST_BYTES": str(settings.API_MAX_REQUEST_BYTES),
        },
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    (site,) = json.loads(adapted.stdout)["apps"]["http"]["servers"]["srv0"]["routes"]
    assert site["match"] == [{"host": ["trackchild.example.gov.in"]}]
    handlers = {
        json.dumps(route.get("match")): handler
        for route in site["handle"][0]["routes"]
        for handler in route["handle"]
    }
    api, forms = json.dumps([{"path": ["/api/*"]}]), json.dumps([{"not": [{"path": ["/api/*"]}]}])
    assert handlers[api]["max_size"] == settings.API_MAX_REQUEST_BYTES
    assert largest_form_bytes() < handlers[forms]["max_size"] <= largest_form_bytes() + 4 * MiB
    assert handlers["null"]["upstreams"] == [{"dial": "web:8000"}]
    assert "trusted_proxies" not in handlers["null"]


def test_database_is_the_embedded_postgresql_major_version_with_pgvector():
    # Found, not imported: importing pgserver looks for a runtime folder at once.
    (package,) = util.find_spec("pgserver").submodule_search_locations
    postgres = Path(package) / "pginstall" / "bin" / "postgres"
    version = subprocess.run(
        [str(postgres), "--version"], capture_output=True, text=True, check=True
    ).stdout
    major = re.search(r"PostgreSQL\) (\d+)\.", version).group(1)
    assert compose_services()["db"]["image"] == f"pgvector/pgvector:pg{major}"


def test_dockerfile_starts_the_same_web_server_as_compose():
    assert "trackchild.wsgi:application" in dockerfile.text()
    assert "collectstatic" in dockerfile.text()


def test_env_example_documents_every_variable_the_settings_read():
    settings_source = (ROOT / "trackchild" / "settings.py").read_text()
    read = set(re.findall(r'env(?:\.\w+)?\(\s*"([A-Z_]+)"', settings_source))
    documented = set(re.findall(r"^([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.M))
    assert read, "no settings found: the pattern is out of date"
    assert read - documented == set()


def test_env_example_documents_what_compose_asks_for():
    asked = set(re.findall(r"\$\{(\w+):\?", (ROOT / "docker-compose.yml").read_text()))
    documented = set(re.findall(r"^([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.M))
    assert asked == {"POSTGRES_PASSWORD", "SITE_ADDRESS"}
    assert asked <= documented
