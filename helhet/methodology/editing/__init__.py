"""Every change the portfolio office makes to a method goes through here, one module per part.

A method is changed by way of a draft (``drafts``): ``method_version_draft_create`` copies the
current version (levels, criteria, phases, decision points, checklists and required documents,
each with its levels; see ``copying``) into a new version that is edited freely, and
``method_version_publish`` makes it the version new projects start on. A published version never
changes again: every service that changes a part of a version (``levels``, ``phases``,
``checklists``) refuses one that is published, so projects running on it keep the method as it
was when they started. The method's own name, description and course are not versioned; they are
changed directly, and their history says who changed what.
"""
