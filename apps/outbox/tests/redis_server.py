"""A throw-away redis-server of the test's own, which the test may stop and start again."""

import shutil
import socket
import subprocess
import time

import redis

REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


class OwnRedis:
    def __init__(self):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        arguments = ["--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
        self.process = subprocess.Popen(  # noqa: S603 (the installed redis-server, our arguments)
            [REDIS_SERVER, *arguments, "--appendonly", "no"], stdout=subprocess.DEVNULL
        )
        client = redis.Redis.from_url(self.url)
        for _attempt in range(100):
            try:
                client.ping()
                return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None
