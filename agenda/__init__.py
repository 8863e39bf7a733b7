"""Ateliers, réseaux and other events, with séances, registrations and calendar feeds."""
