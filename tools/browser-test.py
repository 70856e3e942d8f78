#!/usr/bin/env python3
"""Drives MedSynQ in headless Chromium as a clinic's staff would.

Starts the built `medsynq serve` on a free port with a temporary data folder,
creates an organisation, logs out and in, adds a patient and finds it in the
table, then saves screenshots of the pages to screenshots/ to be looked at.
Prints 'browser: N passed, M failed' and exits non-zero on any failure.
"""
import os
import select
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

ROOT = Path(__file__).resolve().parent.parent
BINARY = Path(os.environ.get("MEDSYNQ_BINARY", ROOT / ".build" / "debug" / "medsynq"))
SHOTS = ROOT / "screenshots"
TAGLINE = "Synchronise care across organisations"


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def expect(self, condition, what):
        if condition:
            self.passed += 1
        else:
            self.failed += 1
            print(f"FAILED: {what}", file=sys.stderr)


def start_server(data):
    log = open(os.path.join(data, "server.log"), "w")
    server = subprocess.Popen(
        [str(BINARY), "serve", "--data", data, "--port", "0"],
        stdout=subprocess.PIPE, stderr=log, text=True)
    ready, _, _ = select.select([server.stdout], [], [], 30)
    line = server.stdout.readline() if ready else ""
    if "serving" not in line:
        server.kill()
        log.close()
        raise SystemExit(f"the server did not start: {open(log.name).read()}")
    return server, line.strip().rsplit(" ", 1)[-1]


def stop_server(server):
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()
        raise


def make_browser():
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                     "--window-size=1280,900"):
        options.add_argument(argument)
    driver = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    return webdriver.Chrome(service=Service(driver), options=options)


def fill(browser, fields):
    for name, value in fields.items():
        element = browser.find_element(By.NAME, name)
        element.clear()
        element.send_keys(value)


def submit(browser):
    """Sends the page's form and waits until the browser shows the answer."""
    button = browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]")
    follow(browser, button)


def follow(browser, element):
    """Clicks `element` and waits for the page it leads to to load."""
    element.click()
    WebDriverWait(browser, 15).until(expected_conditions.staleness_of(element))
    WebDriverWait(browser, 15).until(
        lambda driver: driver.execute_script("return document.readyState") == "complete")


def shot(browser, name):
    SHOTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(SHOTS / f"{name}.png"))


def run(browser, base, checks):
    browser.get(base + "/signup")
    checks.expect(TAGLINE in browser.page_source, "the sign-up page shows the tagline")
    logo = browser.find_element(By.CSS_SELECTOR, "img[src='/images/logo.png']")
    checks.expect(logo.get_property("naturalWidth") > 0, "the logo image loads")
    fill(browser, {"organisation": "Meadow Clinic", "name": "Alex Example",
                   "email": "alex@example.org", "password": "meadow-password-1"})
    shot(browser, "signup")
    submit(browser)
    checks.expect(browser.current_url.endswith("/patients"), "sign-up leads to the dashboard")
    checks.expect("Meadow Clinic" in browser.page_source, "the dashboard names the organisation")

    follow(browser, browser.find_element(By.CSS_SELECTOR, ".account button"))
    checks.expect(browser.current_url.endswith("/login"), "logging out leads to the login page")
    shot(browser, "login")
    fill(browser, {"organisation": "meadow clinic", "email": "alex@example.org",
                   "password": "wrong-password-1"})
    submit(browser)
    checks.expect("not right" in browser.page_source, "a wrong password gets the generic message")
    shot(browser, "login-error")
    fill(browser, {"password": "meadow-password-1"})
    submit(browser)
    checks.expect(browser.current_url.endswith("/patients"), "logging in leads to the dashboard")

    fill(browser, {"name": "Robin Madeup", "notes": "Made-up allergy note"})
    browser.execute_script(
        "document.getElementById('date_of_birth').value = '1984-07-21'")
    submit(browser)
    rows = browser.find_elements(By.CSS_SELECTOR, "tbody tr")
    checks.expect(len(rows) == 1, "one patient row is listed")
    checks.expect(rows and "Robin Madeup" in rows[0].text, "the row names the patient")
    checks.expect(rows and "1984-07-21" in rows[0].text, "the row shows the date of birth")
    checks.expect("Patient added." in browser.page_source, "the dashboard confirms the addition")
    shot(browser, "dashboard")

    fill(browser, {"name": ""})
    submit(browser)
    checks.expect("Enter the patient" in browser.page_source, "an empty name is explained")
    shot(browser, "dashboard-error")

    follow(browser, browser.find_element(By.LINK_TEXT, "Staff"))
    checks.expect("Alex Example" in browser.page_source, "the staff page lists the admin")
    fill(browser, {"name": "Sam Colleague", "email": "sam@example.org",
                   "password": "sam-password-1"})
    submit(browser)
    checks.expect("Sam Colleague" in browser.page_source, "the admin adds a member of staff")
    shot(browser, "staff")

    browser.set_window_size(390, 844)
    browser.get(base + "/patients")
    shot(browser, "dashboard-phone")
    width = browser.execute_script("return document.documentElement.scrollWidth")
    checks.expect(width <= 390, "the dashboard fits a phone's width")


def main():
    data = tempfile.mkdtemp(prefix="medsynq-browser-")
    server, base = start_server(data)
    checks = Checks()
    try:
        browser = make_browser()
        try:
            run(browser, base, checks)
        finally:
            browser.quit()
    finally:
        try:
            stop_server(server)
        finally:
            shutil.rmtree(data, ignore_errors=True)
    print(f"browser: {checks.passed} passed, {checks.failed} failed")
    return 1 if checks.failed else 0


if __name__ == "__main__":
    sys.exit(main())
