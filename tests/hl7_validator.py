"""HL7's FHIR R4 validator (fhir-validator/: the HAPI FHIR validation library
over HL7's validator core) as one process the tests start once per session:
a resource goes in as one JSON line, its issues come back as one."""

from __future__ import annotations

import json
import os
import subprocess
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

LAUNCHER = Path(__file__).resolve().parents[1] / "fhir-validator"
CLASSPATH = LAUNCHER / "target" / "classpath.txt"
MAIN_CLASS = "care.graphsvc.validator.Hl7Validator"
READY = "ready"
JAVA_OPTS = ("-Xms256m", "-Xmx1g", "-XX:+UseSerialGC")


def build() -> list[str]:
    """Compile the validator when its sources are newer than the build (Maven
    fetches the HAPI jars into its cache the first time) and return its
    classpath."""
    sources = [LAUNCHER / "pom.xml", *LAUNCHER.glob("src/**/*.java")]
    stale = not CLASSPATH.exists() or any(
        s.stat().st_mtime > CLASSPATH.stat().st_mtime for s in sources
    )
    if stale:
        subprocess.run(["mvn", "-q", "-B", "compile"], cwd=LAUNCHER, check=True)
        CLASSPATH.touch()  # Maven leaves an unchanged classpath file as it was
    return [str(LAUNCHER / "target" / "classes"), CLASSPATH.read_text().strip()]


@dataclass(frozen=True)
class Hl7Issue:
    severity: str  # fatal, error, warning, information
    message_id: str
    location: str
    message: str

    def __str__(self) -> str:
        return f"{self.severity} {self.message_id} at {self.location}: {self.message}"


class Hl7Validator:
    """One validator process. ``start`` returns once it has validated a first
    resource; ``validate`` may be called from any thread, one at a time."""

    CACHED = 4096  # answers kept: a test suite reads the same bodies again and again

    def __init__(self) -> None:
        self._process: subprocess.Popen[str] | None = None
        self._lock = threading.Lock()
        self._answers: OrderedDict[str, list[Hl7Issue]] = OrderedDict()

    def start(self) -> None:
        classpath = os.pathsep.join(build())
        self._process = subprocess.Popen(
            ["java", *JAVA_OPTS, "-cp", classpath, MAIN_CLASS],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        assert self._process.stdout is not None
        line = self._process.stdout.readline()
        if line.strip() != READY:
            self.stop()
            raise RuntimeError(f"HL7's validator did not start: {line!r}")

    def validate(self, resource: dict[str, Any]) -> list[Hl7Issue]:
        process = self._process
        if process is None or process.stdin is None or process.stdout is None:
            raise RuntimeError("HL7's validator is not running")
        line = json.dumps(resource, ensure_ascii=False)
        with self._lock:
            if line in self._answers:
                self._answers.move_to_end(line)
                return list(self._answers[line])
            process.stdin.write(line + "\n")
            process.stdin.flush()
            answer = process.stdout.readline()
            if not answer:
                raise RuntimeError(f"HL7's validator ended (exit code {process.poll()})")
            issues = [
                Hl7Issue(i["severity"], i["messageId"] or "", i["location"] or "", i["message"])
                for i in json.loads(answer)["issues"]
            ]
            self._answers[line] = issues
            if len(self._answers) > self.CACHED:
                self._answers.popitem(last=False)
        return list(issues)

    def stop(self, timeout: float = 30.0) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        if process.stdin is not None:
            process.stdin.close()
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
