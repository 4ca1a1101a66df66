"""The messengers the bot runs on (console, Telegram, Zalo), and what they say when one cannot start."""


class PlatformStartError(Exception):
    """A messenger refused the bot at start (its token, its address): one Vietnamese line naming what to fix."""
