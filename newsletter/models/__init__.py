from .pages import LettrePage, NewsletterIndexPage
from .publications import Publication
from .sending import Delivery, Send
from .subscribers import Subscriber, Subscription

__all__ = [
    "Delivery",
    "LettrePage",
    "NewsletterIndexPage",
    "Publication",
    "Send",
    "Subscriber",
    "Subscription",
]
