"""The load scenario of ``make load``: municipal people at work in the demo municipality, each
logging in as one of the demo's roles and going through the pages of their day (start page,
portfolio, an initiative, benefits, lessons search, ideas, fund, solutions, services, decisions
waiting), a few seconds apart. Run by bench/load/run.py against a production-mode server."""

from __future__ import annotations

import random
import re
from typing import Any

from locust import HttpUser, between, task

PEOPLE = ["portefolje", "prosjektleder", "eier", "gevinsteier", "leser", "direktor"]
PASSWORD = "demo"  # noqa: S105 - the demo users' published password
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
INITIATIVE = re.compile(r'href="(/portefolje/tiltak/\d+/)"')
SEARCHES = ["dispenser", "robot", "innbygger", "sensor", "oppfølging"]


class MunicipalPerson(HttpUser):
    wait_time = between(1, 3)

    def on_start(self) -> None:
        # Behind the HTTPS proxy: the server trusts X-Forwarded-Proto and sets secure cookies,
        # which the client keeps and sends back over this plain-HTTP hop.
        self.client.headers["X-Forwarded-Proto"] = "https"
        self.client.headers["Referer"] = f"https://{(self.host or '').split('://', 1)[-1]}/"
        login = self.client.get("/logg-inn/", name="/logg-inn/")
        self._keep_cookies()
        token = TOKEN.search(login.text)
        username = random.choice(PEOPLE)
        with self.client.post(
            "/logg-inn/",
            data={
                "csrfmiddlewaretoken": token.group(1) if token else "",
                "username": username,
                "password": PASSWORD,
            },
            name="/logg-inn/ (POST)",
            allow_redirects=False,
            catch_response=True,
        ) as answer:
            if answer.status_code != 302:
                answer.failure(f"{username} was not logged in ({answer.status_code})")
        self._keep_cookies()
        self.initiatives: list[str] = []

    def _keep_cookies(self) -> None:
        for cookie in self.client.cookies:
            cookie.secure = False

    def _get(self, path: str, name: str | None = None) -> Any:
        """The page itself, or an error: a redirect (to the login page) counts as one."""
        with self.client.get(
            path, name=name or path, allow_redirects=False, catch_response=True
        ) as answer:
            if answer.status_code != 200:
                answer.failure(f"{answer.status_code}")
            return answer

    @task(3)
    def start_page(self) -> None:
        self._get("/")

    @task(3)
    def portfolio(self) -> None:
        page = self._get("/portefolje/")
        self.initiatives = INITIATIVE.findall(page.text) or self.initiatives

    @task(3)
    def an_initiative(self) -> None:
        if self.initiatives:
            self._get(random.choice(self.initiatives), name="/portefolje/tiltak/<id>/")

    @task(2)
    def benefits(self) -> None:
        self._get("/gevinster/")

    @task(2)
    def lessons_search(self) -> None:
        word = random.choice(SEARCHES)
        self._get(f"/laering/erfaringer/?q={word}", name="/laering/erfaringer/?q=<word>")

    @task(1)
    def ideas(self) -> None:
        self._get("/ideer/")

    @task(1)
    def fund(self) -> None:
        self._get("/fond/")

    @task(1)
    def solutions(self) -> None:
        self._get("/losninger/")

    @task(1)
    def services(self) -> None:
        self._get("/tjenester/")

    @task(1)
    def decisions_waiting(self) -> None:
        self._get("/prosjekter/beslutninger/")
