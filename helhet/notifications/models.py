"""Notifications to a person: in the app (the bell) and by e-mail, each kind as the person
chooses (issue 15)."""
