"""Template helpers of the deal pages."""

from django import template

register = template.Library()

STATE_COLOURS = {
    "approved": "bg-green-lt",
    "won": "bg-green-lt",
    "rejected": "bg-secondary-lt",
    "expired": "bg-secondary-lt",
    "lost": "bg-secondary-lt",
    "cancelled": "bg-secondary-lt",
    "withdrawn": "bg-secondary-lt",
    "returned": "bg-orange-lt",
}


@register.filter
def state_colour(state: str) -> str:
    """A registration's or opportunity's state badge colour: one look-up,
    where the template's chain of comparisons was a tenth of a list row."""
    return STATE_COLOURS.get(state, "bg-blue-lt")
