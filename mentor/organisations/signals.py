from django.dispatch import Signal

# Sent with ``organisation`` after it moved in the tree or changed kind, once the ministry and path of its whole
# subtree are rewritten. Apps that copy an organisation's ministry listen to it.
subtree_moved = Signal()
