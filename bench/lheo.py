"""The LHEO export of the whole public offer (``manage.py export_lheo``), timed, with the peak memory of the process
that wrote it: the export is streamed, so its peak must not grow with the offer. Prints one JSON object. The CPU
time of the export (user and system) goes with the duration: on a machine shared with other work, it is the figure
that compares two runs."""

import argparse
import json
import os
import resource
import sys
import time


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--output", required=True)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.bench")
    import django

    django.setup()
    from django.core.management import call_command

    started, cpu_started = time.monotonic(), _cpu_seconds()
    call_command("export_lheo", "--output", args.output, stdout=sys.stderr, stderr=open(os.devnull, "w"))  # noqa: SIM115
    seconds, cpu_seconds = time.monotonic() - started, _cpu_seconds() - cpu_started
    # ru_maxrss is in kilobytes on Linux.
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "seconds": seconds,
                "cpu_seconds": cpu_seconds,
                "peak_rss_mb": peak_mb,
                "bytes": os.path.getsize(args.output),
            }
        )
    )


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


if __name__ == "__main__":
    main()
