"""Views: check who may see the page, call the core or a domain function, render."""
