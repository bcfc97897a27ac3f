"""A text progress bar for the long commands (export and import of a whole offer), written on one line of the
error stream so that the standard output keeps only the result."""


class ProgressBar:
    WIDTH = 30

    def __init__(self, stream, total: int, what: str):
        self.stream, self.total, self.what = stream, total, what

    def __call__(self, done: int) -> None:
        filled = self.WIDTH * done // self.total if self.total else self.WIDTH
        bar = "█" * filled + "·" * (self.WIDTH - filled)
        self.stream.write(f"\r{bar} {done}/{self.total} {self.what}")
        self.stream.flush()

    def finish(self) -> None:
        self.stream.write("\n")
        self.stream.flush()
