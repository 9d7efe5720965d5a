"""The command line's own words in the reader's language: help texts and usage mistakes.

Two kinds of words are not ovpkit's messages but still reach the reader of a terminal:

- the help of every command, option and argument (written once, in English, as the
  commands' docstrings and ``help=`` texts): :func:`translate_help` replaces each by its
  catalog translation on the command objects built for this run; the catalog update
  collects them from the same objects (:func:`help_texts`), so no text is marked twice;
- a command typed wrong (an unknown option, a missing file name): Typer words these in
  English only, so :func:`usage_error` rewords the common ones as an ovpkit error, in the
  run's language, printed like every other error (or as JSON under ``--json``).

Help is printed while the options are parsed, before ``--lang`` is read, so the language
of a run is found first in its arguments (``--lang es`` or ``--lang=es``), then in
``OVPKIT_LANG``: :class:`TranslatedGroup` does both before parsing starts.
"""

from __future__ import annotations

import inspect
import sys
from collections.abc import Iterator, Sequence
from typing import Any

import typer

# Typer carries its own copy of Click; its usage mistakes are these classes.
from typer._click.exceptions import (
    BadParameter,
    MissingParameter,
    NoArgsIsHelpError,
    NoSuchOption,
)
from typer._click.exceptions import UsageError as TyperUsageError
from typer.core import TyperGroup

from ovpkit.cli.language import environment_language, language_code
from ovpkit.errors import OvpkitError
from ovpkit.i18n import LANGUAGES, N_, _, set_language


class UsageError(OvpkitError):
    """The command was typed in a way it cannot run (an option or a file name wrong)."""

    title = N_("The command is not written as it expects")


class TranslatedGroup(TyperGroup):
    """The ``ovpkit`` group: the run's language and translated help before parsing."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        restore = set_language(requested_language(argv))
        try:
            translate_help(self)
            try:
                result = super().main(
                    argv, prog_name, complete_var, False, windows_expand_args, **extra
                )
            except typer.Abort:
                if not standalone_mode:
                    raise
                typer.echo(_("Stopped."), err=True)
                sys.exit(1)
            except NoArgsIsHelpError as exc:
                if not standalone_mode:
                    raise
                exc.show()
                sys.exit(0)
            except TyperUsageError as exc:
                if not standalone_mode:
                    raise
                _report(usage_error(exc), as_json="--json" in argv)
                sys.exit(exc.exit_code)
        finally:
            restore()
        if standalone_mode:
            sys.exit(result if isinstance(result, int) else 0)
        return result


def _report(error: UsageError, *, as_json: bool) -> None:
    from ovpkit.cli.app import report_error  # the app module builds its group from this one

    report_error(error, as_json=as_json)


def requested_language(args: Sequence[str]) -> str:
    """The language a run asks for: its ``--lang`` if it names one, else the environment's."""
    for index, arg in enumerate(args):
        if arg == "--":
            break
        value = None
        if arg == "--lang" and index + 1 < len(args):
            value = args[index + 1]
        elif arg.startswith("--lang="):
            value = arg.removeprefix("--lang=")
        if value is not None and language_code(value) in LANGUAGES:
            return language_code(value)
    return environment_language()


def translate_help(command: Any) -> None:
    """Replace the help of ``command`` and everything under it by its translation."""
    for item, attribute, text in _help(command):
        setattr(item, attribute, _(text))


def help_texts(command: Any) -> Iterator[str]:
    """Every help text of ``command`` and its subcommands, for the catalogs."""
    for _item, _attribute, text in _help(command):
        yield text


def _help(command: Any) -> Iterator[tuple[Any, str, str]]:
    """(object, attribute, text as the catalogs hold it) for every help text under ``command``."""
    for item in _described(command):
        for attribute in ("help", "short_help"):
            text = getattr(item, attribute, None)
            if text:
                yield item, attribute, inspect.cleandoc(text)


def _described(command: Any) -> Iterator[Any]:
    """``command``, its parameters, then the same for each subcommand."""
    yield command
    yield from command.params
    for sub in getattr(command, "commands", {}).values():
        yield from _described(sub)


def usage_error(exc: TyperUsageError) -> UsageError:
    """Typer's usage mistake ``exc`` as an ovpkit error in the current language.

    The mistakes a person makes most (an unknown option, a missing argument or option, a
    value that does not fit) are reworded from the exception's fields; anything else keeps
    Typer's message, which is English.
    """
    command = exc.ctx.command_path if exc.ctx is not None else "ovpkit"
    hint = _("'{command} --help' lists what it takes").format(command=command)
    if isinstance(exc, NoSuchOption):
        if exc.possibilities:
            options = ", ".join(sorted(exc.possibilities))
            hint = _("did you mean {options}?").format(options=options)
        return UsageError(
            _("there is no option {option}").format(option=exc.option_name), hint=hint
        )
    if isinstance(exc, MissingParameter) and exc.param is not None:
        return UsageError(_("{name} is missing").format(name=_param_name(exc.param)), hint=hint)
    if isinstance(exc, BadParameter) and exc.param is not None:
        message = _("the value given for {name} cannot be used: {detail}")
        detail = message.format(name=_param_name(exc.param), detail=exc.message)
        return UsageError(detail, hint=hint)
    return UsageError(exc.message, hint=hint)


def _param_name(param: Any) -> str:
    """How the reader typed or should type ``param``: ``--year``, or ``ANSWERS`` as in help."""
    options = [o for o in getattr(param, "opts", []) if o.startswith("--")]
    if options:
        return str(options[0])
    return str(getattr(param, "name", "") or "").upper()
