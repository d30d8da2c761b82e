"""Writes of the forms app: schema editing, filling in, issuing documents."""
