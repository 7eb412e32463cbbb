"""The users of `make loadtest` (scripts/loadtest.py runs locust with this file): 50 at once on the demo county —
20 township officers, 8 township leaders, 6 of the justice bureau, 6 department liaisons and 10 of the public —
each opening the pages of their day with a pause of 1 to 3 s between two; officers also register clues through the
API. Requests are named by page, ids replaced by [id], so that the figures are per page."""

import json
import os
import random
import re
import uuid

from locust import HttpUser, between, task

PASSWORD = os.environ.get("LOADTEST_PASSWORD", "zongzhi2026")
DATA = json.loads(open(os.environ["LOADTEST_DATA"]).read()) if os.environ.get("LOADTEST_DATA") else {}


class Staff(HttpUser):
    abstract = True
    wait_time = between(1, 3)
    username = None

    def on_start(self):
        login = self.client.get("/login/", name="/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login.text).group(1)
        self.client.post("/login/", {"csrfmiddlewaretoken": token, "username": self.username, "password": PASSWORD},
                         headers={"Referer": self.host + "/login/"}, name="/login/ (POST)")
        cases = self.client.get("/api/v1/cases/?page_size=50", name="/api/v1/cases/").json()
        self.case_ids = [c["id"] for c in cases.get("results", [])] or [0]

    def page(self, path, name=None):
        self.client.get(path, name=name or path)

    @task(3)
    def home(self):
        self.page("/")

    @task(3)
    def case_list(self):
        self.page("/cases/cases/")

    @task(4)
    def case_detail(self):
        self.page(f"/cases/cases/{random.choice(self.case_ids)}/", "/cases/cases/[id]/")

    @task(1)
    def case_api(self):
        self.page("/api/v1/cases/?page_size=20", "/api/v1/cases/")


class Officer(Staff):
    fixed_count = 20
    username = "officer"

    def on_start(self):
        super().on_start()
        clue = self.client.get("/api/v1/clues/?page_size=1", name="/api/v1/clues/").json()["results"][0]
        self.clue = {k: clue[k] for k in ("agency", "region", "source", "category", "matter", "address")}

    @task(2)
    def clues(self):
        self.page("/cases/clues/")

    @task(1)
    def deadlines(self):
        self.page("/cases/deadlines/")

    @task(1)
    def subjects(self):
        self.page("/subjects/")

    @task(1)
    def evidence(self):
        self.page("/evidence/")

    @task(1)
    def register_clue(self):
        self.client.post("/api/v1/clues/", json={**self.clue, "description": f"压力测试线索 {uuid.uuid4().hex}"},
                         headers={"X-CSRFToken": self.client.cookies.get("csrftoken", ""),
                                  "Referer": self.host + "/"}, name="/api/v1/clues/ (POST)")


class Leader(Staff):
    fixed_count = 8
    username = "leader"

    @task(2)
    def overdue(self):
        self.page("/cases/deadlines/?overdue=1", "/cases/deadlines/?overdue=1")

    @task(1)
    def reviews(self):
        self.page("/reviews/legal-reviews/")


class Bureau(Staff):
    fixed_count = 6
    username = "bureau"

    @task(1)
    def officers(self):
        self.page("/force/officers/")

    @task(1)
    def certificates(self):
        self.page("/force/certificates/")

    @task(1)
    def change_log(self):
        self.page("/audit/")

    @task(1)
    def catalog(self):
        self.page("/catalog/matters/")


class Department(Staff):
    fixed_count = 6
    username = "dept"

    @task(2)
    def transfers(self):
        self.page("/reviews/transfers/")

    @task(1)
    def matters(self):
        self.page("/catalog/matters/")


class Public(HttpUser):
    fixed_count = 10
    wait_time = between(1, 3)

    @task(2)
    def report_form(self):
        self.client.get("/report/", name="/report/")

    @task(3)
    def published_decisions(self):
        page = self.client.get("/documents/public/", name="/documents/public/")
        ids = re.findall(r"/documents/public/(\d+)/", page.text)
        if ids:
            self.client.get(f"/documents/public/{random.choice(ids)}/", name="/documents/public/[id]/")

    @task(2)
    def verify_document(self):
        if DATA.get("documents"):
            number, code = random.choice(DATA["documents"])
            self.client.get("/documents/verify/", params={"number": number, "code": code},
                            name="/documents/verify/")
