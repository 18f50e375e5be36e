"""Every change to a project's work goes through here, one module per part of it: its method and
gates (``enrolment``, ``gates``), its board, risk register and project log."""
