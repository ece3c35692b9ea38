"""The entry point for Celery: ``celery -A workers.main worker`` (``federation worker`` runs it)."""

from __future__ import annotations

from celery import Celery

from workers.app import create_celery

# Built when Celery imports this module, which is the moment a worker or beat starts.
app: Celery = create_celery()
