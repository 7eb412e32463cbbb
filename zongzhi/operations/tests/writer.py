"""A writer for the backup drill and the concurrency tests, run as its own process against a real database:

    python -m zongzhi.operations.tests.writer setup            # the test world and one case; prints the case id
    python -m zongzhi.operations.tests.writer write CASE ACK SECONDS

``write`` adds evidence with a stored file (rows, a file and change-log entries in one transaction) as fast as it
can for SECONDS, appending "<evidence id> <time>" to ACK after each commit (an acknowledged write), and prints a JSON
summary {"written", "errors": [...]} at the end. It stops early when ACK.stop exists."""

import json
import os
import sys
import time
import traceback
from pathlib import Path


def main(argv):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zongzhi.settings")
    import django

    django.setup()
    if argv[0] == "setup":
        return setup()
    return write(int(argv[1]), Path(argv[2]), float(argv[3]))


def setup():
    from zongzhi.documents.tests.conftest import make_case
    from zongzhi.utilities.testing import build_world

    print(make_case(build_world()).pk)


def write(case_id, ack: Path, seconds):
    from zongzhi.cases.models import Case
    from zongzhi.evidence import services
    from zongzhi.evidence.choices import EvidenceKind
    from zongzhi.evidence.tests import files
    from zongzhi.officers.models import Officer
    from zongzhi.users.models import User

    case = Case.objects.get(pk=case_id)
    user, officer = User.objects.get(username="officer_a"), Officer.objects.get(name="林晓东")
    written, errors = 0, []
    stop = ack.with_name(ack.name + ".stop")
    deadline = time.monotonic() + seconds
    with open(ack, "a") as out:
        while time.monotonic() < deadline and not stop.exists():
            try:
                evidence = services.add_evidence(case, by=user, kind=EvidenceKind.AUDIOVISUAL,
                                                 title=f"照片{os.getpid()}-{written}", collected_by=officer,
                                                 files=[files.png()])
            except Exception:  # noqa: BLE001 - every failure is reported to the test
                errors.append(traceback.format_exc(limit=3))
                time.sleep(0.1)
                continue
            out.write(f"{evidence.pk} {time.time()}\n")
            out.flush()
            written += 1
    print(json.dumps({"written": written, "errors": errors}))


if __name__ == "__main__":
    main(sys.argv[1:])
