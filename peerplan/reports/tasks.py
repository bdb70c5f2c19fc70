"""Background tasks for committee reports: make an issued report's files outside any web request.

Run by the task worker (django-tasks); the test settings run them at once.
"""

from __future__ import annotations

from django_tasks import task

from .services import report_files_render


@task()
def report_files_task(report_id: int) -> str:
    """Render and store every format the report asked for; returns the report's state."""
    return str(report_files_render(report_id=report_id).state)
