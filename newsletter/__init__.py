"""The centre's lettre, composed in Wagtail, rendered with MJML and sent from the CMS."""
