"""Docker's healthcheck for the web container: exits 0 only if /healthz/ answers 200.

The image has no curl, so this uses the standard library. It asks gunicorn directly, under a
host name the portal accepts (the first of ALLOWED_HOSTS), as Django refuses any other."""

import os
import sys
import urllib.error
import urllib.request

URL = os.environ.get("HEALTHCHECK_URL", "http://127.0.0.1:8000/healthz/")


def host_name() -> str:
    first = os.environ.get("ALLOWED_HOSTS", "localhost").split(",")[0].strip()
    # ".example.gov.in" allows every subdomain; "*" allows any name.
    return "localhost" if first in ("", "*") else first.lstrip(".")


def main() -> int:
    request = urllib.request.Request(URL, headers={"Host": host_name()})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
            return 0 if response.status == 200 else 1
    except (urllib.error.URLError, OSError) as error:
        print(f"unhealthy: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
