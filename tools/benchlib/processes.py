"""The processes tools/bench runs: MedSynQ's server, nginx, wrk, and a sampler
that watches a process's memory and open files while load runs."""
import json
import os
import re
import signal
import socket
import subprocess
import threading
import time
import urllib.request
from pathlib import Path


def free_port():
    """A loopback port nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def http_get(url, cookie=None, timeout=5):
    """(status, body bytes) of a GET on loopback, following no redirect."""
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *arguments):
        return None


def metrics(base_url):
    """/metrics as {sample name with labels: value}."""
    status, body = http_get(base_url + "/metrics")
    if status != 200:
        raise RuntimeError(f"/metrics answered {status}")
    samples = {}
    for line in body.decode().splitlines():
        if line and not line.startswith("#"):
            key, value = line.rsplit(" ", 1)
            samples[key] = float(value)
    return samples


def wait_until(condition, timeout, interval=0.005):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return False


def stop_process(process, stop_signal, timeout):
    """Asks `process` to stop with `stop_signal`, then kills it after `timeout` s."""
    if process.poll() is None:
        process.send_signal(stop_signal)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class Server:
    """`medsynq serve` on a free loopback port, its log in a file."""

    def __init__(self, binary, data, pool_size, log_path, threads=None):
        self.launched = time.monotonic()
        self.log = open(log_path, "ab")
        command = [str(binary), "serve", "--data", str(data), "--port", "0",
                   "--pool-size", str(pool_size)]
        if threads:
            command += ["--threads", str(threads)]
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=self.log)
        line = self.process.stdout.readline().decode()
        match = re.search(r"http://127\.0\.0\.1:(\d+)", line)
        if not match:
            self.stop()
            raise RuntimeError("medsynq serve did not say where it serves: " + line)
        self.url = f"http://127.0.0.1:{match.group(1)}"

    @property
    def pid(self):
        return self.process.pid

    def stop(self):
        stop_process(self.process, signal.SIGTERM, timeout=20)
        self.log.close()


class Nginx:
    """nginx serving one file at `path` on a free loopback port, in `folder`."""

    def __init__(self, folder, path, body):
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "root").mkdir(exist_ok=True)
        (folder / "root" / "page.html").write_bytes(body)
        self.port = free_port()
        user = "user root;\n" if os.geteuid() == 0 else ""
        (folder / "nginx.conf").write_text(NGINX_CONFIG.format(
            user=user, folder=folder, port=self.port, path=path))
        self.process = subprocess.Popen(
            ["nginx", "-p", str(folder), "-c", str(folder / "nginx.conf")],
            stderr=open(folder / "stderr.log", "wb"))
        self.url = f"http://127.0.0.1:{self.port}"
        if not wait_until(lambda: self._answers(path), timeout=10):
            self.stop()
            raise RuntimeError("nginx did not start: see " + str(folder / "stderr.log"))

    def _answers(self, path):
        try:
            return http_get(self.url + path, timeout=1)[0] == 200
        except OSError:
            return False

    def stop(self):
        stop_process(self.process, signal.SIGQUIT, timeout=10)


NGINX_CONFIG = """{user}worker_processes auto;
daemon off;
pid {folder}/nginx.pid;
error_log {folder}/error.log;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    client_body_temp_path {folder}/tmp;
    proxy_temp_path {folder}/tmp;
    fastcgi_temp_path {folder}/tmp;
    uwsgi_temp_path {folder}/tmp;
    scgi_temp_path {folder}/tmp;
    server {{
        listen 127.0.0.1:{port};
        root {folder}/root;
        location = {path} {{
            default_type "text/html; charset=utf-8";
            try_files /page.html =404;
        }}
    }}
}}
"""


class Sampler:
    """Samples a process's resident memory and open descriptors ten times a second."""

    def __init__(self, pid):
        self.pid = pid
        self.peak_rss_kib = 0
        self.peak_fds = 0
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self):
        while not self._stopping.is_set():
            self.sample()
            self._stopping.wait(0.1)

    def sample(self):
        try:
            self.peak_rss_kib = max(self.peak_rss_kib, rss_kib(self.pid))
            self.peak_fds = max(self.peak_fds, len(os.listdir(f"/proc/{self.pid}/fd")))
        except (FileNotFoundError, ProcessLookupError):
            pass

    def stop(self):
        self._stopping.set()
        self._thread.join()
        self.sample()
        return self


def rss_kib(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def open_fds(pid):
    return len(os.listdir(f"/proc/{pid}/fd"))


def wrk(url, script, arguments, duration, connections, threads, randomised):
    """Runs wrk for `duration` seconds; returns the JSON line the script prints."""
    environment = dict(os.environ, BENCH_RANDOM="1" if randomised else "0")
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", "5s",
               "-s", str(script), url, "--"] + [str(argument) for argument in arguments]
    finished = subprocess.run(command, capture_output=True, text=True, env=environment,
                              timeout=duration + 60, check=True)
    lines = [line for line in finished.stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise RuntimeError("wrk printed no summary:\n" + finished.stdout + finished.stderr)
    return json.loads(lines[-1])
