"""The files an operator deploys with point at things that exist, and document every setting."""

import re
from pathlib import Path

import yaml

from apps.core.management.commands import seed_demo  # noqa: F401 - proves the import path works

ROOT = Path(__file__).resolve().parent.parent


def compose_services():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]


def module_file(dotted: str) -> Path:
    return ROOT / (dotted.replace(".", "/") + ".py")


def management_command_exists(name: str) -> bool:
    django_builtin = {"migrate", "collectstatic", "check"}
    return name in django_builtin or any(ROOT.glob(f"apps/*/management/commands/{name}.py"))


def test_compose_runs_the_production_shape():
    services = compose_services()
    assert {"web", "worker", "beat", "db", "redis"} <= set(services)
    assert services["db"]["image"].startswith("postgres:15")
    assert services["redis"]["image"].startswith("redis:7")
    assert "gunicorn" in services["web"]["command"]


def test_each_service_command_points_at_something_in_the_project():
    for name, service in compose_services().items():
        command = service.get("command")
        if command is None:
            continue
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


def test_dockerfile_starts_the_same_web_server_as_compose():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "trackchild.wsgi:application" in dockerfile
    assert "collectstatic" in dockerfile


def test_env_example_documents_every_variable_the_settings_read():
    settings_source = (ROOT / "trackchild" / "settings.py").read_text()
    read = set(re.findall(r'env(?:\.\w+)?\(\s*"([A-Z_]+)"', settings_source))
    documented = set(re.findall(r"^([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.M))
    assert read, "no settings found: the pattern is out of date"
    assert read - documented == set()
