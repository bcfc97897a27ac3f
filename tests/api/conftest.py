from _pytest import nodes
from _pytest.nodeid import coerce_node_id

# Schemathesis's pytest plugin (4.32) renames the running test after each operation through ``Node._nodeid``,
# which pytest 9 replaced by a structured ``_id``: give it back as a view of ``_id`` until schemathesis follows.
if not hasattr(nodes.Node, "_nodeid"):
    nodes.Node._nodeid = property(
        lambda node: str(node._id), lambda node, value: setattr(node, "_id", coerce_node_id(value))
    )
