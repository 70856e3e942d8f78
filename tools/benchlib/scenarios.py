"""The scenarios of tools/bench, each returning one result dictionary."""
import subprocess
import time
from pathlib import Path

from processes import Nginx, Sampler, Server, http_get, metrics, open_fds, rss_kib, wait_until
from processes import wrk

TOOLS = Path(__file__).resolve().parent.parent
SCRIPT = TOOLS / "wrk" / "sessions.lua"
REQUESTS = "medsynq_http_requests_total"


class Bench:
    """One benchmark run in the temporary folder `work`."""

    def __init__(self, binary, work, options):
        self.binary = binary
        self.work = work
        self.options = options
        self.data = work / "data"
        self.sessions = work / "sessions.txt"
        self.hot_session = work / "hot-session.txt"
        self.log = work / "server.log"
        self.results = []

    def run(self, names):
        self.data.mkdir()
        self.seed(self.options.tenants, self.options.patients, sessions=self.sessions)
        first = self.sessions.read_text().splitlines()[0]
        self.hot_session.write_text(first + "\n")
        if {"hot", "reference", "many", "write"} & set(names):
            self.run_load(names)
        if "backup" in names:
            self.results.append(self.backup())
        if "startup" in names:
            self.results.append(self.startup())
        return self.results

    def seed(self, tenants, patients, sessions=None):
        print(f"bench: seeding {tenants} organisations with {patients} patients each",
              flush=True)
        command = [str(self.binary), "seed", "--data", str(self.data),
                   "--tenants", str(tenants), "--patients", str(patients)]
        if sessions:
            command += ["--sessions", str(sessions)]
        subprocess.run(command, check=True, timeout=1800)

    def run_load(self, names):
        server = Server(self.binary, self.data, self.options.pool_size, self.log,
                        self.options.server_threads)
        try:
            idle_fds = open_fds(server.pid)
            cookie = "medsynq_session=" + self.hot_session.read_text().split()[0]
            status, page = http_get(server.url + "/patients", cookie=cookie)
            if status != 200:
                raise RuntimeError(f"the hot tenant's dashboard answered {status}")
            if "hot" in names:
                self.results.append(self.load(server, "hot", self.hot_session, 0, False))
            if "reference" in names:
                self.results.append(self.reference(page))
            if "many" in names:
                result = self.load(server, "many", self.sessions, 0, True)
                result["idle_fds"] = idle_fds
                self.results.append(result)
            if "write" in names:
                self.results.append(self.load(server, "write", self.sessions, 10, True))
        finally:
            server.stop()

    def load(self, server, name, sessions, write_every, randomised):
        """wrk against MedSynQ's dashboard, with the server's figures around it."""
        print(f"bench: {name}", flush=True)
        self.wrk(server.url + "/patients", sessions, write_every, randomised, warm_up=True)
        before = metrics(server.url)
        locked_before = self.locked_lines()
        sampler = Sampler(server.pid)
        summary = self.wrk(server.url + "/patients", sessions, write_every, randomised)
        sampler.stop()
        after = metrics(server.url)
        result = self.summarise(name, summary)
        result.update(
            peak_rss_mib=sampler.peak_rss_kib / 1024, peak_fds=sampler.peak_fds,
            hit_rate=hit_rate(before, after),
            wrong_answers=wrong_answers(before, after, write_every > 0),
            locked=self.locked_lines() - locked_before)
        result["errors"] += result["wrong_answers"]
        return result

    def reference(self, page):
        """nginx serving the exact bytes of the hot page as a static file."""
        print("bench: reference (nginx)", flush=True)
        nginx = Nginx(self.work / "nginx", "/patients", page)
        try:
            self.wrk(nginx.url + "/patients", "none", 0, False, warm_up=True)
            summary = self.wrk(nginx.url + "/patients", "none", 0, False)
        finally:
            nginx.stop()
        result = self.summarise("reference", summary)
        result["page_bytes"] = len(page)
        return result

    def wrk(self, url, sessions, write_every, randomised, warm_up=False):
        duration = 2 if warm_up else self.options.duration
        return wrk(url, SCRIPT, [sessions, write_every], duration, self.options.connections,
                   self.options.threads, randomised)

    @staticmethod
    def summarise(name, summary):
        errors = sum(summary[key] for key in (
            "connect_errors", "read_errors", "write_errors", "bad_status", "timeouts"))
        return {
            "name": name,
            "requests_per_second": summary["requests"] / (summary["duration_us"] / 1e6),
            "p50_ms": summary["p50_us"] / 1000, "p99_ms": summary["p99_us"] / 1000,
            "errors": errors,
        }

    def locked_lines(self):
        """Log lines that say a database was locked or busy."""
        if not self.log.exists():
            return 0
        finished = subprocess.run(
            ["grep", "-c", "-i", "-E", "database is locked|SQLITE_BUSY|database table is locked",
             str(self.log)], capture_output=True, text=True)
        return int(finished.stdout.strip() or 0)

    def backup(self):
        """`medsynq backup --all` against sqlite3 .backup plus gzip -6 of each file."""
        print("bench: backup", flush=True)
        result = {"name": "backup", "tenants": self.options.tenants}
        result.update(self.sqlite_gzip_backup())
        if not self.has_backup_command():
            result["available"] = False
            return result
        out = self.work / "backups-medsynq"
        started = time.monotonic()
        subprocess.run([str(self.binary), "backup", "--all", "--out", str(out),
                        "--data", str(self.data)], check=True, timeout=1800,
                       stdout=subprocess.DEVNULL)
        result.update(available=True, seconds=time.monotonic() - started,
                      bytes=folder_size(out))
        return result

    def has_backup_command(self):
        finished = subprocess.run([str(self.binary), "backup", "--help"],
                                  capture_output=True, text=True)
        return finished.returncode == 0 and "medsynq backup" in finished.stdout

    def sqlite_gzip_backup(self):
        out = self.work / "backups-sqlite3"
        out.mkdir()
        files = sorted((self.data / "tenants").glob("*.sqlite"))
        started = time.monotonic()
        for file in files:
            copy = out / file.name
            subprocess.run(["sqlite3", str(file), f".backup '{copy}'"], check=True, timeout=60)
            subprocess.run(["gzip", "-6", str(copy)], check=True, timeout=60)
        return {"baseline_seconds": time.monotonic() - started,
                "baseline_bytes": folder_size(out), "files": len(files)}

    def startup(self):
        """Launch to the first answer of /healthz, with `startup_tenants` in the catalog."""
        extra = self.options.startup_tenants - self.options.tenants
        if extra > 0:
            self.seed(extra, 0)
        print("bench: start-up", flush=True)
        server = Server(self.binary, self.data, self.options.pool_size, self.log,
                        self.options.server_threads)
        try:
            answered = wait_until(lambda: healthy(server.url), timeout=30, interval=0.002)
            seconds = time.monotonic() - server.launched
            time.sleep(0.2)
            open_shards = metrics(server.url).get("medsynq_shard_pool_open_shards")
            rss = rss_kib(server.pid) / 1024
        finally:
            server.stop()
        return {"name": "startup", "tenants": max(self.options.startup_tenants,
                                                  self.options.tenants),
                "seconds": seconds if answered else None, "rss_mib": rss,
                "open_shards": open_shards}


def healthy(url):
    try:
        return http_get(url + "/healthz", timeout=1)[0] == 200
    except OSError:
        return False


def hit_rate(before, after):
    def delta(name):
        return after.get(name, 0) - before.get(name, 0)
    hits = delta("medsynq_shard_pool_hits_total")
    misses = delta("medsynq_shard_pool_misses_total")
    return hits / (hits + misses) if hits + misses else None


def wrong_answers(before, after, writes):
    """Dashboard answers other than 200 for GET (a 303 means a lost session) and,
    when writing, other than 303 for POST."""
    wrong = 0
    for key, value in after.items():
        if not key.startswith(REQUESTS + "{") or 'route="/patients"' not in key:
            continue
        count = value - before.get(key, 0)
        fine = ('method="GET"' in key and 'status="200"' in key) or (
            writes and 'method="POST"' in key and 'status="303"' in key)
        if not fine:
            wrong += count
    return int(wrong)


def folder_size(folder):
    return sum(path.stat().st_size for path in Path(folder).rglob("*") if path.is_file())
