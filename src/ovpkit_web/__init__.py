"""The office's web workspace: a Django 5.2 site over the ovpkit core.

The core (``ovpkit``) never imports this package. The site stores the core's documents
(answers files, assessment documents, knowledge records) as the core validated them,
and renders results through ``ovpkit.publish``; it computes nothing of its own.

Import order inside the package: ``home`` and ``settings`` → ``models`` →
``permissions`` → ``domain`` (plain functions over models and the core) → ``forms`` →
``views`` → ``urls``; ``demo`` and ``cli`` sit on top.
"""
