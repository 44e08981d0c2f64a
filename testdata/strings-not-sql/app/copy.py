"""User-facing text: plenty of SQL keywords, no SQL."""
import streamlit as st

PROMPT = "Select a file from the list"
HINT = "Update your settings, then set a reminder"
CONFIRM = "Delete from the archive? This cannot be undone."
insert_help = "Insert into the form the code we sent you"
REPLACE = "Replace into place the values you set"


def page(cache):
    st.text("Select the rows from the table below")
    st.write("Update the set of filters")
    cache.get("delete from cache")
    cache.query("select from here")
    return f"Select {PROMPT} from the menu"
