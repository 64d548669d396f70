"""The command line: parses arguments, calls the library, prints. One module per command
group; Russian words for Typer in `ru`."""
