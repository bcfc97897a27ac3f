from django.apps import AppConfig


class BenchDataConfig(AppConfig):
    """The generated national-scale offer of the benchmark (`generate_bench_data`). Installed by the development,
    test and benchmark settings only: production never ships it."""

    name = "bench.data"
    label = "bench_data"
    verbose_name = "Données du banc d'essai"
