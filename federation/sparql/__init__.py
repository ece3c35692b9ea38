"""The SPARQL 1.1 query endpoint: a read-only copy of the index in a pyoxigraph store, one named
graph per source network, queried in separate processes that a time limit can stop."""
