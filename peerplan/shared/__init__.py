"""The bottom layer: words and vocabularies every other layer shares (dates as the product writes them).

It imports nothing of peerplan's, so the domain, the web pages, the reports and the API can all use it.
"""
