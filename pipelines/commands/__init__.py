"""The `ocop-news` subcommands, one module per family; `pipelines.cli` assembles them."""
