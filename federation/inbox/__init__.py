"""The node's inbox: a peer's authenticated ping schedules an early harvest of that peer."""
