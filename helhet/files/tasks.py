"""Jobs of prepared files, run by the worker (``manage.py worker``). The files themselves are
made by each app's own job (``portfolio.tasks``, ``fund.tasks``, ``maturity.tasks``), which
calls ``helhet.files.services.prepared_file_make`` with the app's exporter."""

from django_tasks import task

from helhet.files.services import prepared_files_delete_expired, prepared_files_fail_stuck


@task()
def delete_expired_files() -> int:
    """The daily clean-up (``settings.HELHET_SCHEDULE``): every expired file's row and bytes are
    deleted, and a file that was never made (no worker ran, or one stopped while making it) is
    marked failed with the reason; returns how many were deleted."""
    prepared_files_fail_stuck()
    return prepared_files_delete_expired()
