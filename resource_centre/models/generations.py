from django.db import models


class Generation(models.Model):
    """The current token of one kind of content (resource_centre/generations.py)."""

    name = models.CharField(max_length=50, primary_key=True)
    token = models.CharField(max_length=32)

    def __str__(self):
        return f"{self.name}: {self.token}"
