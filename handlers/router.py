"""The one way in: an IncomingMessage becomes a list of Replies, whatever platform it came from."""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from handlers import command_words, wording
from handlers.command_words import SPOKEN
from handlers.documents import DEADLINES, TARGET_PAGE, TARGETS, DocumentLists
from handlers.errors import UserError
from handlers.fair_use import Ignored, Throttle
from handlers.incoming import IncomingMessage
from handlers.offers import CLEARED, FRESH_FOR, PICK_FRESH_FOR, PICKS, MemoryOffers, Offers
from handlers.questions import ANSWERS, TOPICS, Questions
from handlers.typed import visible
from knowledge.base import KnowledgeBase
from knowledge.vietnamese import fold
from schedules.messages import Reply

log = logging.getLogger(__name__)
_COMMAND_RE = re.compile(r"^/(?P<name>[^\s@]+)(?:@(?P<bot>\S+))?\s*(?P<args>.*)$", re.DOTALL)
_CHOICE_RE = re.compile(r"^(?:alt:)?(?P<number>\d{1,2})$")  # a typed number (or a button made before lists had ids)
_BUTTON_RE = re.compile(r"^alt:(?P<offer>\d{1,12}):(?P<number>\d{1,3})$")  # a button: its list and its number

Handler = Callable[[IncomingMessage, str], list[Reply]]
MENUS = (ANSWERS, TOPICS, PICKS, TARGETS, TARGET_PAGE, DEADLINES, CLEARED)  # what a typed number may pick from


class FileHandler(Protocol):
    """Takes files sent to the bot: says before the download whether it wants one, then handles it."""

    def screen(self, message: IncomingMessage) -> list[Reply]:
        """The refusal of a file not wanted (who sent it, its size, its type); empty to download it."""
        ...

    def receive(self, message: IncomingMessage) -> list[Reply]:
        """Handle a downloaded file (slow: platforms call it off the event loop)."""
        ...


@dataclass(frozen=True, slots=True)
class Command:
    """A slash command: its names (Vietnamese first, then the English alias, then others), what it does, and a
    one-line summary."""

    names: tuple[str, ...]
    run: Handler
    summary: str
    hidden: bool = False  # behind a button only: not listed in menus
    manages: bool = False  # changes the chat's state: a group's admin status matters


class Router:
    """Dispatches messages to commands, questions and choices; turns errors into short replies."""

    def __init__(self, knowledge: KnowledgeBase, timezone: ZoneInfo) -> None:
        self.knowledge = knowledge
        self.timezone = timezone
        offers = MemoryOffers()  # one store for every list: a typed number picks from whichever came last
        self.questions = Questions(knowledge, offers)
        self.lists = DocumentLists(knowledge, offers)
        self._commands: dict[str, Command] = {}
        self.files: FileHandler | None = None
        self.throttle: Throttle | None = None  # fair use, where the bot serves people (not the command line)
        for command in (
            Command(("hoi", "ask", "h"), self.questions.ask, "hỏi về nội dung văn bản"),
            Command(("chitieu", "targets"), self.lists.targets, "các chỉ tiêu theo lĩnh vực"),
            Command(("xemct",), self.lists.target_button, "nút Xem chỉ tiêu", hidden=True),
            Command(
                ("hanchot", "deadlines"),
                lambda message, args: self.lists.deadlines(message, self.today(message), args),
                "các hạn chót sắp tới (/hanchot tatca: cả hạn đã qua)",
            ),
            Command(
                ("vanban", "docs", "documents"), lambda message, _args: self.lists.documents(message),
                "các văn bản đang có"
            ),
            Command(("trogiup", "help", "start", "batdau"), lambda _message, _args: [self.help()], "trợ giúp"),
        ):
            self.register(command)

    def register(self, command: Command) -> None:
        """Add a command (later packages add reminders, subscriptions…); names are matched without marks."""
        for name in command.names:
            self._commands[fold(name)] = command

    def keep_offers(self, offers: Offers) -> None:
        """Keep the lists offered to chats in `offers` (the database, so that they outlive the process)."""
        self.questions.offers = self.lists.offers = offers

    def use(self, knowledge: KnowledgeBase) -> None:
        """Answer from `knowledge` from now on (a refreshed knowledge base); what chats were shown stays valid."""
        self.knowledge = self.questions.knowledge = self.lists.knowledge = knowledge

    def screen(self, message: IncomingMessage) -> list[Reply]:
        """For a message carrying a file: the refusal to send instead of downloading it, or [] to download it."""
        if message.attachment is None:
            return []
        if self.files is None:
            return [Reply(wording.INGEST_HINT)]
        try:
            return self.files.screen(message)
        except UserError as error:
            return [Reply(error.reason)]
        except Exception:
            log.exception("screening a file from %s:%s failed", message.platform, message.chat_id)
            return [Reply(wording.APOLOGY)]

    def today(self, message: IncomingMessage) -> date:
        """The message's date in the deployment's timezone."""
        return message.received_at.astimezone(self.timezone).date()

    def dispatch(self, message: IncomingMessage) -> list[Reply]:
        """Handle one message (invisible characters taken out first); a UserError becomes its reason, anything else
        a logged apology. Slow work is fine: platforms call this off the event loop."""
        try:
            if self.throttle is not None:
                self.throttle.check(message)
            clean = visible(message.text)
            if clean != message.text:
                message = dataclasses.replace(message, text=clean)
            return self._route(message)
        except Ignored:
            return []
        except UserError as error:
            return [Reply(error.reason)]
        except Exception:
            log.exception("handling a message from %s:%s failed", message.platform, message.chat_id)
            return [Reply(wording.APOLOGY)]

    def _route(self, message: IncomingMessage) -> list[Reply]:
        if message.attachment is not None:
            return self.files.receive(message) if self.files is not None else [Reply(wording.INGEST_HINT)]
        if message.callback:
            return self._callback(message, message.callback)
        text = message.text.strip()
        command = _COMMAND_RE.match(text)
        if command:
            name = fold(command.group("name"))
            found = self._commands.get(name)
            if found is None:
                raise UserError(self._unknown("/" + command.group("name"), command.group("args").strip()))
            return found.run(message, command.group("args").strip())
        choice = _CHOICE_RE.match(text)
        if choice:  # a bare number picks from the chat's last list, or gets a hint: it is never a question
            return self._typed_number(message, int(choice.group("number")))
        bare = self._commands.get(fold(text)) if " " not in text else None
        if bare is None and " " not in text and fold(text) in SPOKEN:  # "huongdan", "menu": a command's word
            bare = self._commands.get(command_words.meant(text, self._listed()) or "")
        if bare is not None:  # "hanchot" alone: a command typed without its slash
            raise UserError(wording.COMMAND_WITHOUT_SLASH.format(command="/" + bare.names[0]))
        if not any(character.isalnum() for character in text):
            raise UserError(wording.EMPTY_QUESTION)  # "👍", "???": nothing to look for
        return self.questions.ask(message, text)

    def _listed(self) -> dict[str, Command]:
        """Every name of the commands users may type (not those behind buttons only), folded."""
        return {name: command for name, command in self._commands.items() if not command.hidden}

    def _unknown(self, typed: str, args: str) -> str:
        """What to say of a command the bot does not have: the one meant, when one is near, with its arguments."""
        listed = self._listed()
        near = command_words.meant(typed[1:], listed)
        if near is None:
            return wording.UNKNOWN_COMMAND.format(command=typed)
        command = listed[near]
        return wording.did_you_mean(typed, command.names[0], args, command.summary)

    def forget_choices(self, message: IncomingMessage) -> None:
        """From now on a typed number in this chat picks from nothing shown before (a new console session)."""
        self.questions.offers.offer(message.platform, message.chat_id, CLEARED, [], message.received_at)

    def _typed_number(self, message: IncomingMessage, number: int) -> list[Reply]:
        """A typed number picks from the last numbered list this chat was shown, whichever it was: answers or
        topics, the fields of /chitieu, the deadlines of /hanchot; after reminders offered to a command typed without
        its number ("#2 …: gõ /xong 2") it is that command on that reminder (within minutes). An older list, or one
        left for hours, is never used: the user gets a hint."""
        offer = self.questions.offers.last_offer(message.platform, message.chat_id, MENUS)
        if offer is None or offer.kind == CLEARED or (not offer.items and offer.kind != PICKS):
            raise UserError(wording.NO_OPEN_CHOICES)
        if offer.kind == PICKS:
            found = self._commands.get(fold(str(offer.items[0]["command"]))) if offer.items else None
            if found is None or message.received_at - offer.created_at > timedelta(seconds=PICK_FRESH_FOR):
                raise UserError(wording.TYPED_REMINDER_NUMBER.format(number=number))  # reminders listed, no prompt
            return found.run(message, str(number))
        if message.received_at - offer.created_at > timedelta(seconds=FRESH_FOR):
            raise UserError(wording.STALE_CHOICES.format(at=offer.created_at.astimezone(self.timezone)))
        if offer.kind in (TARGETS, TARGET_PAGE):
            return self.lists.pick_field(message, offer, number)
        if offer.kind == DEADLINES:
            return self.lists.pick_deadline(message, offer, number, self.today(message))
        return self.questions.choose(message, number, offer.id)

    def _callback(self, message: IncomingMessage, data: str) -> list[Reply]:
        """A pressed button: "alt:LIST:N" picks choice N of its own list; other prefixes belong to commands."""
        button = _BUTTON_RE.match(data)
        if button:
            return self.questions.choose(message, int(button.group("number")), int(button.group("offer")))
        choice = _CHOICE_RE.match(data)
        if choice:
            return self.questions.choose(message, int(choice.group("number")))
        prefix, _, rest = data.partition(":")
        found = self._commands.get(fold(prefix))
        if found is None:
            raise UserError(wording.UNKNOWN_COMMAND.format(command=prefix))
        return found.run(message, rest)

    def manages(self, text: str, callback: str | None = None) -> bool:
        """Whether this message asks for a command that needs to know if the sender administers the group (a
        bare number may stand for /hoanlai N picked from a list)."""
        if not callback and _CHOICE_RE.match(text.strip()):
            return True
        if callback:
            found = self._commands.get(fold(callback.partition(":")[0]))
        else:
            command = _COMMAND_RE.match(text.strip())
            found = self._commands.get(fold(command.group("name"))) if command else None
        return bool(found and found.manages)

    def help(self) -> Reply:
        """The list of commands a user can type."""
        listed = [(command.names[0], command.names[1] if len(command.names) > 1 else "", command.summary)
                  for command in self.commands() if not command.hidden]
        return Reply(wording.help_text(listed))

    def commands(self) -> list[Command]:
        """Registered commands, each once, in registration order (for help and platform menus)."""
        return list(dict.fromkeys(self._commands.values()))
